import { useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { Button, Field } from '../components/ui.js';
import type { CommandOutput } from '../../shared/contract/commands.js';
import { downloadFile } from '../client/files.js';
import { formatDay, formatShare, formatThousandths } from '../../shared/i18n/index.js';

type Kind = 'sales' | 'abc' | 'xyz' | 'cashiers' | 'slow' | 'out' | 'reorder';
type By = 'day' | 'hour' | 'product' | 'group' | 'cashier' | 'payment';
type Result =
  | { kind: 'sales'; by: By; data: CommandOutput<'report.sales'> }
  | { kind: 'abc'; data: CommandOutput<'report.abc'> }
  | { kind: 'xyz'; data: CommandOutput<'report.xyz'> }
  | { kind: 'cashiers'; data: CommandOutput<'report.cashiers'> }
  | { kind: 'slow' | 'out'; data: CommandOutput<'report.stock'> }
  | { kind: 'reorder'; data: CommandOutput<'report.reorder'> };

const KINDS: Kind[] = ['sales', 'abc', 'xyz', 'cashiers', 'slow', 'out', 'reorder'];
const BYS: By[] = ['day', 'hour', 'product', 'group', 'cashier', 'payment'];

function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Reports over any period; the core computes them off the till's path. */
export function ReportsTab() {
  const { conn, t, fail, notify } = useApp();
  const today = localDay(new Date());
  const [from, setFrom] = useState(localDay(new Date(Date.now() - 29 * 86_400_000)));
  const [to, setTo] = useState(today);
  const [kind, setKind] = useState<Kind>('sales');
  const [by, setBy] = useState<By>('day');
  const [result, setResult] = useState<Result | null>(null);
  const run = async () => {
    try {
      const period = { from, to };
      if (kind === 'sales') setResult({ kind, by, data: await conn.call('report.sales', { ...period, by }) });
      else if (kind === 'abc') setResult({ kind, data: await conn.call('report.abc', period) });
      else if (kind === 'xyz') setResult({ kind, data: await conn.call('report.xyz', period) });
      else if (kind === 'cashiers') setResult({ kind, data: await conn.call('report.cashiers', period) });
      else if (kind === 'reorder') setResult({ kind, data: await conn.call('report.reorder', {}) });
      else setResult({ kind, data: await conn.call('report.stock', { kind }) });
    } catch (err) {
      fail(err);
    }
  };
  useEffect(() => {
    void run();
  }, [kind, by]);
  const toExcel = async () => {
    const period = { from, to };
    const source = kind === 'sales' ? { what: 'report.sales' as const, ...period, by }
      : kind === 'abc' ? { what: 'report.abc' as const, ...period }
        : kind === 'xyz' ? { what: 'report.xyz' as const, ...period }
          : kind === 'cashiers' ? { what: 'report.cashiers' as const, ...period }
            : { what: 'report.reorder' as const };
    try {
      const r = await conn.call('export.run', { format: 'xlsx', source });
      await downloadFile(conn, r.file.id);
      notify(t('exp.done', { rows: r.rows }));
    } catch (err) {
      fail(err);
    }
  };
  return (
    <>
      <div className="toolbar">
        <label className="field"><span>{t('rep.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="rep-kind">
            {KINDS.map((k) => <option key={k} value={k}>{t(`rep.${k}`)}</option>)}
          </select>
        </label>
        {kind === 'sales' && (
          <label className="field"><span>{t('rep.by')}</span>
            <select value={by} onChange={(e) => setBy(e.target.value as By)} data-testid="rep-by">
              {BYS.map((b) => <option key={b} value={b}>{t(`rep.by.${b}`)}</option>)}
            </select>
          </label>
        )}
        <Field label={t('bo.from')} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <Field label={t('bo.to')} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <Button onClick={() => { setFrom(today); setTo(today); }}>{t('rep.today')}</Button>
        <Button kind="primary" onClick={() => void run()} data-testid="rep-run">{t('rep.show')}</Button>
        {kind !== 'slow' && kind !== 'out' && <Button onClick={() => void toExcel()} data-testid="rep-export">{t('exp.report')}</Button>}
      </div>
      {result && <ReportView result={result} />}
    </>
  );
}

function Bars({ rows }: { rows: { key: string; label: string; value: number }[] }) {
  const { money } = useApp();
  const max = Math.max(1, ...rows.map((r) => Math.abs(r.value)));
  return (
    <div className="bars" data-testid="rep-chart" aria-hidden="true">
      {rows.slice(0, 31).map((r) => (
        <div className="bar" key={r.key}><span>{r.label}</span><div className="bar-fill" style={{ width: `${(Math.abs(r.value) / max) * 100}%` }} /><span className="num">{money(r.value)}</span></div>
      ))}
    </div>
  );
}

function ReportView({ result }: { result: Result }) {
  const { t, money, qty, when, lang } = useApp();
  const pct = (hundredths: number) => formatShare(lang, hundredths);
  switch (result.kind) {
    case 'sales': {
      const { rows, count, totals } = result.data;
      const label = (key: string, l: string) => (result.by === 'payment' ? t(`rep.pay.${key}`) : l || t('bo.noGroup'));
      return (
        <>
          {['day', 'hour', 'group', 'cashier', 'payment'].includes(result.by) && <Bars rows={rows.map((r) => ({ key: r.key, label: label(r.key, r.label), value: r.revenue }))} />}
          {count > rows.length && <p className="muted">{t('rep.shown', { shown: rows.length, total: count })}</p>}
          <table className="grid" data-testid="rep-table">
            <thead><tr><th>{t(`rep.by.${result.by}`)}</th><th className="num">{t('rep.receipts')}</th><th className="num">{t('bo.qty')}</th><th className="num">{t('rep.revenue')}</th><th className="num">{t('rep.cost')}</th><th className="num">{t('rep.margin')}</th></tr></thead>
            <tbody>{rows.map((r) => (
              <tr key={r.key}><td>{label(r.key, r.label)}</td><td className="num">{r.receipts}</td><td className="num">{formatThousandths(lang, r.qty)}</td>
                <td className="num">{money(r.revenue)}</td><td className="num">{money(r.cost)}</td><td className="num">{money(r.margin)}</td></tr>
            ))}</tbody>
            <tfoot><tr><th>{t('rep.total')}</th><th className="num">{totals.receipts}</th><th /><th className="num" data-testid="rep-revenue">{money(totals.revenue)}</th><th className="num">{money(totals.cost)}</th><th className="num">{money(totals.margin)}</th></tr></tfoot>
          </table>
        </>
      );
    }
    case 'abc':
      return (
        <>
        <p className="muted" data-testid="rep-classes">{result.data.classes.map((c) => `${c.abc}: ${c.products} · ${money(c.value)}`).join('   ')}</p>
        {result.data.total > result.data.rows.length && <p className="muted">{t('rep.shown', { shown: result.data.rows.length, total: result.data.total })}</p>}
        <table className="grid" data-testid="rep-table">
          <thead><tr><th>{t('bo.name')}</th><th className="num">{t('rep.revenue')}</th><th className="num">{t('rep.share')}</th><th className="num">{t('rep.cumulative')}</th><th>ABC</th></tr></thead>
          <tbody>{result.data.rows.map((r) => (
            <tr key={r.productId}><td>{r.name}</td><td className="num">{money(r.value)}</td><td className="num">{pct(r.share)}</td><td className="num">{pct(r.cumulative)}</td><td><span className={`pill pill-${r.abc}`}>{r.abc}</span></td></tr>
          ))}</tbody>
        </table>
        </>
      );
    case 'xyz':
      return (
        <>
        <p className="muted" data-testid="rep-classes">{result.data.classes.map((c) => `${c.xyz}: ${c.products}`).join('   ')}</p>
        {result.data.total > result.data.rows.length && <p className="muted">{t('rep.shown', { shown: result.data.rows.length, total: result.data.total })}</p>}
        <table className="grid" data-testid="rep-table">
          <thead><tr><th>{t('bo.name')}</th><th className="num">{t('rep.weeks')}</th><th className="num">{t('rep.variation')}</th><th>XYZ</th></tr></thead>
          <tbody>{result.data.rows.map((r) => (
            <tr key={r.productId}><td>{r.name}</td><td className="num">{r.periods}</td><td className="num">{pct(r.variation)}</td><td><span className={`pill pill-${r.xyz}`}>{r.xyz}</span></td></tr>
          ))}</tbody>
        </table>
        </>
      );
    case 'cashiers':
      return (
        <table className="grid" data-testid="rep-table">
          <thead><tr><th>{t('bo.cashier')}</th><th className="num">{t('rep.receipts')}</th><th className="num">{t('rep.revenue')}</th><th className="num">{t('rep.voids')}</th><th className="num">{t('rep.cancels')}</th>
            <th className="num">{t('rep.returns')}</th><th className="num">{t('rep.discounts')}</th><th className="num">{t('rep.drawer')}</th></tr></thead>
          <tbody>{result.data.map((r) => (
            <tr key={r.userId} data-cashier={r.name} title={r.events.map((e) => `${when(e.at)} ${t(`event.${e.type}`)}${e.amount !== null ? ` ${money(e.amount)}` : ''}`).join('\n')}>
              <td>{r.name}</td><td className="num">{r.receipts}</td><td className="num">{money(r.revenue)}</td>
              <td className={`num ${r.voidedLines ? 'bad' : ''}`}>{r.voidedLines}</td><td className={`num ${r.cancelledReceipts ? 'bad' : ''}`}>{r.cancelledReceipts}</td>
              <td className="num">{r.returns} / {money(r.returnsTotal)}</td><td className="num">{r.discounts} / {money(r.discountTotal)}</td><td className={`num ${r.drawerOpenings ? 'bad' : ''}`}>{r.drawerOpenings}</td>
            </tr>
          ))}</tbody>
        </table>
      );
    case 'slow':
    case 'out':
      return (
        <table className="grid" data-testid="rep-table">
          <thead><tr><th>{t('bo.name')}</th><th className="num">{t('bo.stock')}</th><th>{t('rep.lastSale')}</th><th className="num">{t('rep.value')}</th></tr></thead>
          <tbody>{result.data.map((r) => (
            <tr key={r.productId}><td>{r.name}</td><td className="num">{formatThousandths(lang, r.stock)}</td><td>{r.lastSale ? formatDay(lang, r.lastSale) : '—'}</td><td className="num">{money(r.value)}</td></tr>
          ))}</tbody>
        </table>
      );
    case 'reorder':
      return (
        <table className="grid" data-testid="rep-table">
          <thead><tr><th>{t('bo.name')}</th><th className="num">{t('bo.stock')}</th><th className="num">{t('rep.perDay')}</th><th className="num">{t('rep.daysLeft')}</th><th className="num">{t('rep.order')}</th><th className="num">{t('rep.cost')}</th></tr></thead>
          <tbody>{result.data.map((r) => (
            <tr key={r.productId}><td>{r.name}</td><td className="num">{qty(r.stock, r.unit)}</td><td className="num">{qty(r.perDay, r.unit)}</td><td className="num">{r.daysLeft ?? '—'}</td>
              <td className="num"><strong>{qty(r.orderQty, r.unit)}</strong></td><td className="num">{money(r.cost)}</td></tr>
          ))}</tbody>
          <tfoot><tr><th colSpan={5}>{t('rep.total')}</th><th className="num">{money(result.data.reduce((a, r) => a + r.cost, 0))}</th></tr></tfoot>
        </table>
      );
  }
}
