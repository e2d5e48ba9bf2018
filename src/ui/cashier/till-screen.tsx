import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { errorText, useApp } from '../app-context.js';
import { CommandError } from '../client/connection.js';
import { Button } from '../components/ui.js';
import type { Cart, Product, Sale, Shift } from '../types.js';
import { OpenShiftPanel } from './dialogs/open-shift.js';
import { SearchDialog } from './dialogs/search.js';
import { QuantityDialog } from './dialogs/quantity.js';
import { DiscountDialog } from './dialogs/discount.js';
import { PaymentDialog, type PayMode } from './dialogs/payment.js';
import { ReceiptDialog } from './dialogs/receipt.js';
import { ReturnDialog } from './dialogs/return.js';
import { CashDialog } from './dialogs/cash.js';
import { ReportsDialog } from './dialogs/reports.js';
import { DrawerDialog } from './dialogs/drawer.js';
import { useScanner } from '../components/use-scanner.js';
import { DeviceStatePill } from '../components/device-state.js';
import type { DeviceState } from '../../shared/contract/devices.js';

type DialogState =
  | { kind: 'search'; query: string }
  | { kind: 'qty'; lineId: string | null; product: WeighedProduct; current: number | null; scaleProblem?: string }
  | { kind: 'discount' }
  | { kind: 'pay'; mode: PayMode }
  | { kind: 'receipt'; saleId: string | null; change: number | null; title: string }
  | { kind: 'return' }
  | { kind: 'cash' }
  | { kind: 'reports' }
  | { kind: 'drawer' };

type WeighedProduct = { id: string; name: string; unit: 'pcs' | 'kg' | 'l' };

declare global {
  interface Window {
    /** scan-to-paint times in ms, read by the end-to-end benchmark */
    __lavkaScanTimes?: number[];
  }
}

