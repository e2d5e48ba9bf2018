import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, backOfficeTab, expect, login, scan, startServer, stopServer, words, type Server } from './fixtures.js';
import { openSimulatedCounter, type SimulatedCounter } from '../drivers/simulators/counter.js';
import { openPtyPair } from '../drivers/transports/pty-pair.js';
import { SerialTransport } from '../drivers/transports/serial.js';
import { VirtualEscPosPrinter } from '../drivers/simulators/escpos/virtual-printer.js';
import type { Page } from '@playwright/test';

const t = words('ru');
const MILK = '4600070000373';
const HOUR = 3_600_000;

/**
 * A till served by `lavka serve --devices FILE`, FILE naming the simulators this test runs on
 * socat pty pairs: the settings path end to end, real serial bytes, and the faults in our hands.
 */
const test = base.extend<{ counter: SimulatedCounter & { clock: { now: Date } }; shop: Server }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  counter: async ({}, use) => {
    const clock = { now: new Date() };
    const counter = await openSimulatedCounter({ now: () => clock.now });
    await use(Object.assign(counter, { clock }));
    await counter.close();
  },
  shop: async ({ counter }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'lavka-devices-'));
    const file = join(dir, 'devices.json');
    writeFileSync(file, JSON.stringify(counter.settings));
    const server = await startServer(['--devices', file]);
    await use(server);
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  },
});

async function openShift(page: Page): Promise<void> {
  await page.locator('input[name=float]').fill('0');
  await page.keyboard.press('Enter');
  await expect(page.locator('input[name=scan]')).toBeFocused();
}

/** Scans and waits for the line: paying before the receipt has it would pay nothing. */
async function scanLine(page: Page, code: string, lines: number): Promise<void> {
  await scan(page, code);
  await expect(page.getByTestId('cart-line')).toHaveCount(lines);
}

async function until(check: () => boolean): Promise<void> {
  await expect.poll(check, { timeout: 10_000 }).toBe(true);
}

test('paper out mid-shift: the sale completes, the till shows the printer problem, and the receipt is printed again once paper is in', async ({ page, counter, shop }) => {
  await page.goto(shop.url);
  await login(page, '1111');
  await openShift(page);
  await expect(page.getByTestId('device-printer')).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('device-fiscal')).toHaveAttribute('data-state', 'ok');

  counter.paper.setState({ paperOut: true });
  await scanLine(page, MILK, 1);
  await page.keyboard.press('F6');
  await page.keyboard.press('Enter');
  // fiscalised and in the ledger: the receipt is on screen with its fiscal data
  const receipt = page.getByTestId('receipt-dialog');
  await expect(receipt.getByTestId('receipt-paper')).toContainText(/ФД \d+ +ФП \d+/);
  // the till says so where it stays in sight, not only in a passing notice
  await expect(page.getByTestId('device-printer')).toHaveAttribute('data-state', 'problem');
  await expect(page.getByTestId('device-printer')).toContainText(t('devices.paperOut'));
  expect(counter.paper.cuts).toBe(0);

  counter.paper.setState({ paperOut: false });
  await receipt.getByRole('button', { name: t('receipt.print') }).click();
  await expect(page.getByTestId('notice')).toContainText(t('receipt.printed'));
  await until(() => counter.paper.cuts === 1);
  const printed = counter.paper.lines(0).map((l) => l.trim());
  expect(printed).toContain('КАССОВЫЙ ЧЕК / ПРИХОД');
  expect(printed).toContainEqual(expect.stringMatching(/^1\. Молоко 2,5% Простоквашино/));
  await expect(page.getByTestId('device-printer')).toHaveAttribute('data-state', 'ok');
});

test('a registrar shift over 24 hours blocks the sale until the Z report', async ({ page, counter, shop }) => {
  await page.goto(shop.url);
  await login(page, '1111');
  await openShift(page);
  await scanLine(page, MILK, 1);
  await page.keyboard.press('F6');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt-paper')).toContainText(/ФД \d+ +ФП \d+/);
  await page.keyboard.press('Enter');

  // a day and an hour later by the registrar's clock
  counter.clock.now = new Date(counter.clock.now.getTime() + 25 * HOUR);
  await scanLine(page, MILK, 1);
  await page.keyboard.press('F6');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('notice')).toContainText(t('errors.shiftOver24h'));
  await expect(page.getByTestId('device-fiscal')).toHaveAttribute('data-state', 'warning');
  await expect(page.getByTestId('device-fiscal')).toContainText(t('devices.shiftOver24h'));
  const receipts = () => [...counter.registrar.registrar.documents.values()].filter((d) => d.receiptType === 1).length;
  expect(receipts()).toBe(1);

  // the receipt waits: cancel it (a manager's PIN), close the shift with the Z report, sell again
  await page.keyboard.press('Escape');
  await page.keyboard.press('F9');
  const override = page.getByTestId('override-dialog');
  await override.locator('input[name=override-pin]').fill('2222');
  await override.locator('input[name=override-pin]').press('Enter');
  await expect(page.getByTestId('cart-line')).toHaveCount(0);
  await page.keyboard.press('F12');
  await page.getByTestId('reports-dialog').getByRole('button', { name: t('reports.z') }).click();
  const z = page.getByTestId('z-dialog');
  await z.locator('input[name=counted]').fill('0');
  await z.locator('input[name=counted]').press('Enter');
  await expect(page.getByTestId('report-paper')).toContainText('ОТЧЁТ О ЗАКРЫТИИ СМЕНЫ (Z)');
  await page.keyboard.press('Enter');
  await openShift(page);
  await scanLine(page, MILK, 1);
  await page.keyboard.press('F6');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt-paper')).toContainText(/ФД \d+ +ФП \d+/);
  expect(receipts()).toBe(2);
  await expect(page.getByTestId('device-fiscal')).toHaveAttribute('data-state', 'ok');
});

