import { test, expect, _electron as electron } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MILK = '4600070000373';

test('the desktop app starts, exposes only the bridge, and sells', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lavka-electron-'));
  const app = await electron.launch({ args: ['dist/electron/main.mjs'], env: { ...process.env, LAVKA_DATA: dataDir } });
  try {
    const page = await app.firstWindow();
    // the preload surface: the bridge and nothing of Node
    expect(await page.evaluate(() => Object.keys(window.lavka ?? {}).sort())).toEqual(['call', 'onEvent']);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');

    await page.getByRole('button', { name: /демо|demo/i }).click();
    await page.locator('input[name=pin]').fill('1111');
    await page.keyboard.press('Enter');
    await page.locator('input[name=float]').fill('1000');
    await page.keyboard.press('Enter');
    await page.locator('input[name=scan]').fill(MILK);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await page.keyboard.press('F5');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('receipt-paper')).toContainText('КАССОВЫЙ ЧЕК');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
