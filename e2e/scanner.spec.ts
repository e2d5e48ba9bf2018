import { test, expect, login, scan, wedge } from './fixtures.js';
import { demoCatalog } from '../src/core/setup/demo-catalog.js';
import { translate } from '../src/shared/i18n/index.js';

/** The layout side (Cyrillic `key`, Latin `code`) is proved in src/ui/cashier/wedge.test.ts. */
test('a scan lands in the receipt wherever the focus is', async ({ page, server }) => {
  await page.goto(server.url);
  await login(page, '1111');
  await page.locator('input[name=float]').fill('0');
  await page.keyboard.press('Enter');
  await expect(page.locator('input[name=scan]')).toBeFocused();
  // focus somewhere else: the language button
  await page.getByTestId('lang').focus();
  await wedge(page, '4600070000373');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-line').first()).toContainText('Молоко 2,5% Простоквашино 0,9 л');
});

test('marked goods sell by their DataMatrix and are fiscalised with it', async ({ page, server }) => {
  const water = demoCatalog().find((p) => p.marked && p.name.startsWith('Вода питьевая'));
  const ean = water?.barcodes[0] ?? '';
  await page.goto(server.url);
  await login(page, '1111');
  await page.locator('input[name=float]').fill('0');
  await page.keyboard.press('Enter');
  await scan(page, ean);
  await expect(page.getByTestId('notice')).toContainText(translate('ru', 'errors.markRequired', { product: water?.name }));
  await scan(page, `010${ean}215Qbag!Xk3mN7p\u001d93Ab1x`);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-line').first()).toContainText(water?.name ?? '?');
  await page.keyboard.press('F6');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt-paper')).toContainText(/ФД \d+ +ФП \d+/);
});