test('the serial scanner, the scale and both customer displays at the till', async ({ page, context, counter, shop }) => {
  const display = await context.newPage();
  await display.goto(`${shop.url}#/display`);
  await expect(display.getByTestId('display-welcome')).toBeVisible();
  await page.goto(shop.url);
  await login(page, '1111');
  await openShift(page);

  // a code from the serial scanner lands in the receipt, the focus elsewhere
  await page.getByTestId('lang').focus();
  await counter.scanner.scan(MILK);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  // apples by PLU: the weight comes from the scale, no dialog
  counter.platform.put(1_250);
  await scan(page, '1');
  await expect(page.getByTestId('cart-line').nth(1)).toContainText('1,250 кг');
  await expect(page.getByTestId('qty-dialog')).toHaveCount(0);
  await expect(display.getByTestId('display-line')).toContainText('Яблоки Голден');
  const total = await page.getByTestId('total').innerText();
  await expect(display.getByTestId('display-total')).toHaveText(total);
  await until(() => counter.pole.lines()[0].startsWith('Яблоки Голд'));

  // nothing on the scale: the dialog says so, and weighs again once the apples are on
  counter.platform.put(0);
  await scan(page, '1');
  const qty = page.getByTestId('qty-dialog');
  await expect(qty.getByTestId('scale-problem')).toContainText(t('scale.zero'));
  counter.platform.put(800);
  await qty.getByTestId('weigh-again').click();
  await expect(page.getByTestId('cart-line')).toHaveCount(3);
  await expect(page.getByTestId('cart-line').nth(2)).toContainText('0,800 кг');

  await page.keyboard.press('F5');
  const pay = page.getByTestId('payment-dialog');
  await pay.locator('input[name=cash]').fill('1000');
  await pay.locator('input[name=cash]').press('Enter');
  await expect(display.getByTestId('display-change')).toBeVisible();
  await until(() => counter.pole.lines()[1].startsWith('СДАЧА'));
  await until(() => counter.paper.drawerKicks.length === 1);
});

test('the devices tab: a printer set up on a serial line, its test page decoded by the virtual printer', async ({ page }) => {
  const pair = await openPtyPair();
  const line = await SerialTransport.open({ path: pair.b, baudRate: 115200 });
  const printer = new VirtualEscPosPrinter();
  printer.attach(line);
  const server = await startServer();
  try {
    await page.goto(server.url);
    await login(page, '0000');
    await backOfficeTab(page, 'devices');
    const card = page.getByTestId('dev-printer');
    // the demo shop prints on its in-process simulator until told otherwise
    await expect(card.locator('select[name=printer-kind]')).toHaveValue('demo');
    await card.locator('select[name=printer-kind]').selectOption('escpos');
    await card.locator('input[name=printer-path]').fill(pair.a);
    await card.locator('select[name=printer-baud]').selectOption('115200');
    await card.locator('select[name=printer-profile]').selectOption('xprinter-80');
    await page.getByTestId('devices-save').click();
    await expect(page.getByTestId('notice')).toContainText(t('dev.saved'));
    await expect(card.getByTestId('status-printer')).toHaveAttribute('data-state', 'ok');
    await card.getByTestId('test-printer').click();
    await expect(card.getByTestId('test-result-printer')).toHaveText(t('devices.test.printed'));
    await until(() => printer.cuts === 1);
    const page1 = printer.lines(0).map((l) => l.trim());
    expect(page1).toContain('ПРОВЕРКА ПЕЧАТИ');
    expect(page1).toContain('АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ №1');
    expect(page1).toContain('[qr LAVKA TEST]');

    // a wrong port is said plainly, and the journal keeps who changed what
    await card.locator('input[name=printer-path]').fill('/dev/ttyLAVKA9');
    await page.getByTestId('devices-save').click();
    await expect(card.getByTestId('status-printer')).toHaveAttribute('data-state', 'problem');
    await expect(card.getByTestId('status-printer')).toContainText(t('devices.portUnavailable'));
    await page.getByRole('tab', { name: t('bo.journal') }).click();
    await expect(page.getByTestId('journal').locator('tr[data-type="devices.saved"]')).toHaveCount(2);
  } finally {
    await stopServer(server);
    await line.close();
    await pair.close();
  }
});

test('the owner edits the VAT table', async ({ page, server }) => {
  await page.goto(server.url);
  await login(page, '0000');
  await backOfficeTab(page, 'vat');
  const table = page.getByTestId('vat-table');
  await table.locator('input[name=vat-new-code]').fill('5');
  await table.locator('input[name=vat-new-percent]').fill('5');
  await table.locator('input[name=vat-new-label]').fill('НДС 5%');
  await table.locator('input[name=vat-new-tag]').fill('7');
  await page.getByTestId('vat-add').click();
  await expect(table.locator('tr[data-code="5"] input[name=vat-5-label]')).toHaveValue('НДС 5%');
  // a manager runs the shop but does not change the law
  await page.getByTestId('logout').click();
  await login(page, '2222');
  await page.getByTestId('switch-view').click();
  await expect(page.getByTestId('tab-devices')).toBeVisible();
  await expect(page.getByTestId('tab-vat')).toHaveCount(0);
});
