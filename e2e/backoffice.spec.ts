import { test, expect, words, login, scan, wedge, backOfficeTab } from './fixtures.js';
import { readFileSync } from 'node:fs';
import { withCheckDigit } from '../src/shared/barcode/ean.js';
import { encodeCp1251 } from '../src/shared/codepages.js';
import { readPdf } from '../src/core/tags/test-support.js';

const MILK = '4600070000373';
const t = words('ru');


test('the owner receives goods by scanning, takes the new prices, sells them, counts stock on a phone and reads the reports', async ({ page, browser, server }) => {
  const NEW = withCheckDigit('460123456789');
  await page.goto(server.url);
  await login(page, '0000');
  await expect(page.getByTestId('user')).toContainText('Анна Соколова');
  await page.getByTestId('open-shift').locator('input[name=float]').fill('1000');
  await page.getByTestId('open-shift').locator('input[name=float]').press('Enter');
  await page.getByTestId('switch-view').click();

  // --- intake: a supplier invoice, lines by scanning, an unknown barcode becomes a product on the spot
  await page.getByTestId('tab-documents').click();
  await page.getByTestId('new-intake').click();
  const editor = page.getByTestId('draft-editor');
  await editor.getByTestId('add-supplier').click();
  await page.getByTestId('supplier-name').fill('ООО «Молочный край»');
  await page.getByTestId('supplier-name').press('Enter');
  await expect(editor.getByTestId('d-supplier')).toHaveValue(/.+/);
  await editor.getByTestId('d-invoice').fill('ТН-4711');
  await editor.getByTestId('d-invoice').press('Tab');
  await wedge(page, MILK);
  await wedge(page, MILK);
  const lines = editor.getByTestId('d-lines').locator('tbody tr');
  await expect(lines).toHaveCount(1);
  await expect(lines.first().getByLabel(t('bo.qty'))).toHaveValue('2');
  await lines.first().getByLabel(t('bo.qty')).fill('12');
  await lines.first().getByLabel(t('bo.cost')).fill('65');
  await lines.first().getByLabel(t('bo.cost')).press('Tab');
  await expect(editor.getByTestId('d-total')).toHaveText(/780,00/);

  await wedge(page, NEW);
  const product = page.getByTestId('product-dialog');
  await expect(product.getByTestId('p-barcodes')).toHaveValue(NEW);
  await product.getByTestId('p-name').fill('Сырок глазированный Лавка 40 г');
  await product.getByTestId('p-group').selectOption({ label: 'Молочные продукты' });
  await product.getByTestId('p-vat').selectOption('10');
  await product.getByTestId('p-price').fill('45');
  await product.getByTestId('p-save').click();
  await expect(lines).toHaveCount(2);
  await lines.nth(1).getByLabel(t('bo.qty')).fill('30');
  await lines.nth(1).getByLabel(t('bo.cost')).fill('25,50');
  await lines.nth(1).getByLabel(t('bo.cost')).press('Tab');
  await expect(editor.getByTestId('d-total')).toHaveText(/1\s545,00/);
  await editor.getByTestId('d-post').click();

  // --- the markup of "Молочные продукты" (30 %) proposes prices; the owner edits one and accepts
  const proposals = page.getByTestId('proposals');
  await expect(proposals).toContainText('Молоко 2,5% Простоквашино 0,9 л');
  const rows = proposals.locator('tbody tr');
  await expect(rows.filter({ hasText: 'Молоко' }).getByLabel(t('bo.newPrice'))).toHaveValue('85,00');
  await expect(rows.filter({ hasText: 'Сырок' }).getByLabel(t('bo.newPrice'))).toHaveValue('33,00');
  await rows.filter({ hasText: 'Сырок' }).getByLabel(t('bo.newPrice')).fill('39,90');
  await proposals.getByTestId('accept-prices').click();
  await expect(page.getByTestId('notice')).toContainText(t('bo.pricesChanged', { count: 2 }));

  // --- price tags for the goods of this invoice: a PDF whose barcodes read back to the products
  const tags = page.getByTestId('tags');
  await expect(tags.getByTestId('tags-by')).toHaveValue('doc');
  await tags.getByTestId('tags-template').selectOption('a4-3x8');
  const downloading = page.waitForEvent('download');
  await tags.getByTestId('tags-print').click();
  const pdf = await downloading;
  const { text, barcodes } = readPdf(readFileSync(await pdf.path()));
  expect(barcodes.flat().sort()).toEqual([MILK, NEW].sort());
  expect(text).toContain('Сырок глазированный Лавка 40 г');
  expect(text).toContain('39');

  // --- the catalogue shows the new stock and price; the card shows the movement and the price history
  await page.getByTestId('tab-catalog').click();
  await page.getByTestId('catalog-search').fill('сырок лавка');
  const catalog = page.getByTestId('catalog');
  await expect(catalog.locator('[role=row][data-row]')).toHaveCount(1);
  await expect(catalog.locator('[role=row][data-row]').first()).toContainText('39,90');
  await expect(catalog.locator('[role=row][data-row]').first()).toContainText('30 шт');
  await catalog.locator('[role=row][data-row]').first().click();
  await expect(page.getByTestId('p-moves')).toContainText(`${t('doc.intake')} № 1`);
  await expect(page.getByTestId('p-prices')).toContainText('39,90');
  await page.keyboard.press('Escape');

  // --- a sale at the till at the new price
  await page.getByTestId('switch-view').click();
  await scan(page, NEW);
  await scan(page, MILK);
  await expect(page.getByTestId('cart-line').first()).toContainText('39,90');
  await expect(page.getByTestId('cart-line').nth(1)).toContainText('85,00');
  await page.keyboard.press('F6');
  await expect(page.getByTestId('payment-dialog')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt-paper')).toContainText('Сырок глазированный Лавка 40 г');
  await page.keyboard.press('Escape');

  // --- a stocktake started in the office, counted from a phone on the shop's network
  await backOfficeTab(page, 'stocktake');
  await page.getByTestId('st-group').selectOption({ label: 'Молочные продукты' });
  await page.getByTestId('st-start').click();
  await expect(page.getByTestId('st-sheet')).toBeVisible();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const mobile = await phone.newPage();
  await mobile.goto(server.url);
  await login(mobile, '1111');
  await mobile.getByTestId('open-counter').click();
  const counter = mobile.getByTestId('counter');
  await expect(counter).toContainText(`${t('bo.stocktake')} № 1`);
  for (let i = 0; i < 27; i++) await wedge(mobile, NEW);
  await expect(counter.getByTestId('count-last')).toContainText('27 шт');
  await counter.getByTestId('count-code').fill(MILK);
  await counter.getByTestId('count-qty').fill('10');
  await counter.getByTestId('count-add').tap();
  await expect(counter.getByTestId('count-last')).toContainText('Молоко 2,5% Простоквашино 0,9 л');
  await expect(counter.getByTestId('count-last')).toContainText('10 шт');
  // what a phone screen shows fits it: no sideways scrolling
  expect(await mobile.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await phone.close();

  await page.getByRole('button', { name: t('bo.refresh') }).click();
  const sheet = page.getByTestId('st-sheet');
  await expect(sheet.locator('tr[data-product="Сырок глазированный Лавка 40 г"]')).toContainText(/[−-]2 шт/);
  await expect(sheet.locator('tr[data-product="Молоко 2,5% Простоквашино 0,9 л"]')).toContainText(/[−-]1 шт/);
  // 2 × 25.50 + 1 × 65.00 short
  await expect(sheet.getByTestId('st-shortage')).toHaveText(/[−-]116,00/);
  await sheet.getByTestId('st-post').click();
  await expect(page.getByTestId('notice')).toContainText(t('bo.postedOk', { number: 1 }));

  // --- reports: the day's sales with margin, and cashier control
  await page.getByTestId('tab-reports').click();
  await page.getByTestId('rep-by').selectOption('product');
  const report = page.getByTestId('rep-table');
  await expect(report.locator('tr', { hasText: 'Сырок глазированный Лавка 40 г' })).toContainText('39,90');
  // 39.90 − 25.50 margin on the curd snack
  await expect(report.locator('tr', { hasText: 'Сырок глазированный Лавка 40 г' })).toContainText('14,40');
  await expect(report.getByTestId('rep-revenue')).toHaveText(/124,90/);
  await page.getByTestId('rep-kind').selectOption('abc');
  await expect(page.getByTestId('rep-table').locator('tr', { hasText: 'Молоко' })).toContainText('A');
  await page.getByTestId('tab-catalog').click();
  await page.getByTestId('catalog-search').fill(NEW);
  await expect(page.getByTestId('catalog').locator('[role=row][data-row]').first()).toContainText('27 шт');
});

test('the owner imports a supplier price list in Windows-1251, sees the columns, and reads refused rows by number', async ({ page, server }) => {
  const TEA = withCheckDigit('460333333333');
  await page.goto(server.url);
  await login(page, '0000');
  await page.getByTestId('open-shift').locator('input[name=float]').fill('0');
  await page.getByTestId('open-shift').locator('input[name=float]').press('Enter');
  await page.getByTestId('switch-view').click();
  await page.getByTestId('import').click();
  const dialog = page.getByTestId('import-dialog');
  const list = ['Товар;ШК;Розничная цена;Ед.', `Чай «Таёжный» 100 г;${TEA};149,90;шт`, 'Кофе;4600000000016;дорого;шт'].join('\r\n');
  await dialog.getByTestId('imp-file').setInputFiles({ name: 'прайс.csv', mimeType: 'text/csv', buffer: Buffer.from(encodeCp1251(list)) });
  await expect(dialog.locator('select[data-field=name]')).toHaveValue('0');
  await expect(dialog.locator('select[data-field=barcodes]')).toHaveValue('1');
  await expect(dialog.locator('select[data-field=price]')).toHaveValue('2');
  await dialog.getByTestId('imp-run').click();
  const refused = dialog.getByTestId('imp-refused');
  await expect(refused.locator('tbody tr')).toHaveCount(2);
  await expect(refused.locator('tbody tr').first()).toContainText(t('import.barcodeCheckDigit'));
  await expect(refused.locator('tbody tr').nth(1)).toContainText(t('import.notAmount'));
  await dialog.getByRole('checkbox').check();
  await dialog.getByTestId('imp-run').click();
  await expect(dialog.getByTestId('imp-report')).toContainText(t('imp.done', { created: 1, updated: 0, groups: 0 }));
  await page.keyboard.press('Escape');
  await page.getByTestId('catalog-search').fill('таежный');
  await expect(page.getByTestId('catalog').locator('[role=row][data-row]').first()).toContainText('149,90');

  // and the catalogue goes out as XLSX
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-catalog').click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('каталог.xlsx');
  expect(readFileSync(await file.path()).subarray(0, 2).toString()).toBe('PK');
});
