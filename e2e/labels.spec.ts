import type { Page } from '@playwright/test';
import { test, expect, login, words, backOfficeTab } from './fixtures.js';
import { startVirtualLabelServer, VirtualLabelPrinter } from '../drivers/simulators/label/index.js';

const t = words('ru');
const MILK = '4600070000373';

/** Picks a product on the prices tab by what the search finds first; returns its barcode as the list shows it. */
async function pick(page: Page, query: string): Promise<string> {
  await page.getByTestId('pr-search').fill(query);
  const first = page.getByTestId('pr-found').locator('li').first();
  const barcode = (await first.locator('.muted').innerText()).trim();
  await first.click();
  return barcode;
}

test('the owner sets up a network label printer, tries it, and sends the price tags of the products picked to it', async ({ page, server }) => {
  // a ZPL printer on the shop network, as a Zebra on port 9100 would be: here, the virtual one
  const printer = new VirtualLabelPrinter({ language: 'zpl', dpi: 203 });
  const network = await startVirtualLabelServer({ printer });
  try {
    await page.goto(server.url);
    await login(page, '0000');
    await backOfficeTab(page, 'devices');
    const card = page.getByTestId('dev-labelPrinter');
    // the demo shop prints labels on its in-process simulator until told otherwise
    await expect(card.locator('select[name=labelPrinter-kind]')).toHaveValue('demo');
    await card.locator('select[name=labelPrinter-kind]').selectOption('zpl');
    await card.locator('select[name=labelPrinter-link]').selectOption('tcp');
    await card.locator('input[name=labelPrinter-host]').fill(network.host);
    await card.locator('input[name=labelPrinter-tcp-port]').fill(String(network.port));
    await page.getByTestId('devices-save').click();
    await expect(page.getByTestId('notice')).toContainText(t('dev.saved'));
    await expect(card.getByTestId('status-labelPrinter')).toHaveAttribute('data-state', 'ok');
    await card.getByTestId('test-labelPrinter').click();
    await expect(card.getByTestId('test-result-labelPrinter')).toHaveText(t('devices.test.labelPrinted', { language: 'ZPL', dpi: 203 }));
    await expect.poll(() => printer.labels.length).toBe(1);
    expect(printer.labels[0]?.texts.map((x) => x.text)).toEqual(['Lavka ZPL 203 dpi']);

    // two products picked on the prices tab, their tags on 58 × 40 labels
    await page.getByTestId('tab-prices').click();
    expect(await pick(page, MILK)).toBe(MILK);
    const gouda = await pick(page, 'сыр гауда');
    expect(gouda).toMatch(/^\d{13}$/);
    const tags = page.getByTestId('tags');
    await tags.getByTestId('tags-by').selectOption('products');
    // a sheet goes to the PDF only
    await tags.getByTestId('tags-template').selectOption('a4-3x8');
    await expect(tags.getByTestId('tags-label')).toHaveCount(0);
    await tags.getByTestId('tags-template').selectOption('label-58x40');
    await tags.getByTestId('tags-label').click();
    await expect(tags.getByTestId('tags-label-status')).toHaveText(t('tags.labelsPrinted', { count: 2 }));
    await expect.poll(() => printer.labels.length).toBe(3);
    // in shelf order (Молоко, Сыр), each with its EAN under the bars, on the label size picked
    expect(printer.labels.slice(1).map((l) => l.barcodes.map((b) => b.data))).toEqual([[MILK], [gouda]]);
    const dots = (mm: number) => Math.round((mm * 203) / 25.4);
    expect(printer.labels.slice(1).map((l) => [l.width, l.height])).toEqual(Array(2).fill([dots(58), dots(40)]));
    expect(printer.labels.slice(1).every((l) => l.bitmaps.length >= 5)).toBe(true);

    // the roll runs out: the panel says why and how far it got, and the printer's problem shows beside the button
    printer.setState({ paperOut: true });
    await tags.getByTestId('tags-label').click();
    await expect(tags.getByTestId('tags-label-status')).toHaveText(t('errors.labelPrinter', { problem: t('devices.paperOut'), printed: 0, total: 2 }));
    await expect(tags.getByTestId('tags-label-printer')).toHaveAttribute('data-state', 'problem');
    expect(printer.labels).toHaveLength(3);
  } finally {
    await network.close();
  }
});
