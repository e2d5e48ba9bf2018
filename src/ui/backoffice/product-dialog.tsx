import { useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { Button, Dialog, Field } from '../components/ui.js';
import { formatPlain, formatQty, parseQuantity, parseRoubles } from '../../shared/money.js';
import { uuidv7 } from '../../shared/ids.js';
import type { CommandOutput } from '../../shared/contract/commands.js';

type Card = CommandOutput<'catalog.get'>;
type Group = CommandOutput<'groups.list'>[number];
type Vat = CommandOutput<'vat.list'>[number];
type Movement = CommandOutput<'stock.movements'>[number];
type PriceRow = CommandOutput<'prices.history'>[number];

interface Form {
  name: string; groupId: string; unit: 'pcs' | 'kg' | 'l'; vat: string; kind: 'goods' | 'excise' | 'service';
  article: string; plu: string; marked: boolean; barcodes: string; price: string; cost: string; minStock: string; maxStock: string;
}

function toForm(c: Card | null, barcode: string): Form {
  const q = (v: number | null | undefined, unit: Form['unit']) => (v === null || v === undefined ? '' : formatQty(v, unit !== 'pcs').replace('.', ','));
  return {
    name: c?.name ?? '', groupId: c?.groupId ?? '', unit: c?.unit ?? 'pcs', vat: c?.vat ?? '22', kind: c?.kind ?? 'goods', article: c?.article ?? '',
    plu: c?.plu ?? '', marked: c?.marked ?? false, barcodes: c ? c.barcodes.join(', ') : barcode,
    price: c ? formatPlain(c.price).replace('.', ',') : '', cost: c ? formatPlain(c.cost).replace('.', ',') : '',
    minStock: q(c?.minStock, c?.unit ?? 'pcs'), maxStock: q(c?.maxStock, c?.unit ?? 'pcs'),
  };
}

/** Parses a field a person typed; returns undefined for empty and throws with the field's name when it is not a number. */
function number(text: string, parse: (s: string) => number, field: string): number | undefined {
  if (!text.trim()) return undefined;
  try {
    return parse(text);
  } catch {
    throw new Error(field);
  }
}

/** A product card: everything about one product, its stock, movements and price history; editable by a manager. */
export function ProductDialog({ id, barcode = '', onClose, onSaved }: { id: string | null; barcode?: string; onClose(): void; onSaved?(card: Card): void }) {
  const { conn, t, money, qty, when, fail, notify } = useApp();
  const [card, setCard] = useState<Card | null>(null);
  const [form, setForm] = useState<Form>(toForm(null, barcode));
  const [groups, setGroups] = useState<Group[]>([]);
  const [vats, setVats] = useState<Vat[]>([]);
  const [moves, setMoves] = useState<Movement[]>([]);
  const [history, setHistory] = useState<PriceRow[]>([]);
  const [newId] = useState(() => id ?? uuidv7());

  useEffect(() => {
    conn.call('groups.list', {}).then(setGroups, fail);
    conn.call('vat.list', {}).then(setVats, fail);
    if (!id) return;
    conn.call('catalog.get', { id }).then((c) => {
      setCard(c);
      setForm(toForm(c, ''));
    }, fail);
    conn.call('stock.movements', { productId: id, limit: 100 }).then(setMoves, fail);
    conn.call('prices.history', { productId: id }).then(setHistory, fail);
  }, [conn, fail, id]);

  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const save = async () => {
    try {
      const input = {
        id: newId, name: form.name, groupId: form.groupId || null, unit: form.unit, vat: form.vat, kind: form.kind,
        article: form.article.trim() || null, plu: form.plu.trim() || null, marked: form.marked,
        barcodes: form.barcodes.split(/[\s,;]+/).filter(Boolean),
        price: number(form.price, parseRoubles, t('bo.price')), cost: number(form.cost, parseRoubles, t('bo.cost')),
        minStock: number(form.minStock, parseQuantity, t('bo.minStock')) ?? null, maxStock: number(form.maxStock, parseQuantity, t('bo.maxStock')) ?? null,
      };
      const saved = await conn.call('catalog.save', input);
      notify(t('bo.saved'));
      onSaved?.(saved);
      onClose();
    } catch (err) {
      if (err instanceof Error && !('body' in err)) notify(t('bo.badNumber', { field: err.message }), 'error');
      else fail(err);
    }
  };
  const remove = async () => {
    if (!card) return;
    try {
      const r = await conn.call('catalog.remove', { id: card.id });
      notify(t(r.outcome === 'archived' ? 'bo.archived' : 'bo.deleted'));
      onClose();
    } catch (err) {
      fail(err);
    }
  };
  const restore = async () => {
    if (!card) return;
    try {
      await conn.call('catalog.restore', { id: card.id });
      notify(t('bo.restored'));
      onClose();
    } catch (err) {
      fail(err);
    }
  };

  return (
    <Dialog title={card ? card.name : t('bo.newProduct')} onClose={onClose} onSubmit={() => void save()} wide testId="product-dialog">
      <div className="form-grid">
        <Field label={t('bo.name')} value={form.name} onChange={(e) => set('name', e.target.value)} data-testid="p-name" required />
        <label className="field"><span>{t('bo.group')}</span>
          <select value={form.groupId} onChange={(e) => set('groupId', e.target.value)} data-testid="p-group">
            <option value="">—</option>
            {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </select>
        </label>
        <label className="field"><span>{t('bo.unit')}</span>
          <select value={form.unit} onChange={(e) => set('unit', e.target.value as Form['unit'])} data-testid="p-unit">
            {(['pcs', 'kg', 'l'] as const).map((u) => <option key={u} value={u}>{t(`unit.${u}`)}</option>)}
          </select>
        </label>
        <label className="field"><span>{t('bo.vat')}</span>
          <select value={form.vat} onChange={(e) => set('vat', e.target.value)} data-testid="p-vat">
            {vats.map((v) => <option key={v.code} value={v.code}>{v.label}</option>)}
          </select>
        </label>
        <label className="field"><span>{t('bo.kind')}</span>
          <select value={form.kind} onChange={(e) => set('kind', e.target.value as Form['kind'])}>
            {(['goods', 'excise', 'service'] as const).map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
          </select>
        </label>
        <Field label={t('bo.barcodes')} value={form.barcodes} onChange={(e) => set('barcodes', e.target.value)} data-testid="p-barcodes" />
        <Field label={t('bo.article')} value={form.article} onChange={(e) => set('article', e.target.value)} />
        <Field label="PLU" value={form.plu} onChange={(e) => set('plu', e.target.value)} inputMode="numeric" />
        <Field label={t('bo.price')} value={form.price} onChange={(e) => set('price', e.target.value)} inputMode="decimal" data-testid="p-price" />
        <Field label={t('bo.cost')} value={form.cost} onChange={(e) => set('cost', e.target.value)} inputMode="decimal" data-testid="p-cost" />
        <Field label={t('bo.minStock')} value={form.minStock} onChange={(e) => set('minStock', e.target.value)} inputMode="decimal" />
        <Field label={t('bo.maxStock')} value={form.maxStock} onChange={(e) => set('maxStock', e.target.value)} inputMode="decimal" />
        <label className="check"><input type="checkbox" checked={form.marked} onChange={(e) => set('marked', e.target.checked)} /> {t('bo.marked')}</label>
      </div>
      {card && (
        <p className="muted" data-testid="p-stock">
          {t('bo.stock')}: <strong>{qty(card.stock, card.unit)}</strong>
          {card.suggestedPrice !== null && <> · {t('bo.suggested')}: {money(card.suggestedPrice)}</>}
          {card.groupPath.length > 0 && <> · {card.groupPath.join(' / ')}</>}
        </p>
      )}
      <div className="toolbar">
        <Button kind="primary" type="submit" data-testid="p-save">{t('bo.save')}</Button>
        {card && !card.archived && <Button kind="danger" onClick={() => void remove()}>{card.hasMovements ? t('bo.archive') : t('bo.delete')}</Button>}
        {card?.archived && <Button onClick={() => void restore()}>{t('bo.restore')}</Button>}
      </div>
      {card && moves.length > 0 && (
        <section className="section">
          <h3>{t('bo.movements')}</h3>
          <table className="grid" data-testid="p-moves">
            <thead><tr><th>{t('bo.when')}</th><th>{t('bo.document')}</th><th className="num">{t('bo.qty')}</th><th className="num">{t('bo.balance')}</th></tr></thead>
            <tbody>{moves.map((m, i) => (
              <tr key={`${m.docId}-${i}`}><td>{when(m.at)}</td><td>{t(`doc.${m.docType}`)} {m.docNumber ? `№ ${m.docNumber}` : ''}</td>
                <td className="num">{m.qty > 0 ? '+' : ''}{qty(m.qty, card.unit)}</td><td className="num">{qty(m.balance, card.unit)}</td></tr>
            ))}</tbody>
          </table>
        </section>
      )}
      {card && history.length > 0 && (
        <section className="section">
          <h3>{t('bo.priceHistory')}</h3>
          <table className="grid" data-testid="p-prices">
            <thead><tr><th>{t('bo.from')}</th><th className="num">{t('bo.oldPrice')}</th><th className="num">{t('bo.newPrice')}</th><th>{t('bo.by')}</th></tr></thead>
            <tbody>{history.map((h) => (
              <tr key={h.docId}><td>{when(h.effectiveAt)}{h.applied ? '' : ` (${t('bo.scheduled')})`}</td><td className="num">{money(h.oldPrice)}</td><td className="num">{money(h.newPrice)}</td><td>{h.author}</td></tr>
            ))}</tbody>
          </table>
        </section>
      )}
    </Dialog>
  );
}
