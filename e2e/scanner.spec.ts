import { test, expect, login } from './fixtures.js';

/** The layout side (Cyrillic `key`, Latin `code`) is proved in src/ui/cashier/wedge.test.ts. */
test('a scan lands in the receipt wherever the focus is', async ({ page, server }) => {
  await page.goto(server.url);
  await login(page, '1111');
  await page.locator('input[name=float]').fill('0');
  await page.keyboard.press('Enter');
  await expect(page.locator('input[name=scan]')).toBeFocused();
  // focus somewhere else: the language button
  await page.getByTestId('lang').focus();
  // a scanner types faster than a person: one burst of keydowns, then Enter
  await page.evaluate(() => {
    for (const ch of '4600070000373') window.dispatchEvent(new KeyboardEvent('keydown', { key: ch, code: `Digit${ch}`, cancelable: true }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', cancelable: true }));
  });
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-line').first()).toContainText('Молоко 2,5% Простоквашино 0,9 л');
});
