import { useMemo, useState } from 'react';
import { uuidv7 } from '../../../shared/ids.js';
import { parseQuantity } from '../../../shared/money.js';
import { useApp } from '../../app-context.js';
import { Button, Dialog, Field } from '../../components/ui.js';
import { useAmount, useQuantity } from '../../components/use-money-input.js';
import type { Product, Sale, SaleSummary } from '../../types.js';

function safeQty(text: string): number {
  try {
    return text.trim() ? parseQuantity(text) : 0;
  } catch {
    return -1;
  }
}

/** A return against a receipt found by number, the barcode printed on it, or date; or, for a manager, without one. */
export function ReturnDialog({ onDone, onClose }: { onDone(refund: Sale): void; onClose(): void }) {
  const { conn, t, money, qty, when, fail, approve } = useApp();
  const [query, setQuery] = useState('');
  const [date, setDate] = useState('');
  const [found, setFound] = useState<SaleSummary[] | null>(null);
  const [sale, setSale] = useState<Sale | null>(null);
  const [amounts, setAmounts] = useState<Record<number, string>>({});
  const [noReceipt, setNoReceipt] = useState(false);
  const returnId = useMemo(() => uuidv7(), []);

  const find = async () => {
    try {
      const list = await conn.call('sale.find', date ? { date } : /^\d+$/.test(query.trim()) ? { number: Number(query.trim()) } : { code: query.trim() });
      const sales = list.filter((s) => s.kind === 'sale');
      if (sales.length === 1 && sales[0]) await open(sales[0].id);
      else setFound(sales);
    } catch (err) {
      fail(err);
    }
  };
  const open = async (id: string) => {
    try {
      setSale(await conn.call('sale.get', { id }));
      setAmounts({});
    } catch (err) {
      fail(err);
    }
  };
  const lines = sale ? sale.lines.map((l) => ({ lineNo: l.lineNo, qty: safeQty(amounts[l.lineNo] ?? '') })).filter((l) => l.qty !== 0) : [];
  const valid = lines.length > 0 && lines.every((l) => l.qty > 0);
  const make = async () => {
    if (!sale || !valid) return;
    try {
      onDone(await approve((override) => conn.call('return.create', { id: returnId, saleId: sale.id, lines, ...(override ? { override } : {}) })));
    } catch (err) {
      fail(err);
    }
  };

  if (noReceipt) return <NoReceiptReturn onDone={onDone} onClose={onClose} />;

  if (sale) {
    return (
      <Dialog title={`${t('return.title')}: ${t('receipt.title', { number: sale.number })}`} onClose={onClose} onSubmit={() => void make()} wide testId="return-dialog">
        <table className="grid">
          <thead><tr><th>{t('till.item')}</th><th>{t('return.sold')}</th><th>{t('return.returned')}</th><th>{t('till.sum')}</th><th>{t('return.toReturn')}</th></tr></thead>
          <tbody>
            {sale.lines.map((l) => (
              <tr key={l.lineNo}>
                <td>{l.name}</td><td>{qty(l.qty, l.unit)}</td><td>{qty(l.returnedQty, l.unit)}</td><td>{money(l.total)}</td>
                <td>
                  <input
                    className="qty-input" inputMode="decimal" aria-label={`${t('return.toReturn')} ${l.lineNo}`} name={`return-${l.lineNo}`}
                    value={amounts[l.lineNo] ?? ''} disabled={l.returnedQty >= l.qty}
                    onChange={(e) => setAmounts({ ...amounts, [l.lineNo]: e.target.value })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <Button onClick={() => setAmounts(Object.fromEntries(sale.lines.map((l) => [l.lineNo, String((l.qty - l.returnedQty) / 1000).replace('.', ',')])))}>{t('return.all')}</Button>
          <Button type="submit" kind="primary" hotkey="Enter" disabled={!valid}>{t('return.make')}</Button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={t('return.title')} onClose={onClose} onSubmit={() => void find()} wide testId="return-dialog">
      <Field label={t('return.find')} value={query} onChange={(e) => setQuery(e.target.value)} name="receipt" />
      <Field label={t('return.date')} type="date" value={date} onChange={(e) => setDate(e.target.value)} name="date" />
      {found && (
        <ul className="results">
          {found.length === 0 && <li className="muted">{t('errors.noSuchReceipt')}</li>}
          {found.map((s) => (
            <li key={s.id} onClick={() => void open(s.id)}>
              <span>{t('receipt.title', { number: s.number })}</span><small>{when(s.at)} · {s.cashier}</small><b>{money(s.total)}</b>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <Button onClick={() => setNoReceipt(true)}>{t('return.noReceipt')}</Button>
        <Button type="submit" kind="primary" hotkey="Enter">{t('return.findButton')}</Button>
      </div>
    </Dialog>
  );
}

function NoReceiptReturn({ onDone, onClose }: { onDone(refund: Sale): void; onClose(): void }) {
  const { conn, t, money, fail, approve } = useApp();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Product[]>([]);
  const [product, setProduct] = useState<Product | null>(null);
  const amount = useQuantity('1');
  const price = useAmount('');
  const [reason, setReason] = useState('');
  const [kind, setKind] = useState<'cash' | 'card'>('cash');
  const id = useMemo(() => uuidv7(), []);
  const search = async (q: string) => {
    setQuery(q);
    if (q.trim()) conn.call('catalog.search', { query: q.trim(), limit: 8 }).then(setOptions, fail);
  };
  const unitPrice = price.kopecks ?? product?.price ?? 0;
  const valid = product && amount.milli && amount.milli > 0 && unitPrice > 0 && reason.trim();
  const submit = async () => {
    if (!valid || !product || !amount.milli) return;
    const input = { id, lines: [{ productId: product.id, qty: amount.milli, price: unitPrice }], kind, reason: reason.trim() };
    try {
      onDone(await approve((override) => conn.call('return.noReceipt', override ? { ...input, override } : input)));
    } catch (err) {
      fail(err);
    }
  };
  return (
    <Dialog title={`${t('return.title')}: ${t('return.noReceipt')}`} onClose={onClose} onSubmit={() => void submit()} wide testId="return-noreceipt">
      <Field label={t('search.placeholder')} value={product ? product.name : query} onChange={(e) => { setProduct(null); void search(e.target.value); }} name="product" />
      {!product && options.length > 0 && (
        <ul className="results">
          {options.map((p) => <li key={p.id} onClick={() => { setProduct(p); setOptions([]); }}><span>{p.name}</span><b>{money(p.price)}</b></li>)}
        </ul>
      )}
      <Field label={product?.unit === 'pcs' ? t('qty.pieces') : t('qty.weight')} inputMode="decimal" value={amount.text} onChange={(e) => amount.setText(e.target.value)} name="qty" />
      <Field label={t('till.price')} inputMode="decimal" placeholder={product ? money(product.price) : ''} value={price.text} onChange={(e) => price.setText(e.target.value)} name="price" />
      <Field label={t('return.reason')} value={reason} onChange={(e) => setReason(e.target.value)} name="reason" />
      <div className="segmented">
        <Button kind={kind === 'cash' ? 'primary' : 'normal'} onClick={() => setKind('cash')}>{t('return.kindCash')}</Button>
        <Button kind={kind === 'card' ? 'primary' : 'normal'} onClick={() => setKind('card')}>{t('return.kindCard')}</Button>
      </div>
      <div className="actions">
        <Button type="submit" kind="primary" hotkey="Enter" disabled={!valid}>{t('return.make')}</Button>
      </div>
    </Dialog>
  );
}