/** The cashier's screen: the receipt on the left, totals and F-key actions on the right. */
export function TillScreen() {
  const { conn, t, money, qty, fail, notify, approve } = useApp();
  const [shift, setShift] = useState<Shift | null | undefined>(undefined);
  const [devices, setDevices] = useState<DeviceState[]>([]);
  const [cart, setCart] = useState<Cart | null>(null);
  const [selected, setSelected] = useState(-1);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [code, setCode] = useState('');
  const scanInput = useRef<HTMLInputElement>(null);
  const scanStarted = useRef<number | null>(null);

  useEffect(() => {
    conn.call('shift.current', {}).then(setShift, fail);
    conn.call('cart.get', {}).then(setCart, fail);
    conn.call('devices.status', {}).then(setDevices, fail);
    return conn.onEvent((name, payload) => {
      if (name === 'cart.changed') setCart((payload as { cart: Cart | null }).cart);
      if (name === 'devices.status') setDevices((payload as { devices: DeviceState[] }).devices);
      if (name === 'device.problem') {
        const { device, problem } = payload as { device: string; problem: string };
        notify(t(device === 'printer' ? 'till.printerTrouble' : 'till.deviceTrouble', { device: t(`device.${device}`), problem: t(problem) }), 'error');
      }
      // a serial or HID scanner: the same as a wedge scan, wherever the focus is
      if (name === 'scanner.scanned' && !live.current.blocked) void live.current.scan((payload as { code: string }).code);
    });
  }, [conn, fail, notify, t]);

  useLayoutEffect(() => {
    const started = scanStarted.current;
    if (started === null) return;
    scanStarted.current = null;
    requestAnimationFrame(() => {
      (window.__lavkaScanTimes ??= []).push(performance.now() - started);
    });
  }, [cart]);

  useEffect(() => {
    if (!dialog) scanInput.current?.focus();
  }, [dialog, shift]);

  const lines = cart?.lines ?? [];
  const line = lines[selected] ?? lines[lines.length - 1] ?? null;

  const show = useCallback((next: Cart) => {
    setCart(next);
    setSelected(next.lines.length - 1);
  }, []);

  const scaleReady = devices.some((d) => d.device === 'scale' && d.state !== 'off');

  /** A weighed product with no weight yet: from the scale where there is one, else typed in. */
  const weigh = async (product: WeighedProduct) => {
    if (product.unit !== 'kg' || !scaleReady) {
      setDialog({ kind: 'qty', lineId: null, product, current: null });
      return;
    }
    setDialog(null);
    notify(t('till.weighing', { name: product.name }));
    try {
      const { grams } = await conn.call('scale.read', {});
      show(await conn.call('cart.add', { productId: product.id, qty: grams }));
    } catch (err) {
      setDialog({ kind: 'qty', lineId: null, product, current: null, scaleProblem: errorText(t, money, err) });
    }
  };

  const scan = async (value: string) => {
    const text = value.trim();
    if (!text) return;
    setCode('');
    // Digits are a barcode or PLU (and a GS1 marking code starts with 01 + GTIN); anything else is a name to search.
    if (!/^\d+$/.test(text) && !/^(\]d2)?01\d{14}/.test(text)) {
      setDialog({ kind: 'search', query: text });
      return;
    }
    scanStarted.current = performance.now();
    try {
      const next = await conn.call('cart.scan', { code: text });
      show(next);
    } catch (err) {
      scanStarted.current = null;
      if (err instanceof CommandError && err.body.message === 'errors.weightNeeded' && typeof err.body.details?.productId === 'string') {
        const lookup = await conn.call('catalog.lookup', { code: text }).catch(() => null);
        if (lookup) await weigh(lookup.product);
        return;
      }
      fail(err);
    }
  };

  const add = async (product: Product) => {
    if (product.unit !== 'pcs') {
      await weigh(product);
      return;
    }
    setDialog(null);
    try {
      show(await conn.call('cart.add', { productId: product.id }));
    } catch (err) {
      fail(err);
    }
  };

  const setQuantity = async (lineId: string | null, productId: string, milli: number) => {
    setDialog(null);
    try {
      if (lineId) show(await approve((override) => conn.call('cart.setQty', { lineId, qty: milli, ...(override ? { override } : {}) })));
      else show(await conn.call('cart.add', { productId, qty: milli }));
    } catch (err) {
      fail(err);
    }
  };

  const removeLine = async () => {
    if (!line) return;
    try {
      show(await approve((override) => conn.call('cart.removeLine', { lineId: line.id, ...(override ? { override } : {}) })));
    } catch (err) {
      fail(err);
    }
  };

  const cancelReceipt = async () => {
    if (!cart) return;
    try {
      await approve((override) => conn.call('cart.cancel', override ? { override } : {}));
      setCart(null);
    } catch (err) {
      fail(err);
    }
  };

  const discount = async (lineId: string | null, spec: { kind: 'percent' | 'amount'; value: number } | null) => {
    setDialog(null);
    try {
      show(await approve((override) => conn.call('cart.discount', { ...(lineId ? { lineId } : {}), discount: spec, ...(override ? { override } : {}) })));
    } catch (err) {
      fail(err);
    }
  };

  const paid = (sale: Sale) => {
    setCart(null);
    setSelected(-1);
    notify(t('pay.done'));
    setDialog({ kind: 'receipt', saleId: sale.id, change: sale.change, title: t('receipt.title', { number: sale.number }) });
  };

  const canPay = lines.length > 0;
  const keys: Record<string, () => void> = {
    F2: () => setDialog({ kind: 'search', query: '' }),
    F3: () => line && setDialog({ kind: 'qty', lineId: line.id, product: { id: line.productId, name: line.name, unit: line.unit }, current: line.qty }),
    F4: () => cart && setDialog({ kind: 'discount' }),
    F5: () => canPay && setDialog({ kind: 'pay', mode: 'cash' }),
    F6: () => canPay && setDialog({ kind: 'pay', mode: 'card' }),
    F7: () => canPay && setDialog({ kind: 'pay', mode: 'mixed' }),
    F8: () => void removeLine(),
    F9: () => void cancelReceipt(),
    F10: () => setDialog({ kind: 'return' }),
    F11: () => setDialog({ kind: 'cash' }),
    F12: () => setDialog({ kind: 'reports' }),
    'Alt+P': () => setDialog({ kind: 'receipt', saleId: null, change: null, title: t('till.reprint') }),
    'Alt+D': () => setDialog({ kind: 'drawer' }),
  };
  // The listener reads the latest state through refs, so a key pressed right after a dialog closes is not lost.
  const live = useRef({ keys, blocked: dialog !== null || !shift, count: lines.length, scan });
  live.current = { keys, blocked: dialog !== null || !shift, count: lines.length, scan };

  // A scanner's burst lands in the receipt wherever the focus is, whatever the keyboard layout.
  useScanner((code) => void scan(code), () => live.current.blocked);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { keys: actions, blocked, count } = live.current;
      if (blocked) return;
      const name = e.altKey ? `Alt+${e.key.toUpperCase()}` : e.key;
      const action = actions[name];
      if (action) {
        e.preventDefault();
        action();
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setSelected((s) => {
          const current = s < 0 ? count - 1 : s;
          return Math.max(0, Math.min(count - 1, current + (e.key === 'ArrowDown' ? 1 : -1)));
        });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (shift === undefined) return <main className="center-screen">{t('common.loading')}</main>;
  if (shift === null) {
    return (
      <main className="center-screen">
        <OpenShiftPanel onOpened={setShift} />
      </main>
    );
  }

  const close = () => setDialog(null);
  return (
    <main className="till">
      <section className="receipt-pane">
        <form className="scan" onSubmit={(e) => { e.preventDefault(); void scan(code); }}>
          <input
            ref={scanInput} className="big-input" name="scan" autoComplete="off" aria-label={t('till.scanHint')} placeholder={t('till.scanHint')}
            value={code} onChange={(e) => setCode(e.target.value)}
          />
        </form>
        <table className="grid lines" data-testid="cart">
          <thead>
            <tr><th>#</th><th>{t('till.item')}</th><th className="num">{t('till.price')}</th><th className="num">{t('till.qty')}</th><th className="num">{t('till.discount')}</th><th className="num">{t('till.sum')}</th></tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={l.id} className={l === line ? 'selected' : ''} onClick={() => setSelected(i)} data-testid="cart-line">
                <td>{i + 1}</td>
                <td>{l.name}</td>
                <td className="num">{money(l.price)}</td>
                <td className="num">{qty(l.qty, l.unit)}</td>
                <td className="num">{l.discountAmount ? `−${money(l.discountAmount)}` : ''}</td>
                <td className="num"><b>{money(l.total)}</b></td>
              </tr>
            ))}
          </tbody>
        </table>
        {lines.length === 0 && <p className="muted empty">{t('till.empty')}</p>}
      </section>
      <aside className="side">
        <div className="device-strip" data-testid="device-status">
          {devices.filter((d) => d.state !== 'off').map((d) => <DeviceStatePill key={d.device} state={d} named testId={`device-${d.device}`} />)}
        </div>
        <div className="totals">
          {cart && cart.discountAmount > 0 && (
            <>
              <div><span>{t('till.subtotal')}</span><span>{money(cart.subtotal)}</span></div>
              <div><span>{t('till.discount')}</span><span data-testid="discount-total">−{money(cart.discountAmount)}</span></div>
            </>
          )}
          <div className="grand"><span>{t('till.total')}</span><b data-testid="total">{money(cart?.total ?? 0)}</b></div>
        </div>
        <div className="keys">
          <Button hotkey="F2" onClick={keys.F2}>{t('till.search')}</Button>
          <Button hotkey="F3" onClick={keys.F3} disabled={!line}>{t('till.setQty')}</Button>
          <Button hotkey="F4" onClick={keys.F4} disabled={!cart || lines.length === 0}>{t('till.giveDiscount')}</Button>
          <Button hotkey="F5" kind="primary" onClick={keys.F5} disabled={!canPay}>{t('till.payCash')}</Button>
          <Button hotkey="F6" kind="primary" onClick={keys.F6} disabled={!canPay}>{t('till.payCard')}</Button>
          <Button hotkey="F7" onClick={keys.F7} disabled={!canPay}>{t('till.payMixed')}</Button>
          <Button hotkey="F8" kind="danger" onClick={keys.F8} disabled={!line}>{t('till.removeLine')}</Button>
          <Button hotkey="F9" kind="danger" onClick={keys.F9} disabled={!cart}>{t('till.cancelReceipt')}</Button>
          <Button hotkey="F10" onClick={keys.F10}>{t('till.return')}</Button>
          <Button hotkey="F11" onClick={keys.F11}>{t('till.cash')}</Button>
          <Button hotkey="F12" onClick={keys.F12}>{t('till.reports')}</Button>
          <Button hotkey="Alt+P" onClick={keys['Alt+P']}>{t('till.reprint')}</Button>
          <Button hotkey="Alt+D" onClick={keys['Alt+D']}>{t('till.drawer')}</Button>
        </div>
      </aside>
      {dialog?.kind === 'search' && <SearchDialog initial={dialog.query} onPick={(p) => void add(p)} onClose={close} />}
      {dialog?.kind === 'qty' && (
        <QuantityDialog name={dialog.product.name} unit={dialog.product.unit} current={dialog.current}
          onDone={(m) => void setQuantity(dialog.lineId, dialog.product.id, m)} onClose={close}
          {...(dialog.lineId === null && dialog.product.unit === 'kg' && scaleReady
            ? { scaleProblem: dialog.scaleProblem ?? null, onWeigh: () => void weigh(dialog.product) } : {})} />
      )}
      {dialog?.kind === 'discount' && <DiscountDialog line={line} onDone={(id, spec) => void discount(id, spec)} onClose={close} />}
      {dialog?.kind === 'pay' && cart && <PaymentDialog mode={dialog.mode} total={cart.total} onPaid={paid} onClose={close} />}
      {dialog?.kind === 'receipt' && <ReceiptDialog saleId={dialog.saleId} change={dialog.change} title={dialog.title} onClose={close} />}
      {dialog?.kind === 'return' && (
        <ReturnDialog onClose={close} onDone={(refund) => setDialog({ kind: 'receipt', saleId: refund.id, change: null, title: t('return.done') })} />
      )}
      {dialog?.kind === 'cash' && <CashDialog onClose={close} />}
      {dialog?.kind === 'reports' && <ReportsDialog onClose={close} onShiftClosed={() => { setDialog(null); setShift(null); setCart(null); }} />}
      {dialog?.kind === 'drawer' && <DrawerDialog onClose={close} />}
    </main>
  );
}
