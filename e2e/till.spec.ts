import { test, expect, words, login, scan, backOfficeTab } from './fixtures.js';
import { makeWeightBarcode } from '../src/shared/barcode/weight.js';
import type { Lang } from '../src/shared/i18n/index.js';

const MILK = '4600070000373';
/** kopecks from money as the page shows it ("3 512,40 ₽" or "RUB 3,512.40", "−10,00 ₽") */
function shownKopecks(text: string): number {
  const digits = Number(text.replace(/[^\d]/g, ''));
  return /[−-]/.test(text) ? -digits : digits;
}

for (const lang of ['ru', 'en'] as const satisfies readonly Lang[]) {
  test(`a cashier's day at the till (${lang})`, async ({ page, server }) => {
    const t = words(lang);
    await page.goto(server.url);
    if (lang === 'en') await page.getByTestId('lang').click();
    await expect(page.getByRole('heading', { name: t('login.title') })).toBeVisible();

    await login(page, '1111');
    await expect(page.getByTestId('user')).toContainText('Светлана Кузнецова');
    const openShift = page.getByTestId('open-shift');
    await openShift.locator('input[name=float]').fill('3000');
    await openShift.locator('input[name=float]').press('Enter');
    const lines = page.getByTestId('cart-line');

    // scan twice: one line of two
    await scan(page, MILK);
    await scan(page, MILK);
    await expect(lines).toHaveCount(1);
    await expect(lines.first()).toContainText(lang === 'ru' ? '2 шт' : '2 pcs');

    // an unknown barcode says so and adds nothing
    await scan(page, '4600000000000');
    await expect(page.getByTestId('notice')).toContainText(t('errors.unknownBarcode', { code: '4600000000000' }));
    await expect(lines).toHaveCount(1);

    // a weight barcode from the label scale: PLU 1, 1.250 kg
    await scan(page, makeWeightBarcode('20', '1', 1250));
    await expect(lines.nth(1)).toContainText('Яблоки Голден');
    await expect(lines.nth(1)).toContainText(lang === 'ru' ? '1,250 кг' : '1.250 kg');

    // a weighed PLU typed in asks for the weight
    await scan(page, '2');
    const qty = page.getByTestId('qty-dialog');
    await qty.locator('input[name=qty]').fill(lang === 'ru' ? '0,5' : '0.5');
    await qty.locator('input[name=qty]').press('Enter');
    await expect(lines.nth(2)).toContainText('Яблоки Гренни Смит');

    // search by name, tolerant of case and ё/е
    await page.keyboard.press('F2');
    const search = page.getByTestId('search-dialog');
    await search.locator('input[name=search]').fill('бородинский черемушки');
    await expect(search.getByRole('option').first()).toContainText('Хлеб Бородинский Черёмушки');
    await search.locator('input[name=search]').press('Enter');
    await expect(lines).toHaveCount(4);

    // void the bread: a cashier needs a manager's PIN
    await lines.nth(3).click();
    await page.keyboard.press('F8');
    const override = page.getByTestId('override-dialog');
    await override.locator('input[name=override-pin]').fill('2222');
    await override.locator('input[name=override-pin]').press('Enter');
    await expect(lines).toHaveCount(3);

    // 5 % off the receipt is within a cashier's limit
    await page.keyboard.press('F4');
    const discount = page.getByTestId('discount-dialog');
    await discount.getByRole('button', { name: t('discount.receipt') }).click();
    await discount.locator('input[name=discount]').fill('5');
    await discount.locator('input[name=discount]').press('Enter');
    await expect(page.getByTestId('discount-total')).toBeVisible();
    const total = shownKopecks(await page.getByTestId('total').innerText());

    // split: 100 by card, 500 in cash, change given
    await page.keyboard.press('F7');
    const pay = page.getByTestId('payment-dialog');
    const complete = pay.getByRole('button', { name: t('pay.complete') });
    // nothing typed yet: the dialog says how to split instead of a silently disabled button
    await expect(pay.getByTestId('split-hint')).toBeVisible();
    await expect(complete).toBeDisabled();
    // 1 ₽ in cash alone: the rest would go to the card
    await pay.locator('input[name=cash]').fill('1');
    await expect(pay.getByTestId('split-hint')).toBeHidden();
    await expect(pay.locator('input[name=card]')).toHaveAttribute('placeholder', /\d/);
    await expect(complete).toBeEnabled();
    await pay.locator('input[name=card]').fill('100');
    await pay.locator('input[name=cash]').fill('500');
    const change = 100 * 100 + 500 * 100 - total;
    await expect(pay.getByTestId('change')).toHaveText(new RegExp(`${Math.floor(change / 100)}.{1}${String(change % 100).padStart(2, '0')}`.replace(/(\d)(?=(\d{3})+\D)/g, '$1.?')));
    await pay.locator('input[name=cash]').press('Enter');
    const receipt = page.getByTestId('receipt-dialog');
    await expect(receipt.getByTestId('receipt-paper')).toContainText('КАССОВЫЙ ЧЕК / ПРИХОД');
    await expect(receipt.getByTestId('receipt-paper')).toContainText('БЕЗНАЛИЧНЫМИ');
    await expect(receipt.getByTestId('receipt-paper')).toContainText('СДАЧА');
    // fiscalised by the demo's virtual Shtrih-M registrar: FN, document number, fiscal sign, QR
    await expect(receipt.getByTestId('receipt-paper')).toContainText(/ФД \d+ +ФП \d+/);
    await expect(receipt.getByTestId('receipt-paper')).toContainText(/\[qr t=\d{8}T\d{4}&s=/);
    expect(shownKopecks(await receipt.getByTestId('receipt-change').innerText())).toBe(change);
    await page.keyboard.press('Enter');
    await expect(lines).toHaveCount(0);

    // return one of the two milks against receipt № 1 (a senior's action: manager PIN)
    await page.keyboard.press('F10');
    const ret = page.getByTestId('return-dialog');
    await ret.locator('input[name=receipt]').fill('1');
    await ret.locator('input[name=receipt]').press('Enter');
    await ret.locator('input[name=return-1]').fill('1');
    await ret.locator('input[name=return-1]').press('Enter');
    await override.locator('input[name=override-pin]').fill('2222');
    await override.locator('input[name=override-pin]').press('Enter');
    await expect(receipt.getByTestId('receipt-paper')).toContainText('ВОЗВРАТ ПРИХОДА');
    await expect(receipt.getByTestId('receipt-paper')).toContainText('Молоко 2,5% Простоквашино 0,9 л');
    await page.keyboard.press('Enter');

    // cash out
    await page.keyboard.press('F11');
    const cash = page.getByTestId('cash-dialog');
    await cash.getByRole('button', { name: t('cash.out') }).click();
    await cash.locator('input[name=amount]').fill('100');
    await cash.locator('input[name=reason]').fill('Инкассация');
    await cash.locator('input[name=reason]').press('Enter');
    await expect(page.getByTestId('notice')).toContainText(t('cash.done', { amount: '' }).trim());

    // X report
    await page.keyboard.press('F12');
    const reports = page.getByTestId('reports-dialog');
    await reports.getByRole('button', { name: t('reports.x') }).click();
    await expect(reports.getByTestId('report-paper')).toContainText('ОТЧЁТ БЕЗ ГАШЕНИЯ (X)');
    await expect(reports.getByTestId('report-paper')).toContainText('Возвраты (1)');
    await page.keyboard.press('Enter');

    // Z: count 10 roubles short
    await page.keyboard.press('F12');
    await reports.getByRole('button', { name: t('reports.z') }).click();
    const z = page.getByTestId('z-dialog');
    const expected = shownKopecks(await z.getByTestId('expected').innerText());
    // float + the cash part of the sale − cash out; the refund (under 100 ₽) went back to the card
    expect(expected).toBe(300000 + (total - 10000) - 10000);
    const counted = expected - 1000;
    await z.locator('input[name=counted]').fill(`${Math.floor(counted / 100)}${lang === 'ru' ? ',' : '.'}${String(counted % 100).padStart(2, '0')}`);
    expect(shownKopecks(await z.getByTestId('discrepancy').innerText())).toBe(-1000);
    await z.locator('input[name=counted]').press('Enter');
    await expect(reports.getByTestId('report-paper')).toContainText('ОТЧЁТ О ЗАКРЫТИИ СМЕНЫ (Z)');
    await expect(reports.getByTestId('report-paper')).toContainText('Расхождение');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('open-shift')).toBeVisible();

    // the owner sees the shift, the receipts and who approved the void
    await page.getByTestId('logout').click();
    await login(page, '0000');
    await backOfficeTab(page, 'shifts');
    await expect(page.getByTestId('shifts')).toContainText(/-\D{0,5}10[.,]00/);
    await page.getByRole('tab', { name: t('bo.journal') }).click();
    const voided = page.getByTestId('journal').locator('tr[data-type="cart.lineVoided"]');
    await expect(voided).toContainText('Игорь Петров');
    await expect(voided).toContainText('Светлана Кузнецова');
    await expect(page.getByTestId('journal').locator('tr[data-type="return.completed"]')).toHaveCount(1);
    await page.getByRole('tab', { name: t('bo.receipts') }).click();
    await expect(page.getByTestId('receipts').locator('tbody tr')).toHaveCount(2);
  });
}
