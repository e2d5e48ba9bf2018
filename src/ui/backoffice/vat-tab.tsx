import { useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { Button } from '../components/ui.js';
import type { CommandOutput } from '../../shared/contract/commands.js';

type Rate = CommandOutput<'vat.list'>[number];
type Row = { code: string; percent: string; label: string; tag1199: string };

const asRow = (r: Rate): Row => ({ code: r.code, percent: r.percent === null ? '' : String(r.percent), label: r.label, tag1199: String(r.tag1199) });
const EMPTY: Row = { code: '', percent: '', label: '', tag1199: '' };

/**
 * The VAT table (owner): rate → receipt label → FFD tag 1199, which the registrar turns into
 * its tax group. Rates change by law; the owner changes them here, no new release needed.
 */
export function VatTab() {
  const { conn, t, fail, notify } = useApp();
  const [rows, setRows] = useState<Row[]>([]);
  const [fresh, setFresh] = useState<Row>(EMPTY);
  useEffect(() => {
    conn.call('vat.list', {}).then((rates) => setRows(rates.map(asRow)), fail);
  }, [conn, fail]);

  const save = async (row: Row) => {
    try {
      // a blank percent is "no VAT" (БЕЗ НДС); the server says what else is wrong, field by field
      const rates = await conn.call('vat.save', {
        code: row.code.trim(), percent: row.percent.trim() === '' ? null : Number(row.percent), label: row.label, tag1199: Number(row.tag1199),
      });
      setRows(rates.map(asRow));
      if (row === fresh) setFresh(EMPTY);
      notify(t('vat.saved', { label: row.label }));
    } catch (err) {
      fail(err);
    }
  };
  const edit = (i: number, field: keyof Row, value: string) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, [field]: value } : r)));
  const cell = (row: Row, field: keyof Row, onChange: (v: string) => void, name: string) => (
    <td><input className="qty-input" name={name} value={row[field]} aria-label={t(`vat.${field}`)} onChange={(e) => onChange(e.target.value)} /></td>
  );
  return (
    <section className="section">
      <p className="muted">{t('vat.hint')}</p>
      <table className="grid" data-testid="vat-table">
        <thead><tr><th>{t('vat.code')}</th><th>{t('vat.percent')}</th><th>{t('vat.label')}</th><th>{t('vat.tag1199')}</th><th /></tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.code} data-code={r.code}>
              <td>{r.code}</td>
              {cell(r, 'percent', (v) => edit(i, 'percent', v), `vat-${r.code}-percent`)}
              {cell(r, 'label', (v) => edit(i, 'label', v), `vat-${r.code}-label`)}
              {cell(r, 'tag1199', (v) => edit(i, 'tag1199', v), `vat-${r.code}-tag`)}
              <td><Button onClick={() => void save(r)}>{t('bo.save')}</Button></td>
            </tr>
          ))}
          <tr>
            {cell(fresh, 'code', (v) => setFresh({ ...fresh, code: v }), 'vat-new-code')}
            {cell(fresh, 'percent', (v) => setFresh({ ...fresh, percent: v }), 'vat-new-percent')}
            {cell(fresh, 'label', (v) => setFresh({ ...fresh, label: v }), 'vat-new-label')}
            {cell(fresh, 'tag1199', (v) => setFresh({ ...fresh, tag1199: v }), 'vat-new-tag')}
            <td><Button kind="primary" onClick={() => void save(fresh)} data-testid="vat-add">{t('bo.add')}</Button></td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
