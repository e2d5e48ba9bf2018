import { useCallback, useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { Button, Field } from '../components/ui.js';
import { useScanner } from '../components/use-scanner.js';
import { uuidv7 } from '../../shared/ids.js';
import { parseQuantity } from '../../shared/money.js';
import type { CommandOutput } from '../../shared/contract/commands.js';

type Info = CommandOutput<'stocktake.list'>[number];
type Sheet = CommandOutput<'stocktake.sheet'>;

/** Stocktakes for the manager: start one (whole shop or a group), watch the count, see surplus and shortage, post. */
export function StocktakeTab({ onCount }: { onCount(): void }) {
  const { conn, t, money, when, fail, approve, notify } = useApp();
  const [list, setList] = useState<Info[]>([]);
  const [groups, setGroups] = useState<CommandOutput<'groups.list'>>([]);
  const [groupId, setGroupId] = useState('');
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [onlyDiff, setOnlyDiff] = useState(false);
  const open = list.find((s) => s.status === 'open') ?? null;
  const refresh = useCallback(() => {
    conn.call('stocktake.list', {}).then(setList, fail);
  }, [conn, fail]);
  useEffect(() => {
    refresh();
    conn.call('groups.list', {}).then(setGroups, fail);
  }, [conn, fail, refresh]);
  useEffect(() => {
    if (!open) return setSheet(null);
    conn.call('stocktake.sheet', { stocktakeId: open.id, onlyDiff, limit: 500 }).then(setSheet, fail);
  }, [conn, fail, open?.id, open?.counted, onlyDiff]);

  const start = async () => {
    try {
      await conn.call('stocktake.start', { id: uuidv7(), groupId: groupId || null });
      refresh();
    } catch (err) {
      fail(err);
    }
  };
  const post = async () => {
    if (!open) return;
    try {
      const doc = await approve((override) => conn.call('stocktake.post', override ? { stocktakeId: open.id, override } : { stocktakeId: open.id }));
      notify(t('bo.postedOk', { number: doc.number }));
      refresh();
    } catch (err) {
      fail(err);
    }
  };
  const cancel = async () => {
    if (!open) return;
    try {
      await conn.call('stocktake.cancel', { stocktakeId: open.id });
      refresh();
    } catch (err) {
      fail(err);
    }
  };
  return (
    <>
      {!open && (
        <div className="toolbar">
          <label className="field"><span>{t('bo.group')}</span>
            <select value={groupId} onChange={(e) => setGroupId(e.target.value)} data-testid="st-group">
              <option value="">{t('bo.wholeShop')}</option>
              {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
            </select>
          </label>
          <Button kind="primary" onClick={() => void start()} data-testid="st-start">{t('bo.startStocktake')}</Button>
        </div>
      )}
      {open && sheet && (
        <section className="section" data-testid="st-sheet">
          <h2>{t('bo.stocktake')} № {open.number} · {open.group ?? t('bo.wholeShop')} · {when(open.startedAt)}</h2>
          <div className="toolbar">
            <Button onClick={onCount} data-testid="st-count">{t('bo.count')}</Button>
            <Button onClick={refresh}>{t('bo.refresh')}</Button>
            <label className="check"><input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} /> {t('bo.onlyDiff')}</label>
            <span className="spacer" />
            <Button kind="primary" onClick={() => void post()} data-testid="st-post">{t('bo.post')}</Button>
            <Button kind="danger" onClick={() => void cancel()}>{t('bo.cancelStocktake')}</Button>
          </div>
          <p className="totals">
            <span>{t('bo.surplus')}: <span data-testid="st-surplus">{money(sheet.surplusCost)}</span></span>
            <span>{t('bo.shortage')}: <span data-testid="st-shortage">{money(sheet.shortageCost)}</span></span>
            <span className="muted">{t('bo.atRetail')}: {money(sheet.surplusRetail)} / {money(sheet.shortageRetail)}</span>
          </p>
          <SheetTable sheet={sheet} />
        </section>
      )}
      <section className="section">
        <h3>{t('bo.stocktakes')}</h3>
        <table className="grid">
          <thead><tr><th>№</th><th>{t('bo.date')}</th><th>{t('bo.group')}</th><th className="num">{t('bo.countedProducts')}</th><th>{t('bo.status')}</th></tr></thead>
          <tbody>{list.map((s) => (
            <tr key={s.id}><td>{s.number}</td><td>{when(s.startedAt)}</td><td>{s.group ?? t('bo.wholeShop')}</td><td className="num">{s.counted}</td><td>{t(`st.${s.status}`)}</td></tr>
          ))}</tbody>
        </table>
      </section>
    </>
  );
}

function SheetTable({ sheet }: { sheet: Sheet }) {
  const { t, money, qty } = useApp();
  return (
    <table className="grid">
      <thead><tr><th>{t('bo.name')}</th><th className="num">{t('bo.book')}</th><th className="num">{t('bo.counted')}</th><th className="num">{t('bo.diff')}</th><th className="num">{t('bo.diffCost')}</th></tr></thead>
      <tbody>{sheet.rows.map((r) => (
        <tr key={r.productId} data-product={r.name}>
          <td>{r.name}</td><td className="num">{qty(r.book, r.unit)}</td><td className="num">{qty(r.counted, r.unit)}</td>
          <td className={`num ${r.diff < 0 ? 'bad' : ''}`}>{qty(r.diff, r.unit)}</td><td className={`num ${r.diffCost < 0 ? 'bad' : ''}`}>{money(r.diffCost)}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}

/**
 * Counting: a phone or tablet on the shop's network, or the till itself, scans goods one after
 * another; a weighed item or a pack of many takes a typed quantity. Any logged-in user can count.
 */
export function StocktakeCounter({ onClose }: { onClose(): void }) {
  const { conn, t, qty, fail, notify } = useApp();
  const [open, setOpen] = useState<Info | null | undefined>(undefined);
  const [code, setCode] = useState('');
  const [amount, setAmount] = useState('');
  const [last, setLast] = useState<CommandOutput<'stocktake.count'> | null>(null);
  useEffect(() => {
    conn.call('stocktake.list', {}).then((l) => setOpen(l.find((s) => s.status === 'open') ?? null), fail);
  }, [conn, fail]);
  const count = async (text: string, sign: 1 | -1) => {
    if (!open || !text.trim()) return;
    try {
      const typed = amount.trim() ? parseQuantity(amount) : undefined;
      const input = { id: uuidv7(), stocktakeId: open.id, code: text.trim(), ...(typed ? { qty: sign * typed } : sign < 0 ? { qty: -1000 } : {}) };
      setLast(await conn.call('stocktake.count', input));
      setCode('');
      setAmount('');
    } catch (err) {
      if (err instanceof RangeError) notify(t('bo.badNumber', { field: t('bo.countQty') }), 'error');
      else fail(err);
    }
  };
  useScanner((scanned) => void count(scanned, 1));
  if (open === undefined) return null;
  return (
    <main className="counter" data-testid="counter">
      <h2>{open ? `${t('bo.stocktake')} № ${open.number}${open.group ? ` · ${open.group}` : ''}` : t('bo.noStocktake')}</h2>
      {open && (
        <form className="section" onSubmit={(e) => { e.preventDefault(); void count(code, 1); }}>
          <Field label={t('bo.scanOrType')} value={code} onChange={(e) => setCode(e.target.value)} autoFocus className="big-input" data-testid="count-code" />
          <Field label={t('bo.countQty')} value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" data-testid="count-qty" />
          <div className="toolbar">
            <Button kind="primary" type="submit" data-testid="count-add">{t('bo.countAdd')}</Button>
            <Button onClick={() => void count(code, -1)}>{t('bo.countRemove')}</Button>
          </div>
        </form>
      )}
      {last && <div className="last" data-testid="count-last">{last.name}<strong>{qty(last.counted, last.unit)}</strong></div>}
      <Button onClick={onClose}>{t('common.back')}</Button>
    </main>
  );
}
