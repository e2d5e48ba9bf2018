import { useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import type { Cart } from '../types.js';

type Paid = { total: number; change: number };

/**
 * The customer's screen (#/display): a second monitor, or a tablet facing the customer. It needs no
 * login: it only listens to the till's events, the item just added and the total, then the change.
 */
export function CustomerScreen() {
  const { conn, t, money, qty } = useApp();
  const [shop, setShop] = useState<string | null>(null);
  const [cart, setCart] = useState<Cart | null>(null);
  const [paid, setPaid] = useState<Paid | null>(null);
  useEffect(() => {
    conn.call('setup.status', {}).then((s) => setShop(s.shop?.name ?? null), () => undefined);
    return conn.onEvent((name, payload) => {
      if (name === 'cart.changed') {
        const next = (payload as { cart: Cart | null }).cart;
        setCart(next);
        // the paid receipt closes at once: the change stays on screen until the next scan
        if (next) setPaid(null);
      }
      if (name === 'sale.completed') {
        const sale = payload as Paid;
        setPaid({ total: sale.total, change: sale.change });
      }
    });
  }, [conn]);

  const line = cart?.lines.at(-1);
  return (
    <main className="customer-screen" data-testid="customer-display">
      <header>{shop ?? t('app.title')}</header>
      {paid ? (
        <section className="customer-paid">
          <div><span>{t('display.total')}</span><b data-testid="display-total">{money(paid.total)}</b></div>
          {paid.change > 0 && <div><span>{t('pay.change')}</span><b data-testid="display-change">{money(paid.change)}</b></div>}
          <p>{t('display.thanks')}</p>
        </section>
      ) : line && cart ? (
        <>
          <section className="customer-line" data-testid="display-line">
            <div className="name">{line.name}</div>
            <div className="calc">{qty(line.qty, line.unit)} × {money(line.price)}{line.discountAmount > 0 ? ` − ${money(line.discountAmount)}` : ''} = <b>{money(line.total)}</b></div>
          </section>
          <section className="customer-total">
            <span>{t('display.total')} · {t('display.items', { count: cart.lines.length })}</span>
            <b data-testid="display-total">{money(cart.total)}</b>
          </section>
        </>
      ) : (
        <section className="customer-welcome" data-testid="display-welcome">{t('display.welcome')}</section>
      )}
    </main>
  );
}
