/**
 * Scan to painted line in Chromium: the till UI served by `lavka serve`, driven by
 * Playwright; the page itself records Enter → animation frame after the new line rendered
 * (window.__lavkaScanTimes, see src/ui/cashier/till-screen.tsx).
 */
import { chromium, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { codePicker } from './core.js';
import { detailOf, emit, figure, progress, summarize } from './stats.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function scanAndWait(page: Page, code: string, expected: number): Promise<void> {
  const input = page.locator('input[name=scan]');
  await input.fill(code);
  await input.press('Enter');
  await page.waitForFunction((n) => (window.__lavkaScanTimes?.length ?? 0) >= n, expected, { polling: 'raf', timeout: 10_000 });
}

/** Pays the open receipt in cash (F5, Enter) and closes the receipt (Enter). */
async function payCash(page: Page): Promise<void> {
  await page.keyboard.press('F5');
  const pay = page.getByTestId('payment-dialog');
  await pay.locator('input[name=cash]').press('Enter');
  await page.getByTestId('receipt-dialog').waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.getByTestId('cart-line').first().waitFor({ state: 'detached' });
}

export interface UiOptions {
  warmup: number;
  scans: number;
  /** scans per receipt before it is paid */
  perReceipt: number;
}

export async function scanToPaint(url: string, options: UiOptions): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.locator('input[name=pin]').fill('1111');
    await page.keyboard.press('Enter');
    await page.locator('input[name=scan], [data-testid=open-shift]').first().waitFor({ state: 'visible' });
    const openShift = page.getByTestId('open-shift');
    if (await openShift.isVisible()) {
      await openShift.locator('input[name=float]').fill('0');
      await openShift.locator('input[name=float]').press('Enter');
    }
    await page.locator('input[name=scan]').waitFor({ state: 'visible' });
    // a few goods scanned round and round: new lines, then growing quantities, as at a real till
    const pick = codePicker(7, true);
    const goods = Array.from({ length: 8 }, () => pick());
    let recorded = 0;
    const total = options.warmup + options.scans;
    for (let i = 0; i < total; i++) {
      if (i === options.warmup) {
        await page.evaluate(() => { window.__lavkaScanTimes = []; });
        recorded = 0;
      }
      await scanAndWait(page, goods[i % goods.length] as string, ++recorded);
      if ((i + 1) % options.perReceipt === 0) await payCash(page);
    }
    const times = await page.evaluate(() => window.__lavkaScanTimes ?? []);
    const s = summarize(times.slice(0, options.scans));
    progress(`scan to paint: p50 ${s.p50.toFixed(1)} p95 ${s.p95.toFixed(1)} max ${s.max.toFixed(1)} ms over ${s.n} scans`);
    emit(figure('scan_to_paint_p95_ms', s.p95, 'ms', { max: 50 }, undefined, detailOf(s)));
  } finally {
    await browser.close();
  }
}
