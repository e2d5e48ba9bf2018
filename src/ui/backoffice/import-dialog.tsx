import { useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { Button, Dialog } from '../components/ui.js';
import { uploadFile } from '../client/files.js';
import { CATALOG_FIELDS, type CatalogMapping } from '../../shared/catalog-import.js';
import { uuidv7 } from '../../shared/ids.js';
import type { CommandOutput } from '../../shared/contract/commands.js';

type Preview = CommandOutput<'import.preview'>;
type Report = CommandOutput<'import.run'>;

/**
 * Importing a catalogue: upload the file(s), check which column is which (guessed from the headers, or
 * remembered for the supplier), import; progress shows, a stop undoes it, and the report lists every
 * refused row with its field and reason.
 */
export function ImportDialog({ onClose }: { onClose(): void }) {
  const { conn, t, fail } = useApp();
  const [files, setFiles] = useState<string[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<CatalogMapping>({});
  const [suppliers, setSuppliers] = useState<CommandOutput<'suppliers.list'>>([]);
  const [supplierId, setSupplierId] = useState('');
  const [skipBad, setSkipBad] = useState(false);
  const [running, setRunning] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ phase: 'check' | 'apply'; percent: number } | null>(null);
  const [report, setReport] = useState<Report | null>(null);

  useEffect(() => {
    conn.call('suppliers.list', {}).then(setSuppliers, fail);
  }, [conn, fail]);
  useEffect(() => conn.onEvent((name, payload) => {
    if (name !== 'import.progress') return;
    const p = payload as { id: string; phase: 'check' | 'apply'; done: number; total: number | null };
    if (p.id === running && p.total) setProgress({ phase: p.phase, percent: Math.min(100, Math.floor((p.done / p.total) * 100)) });
  }), [conn, running]);

  const pick = async (list: FileList | null) => {
    if (!list?.length) return;
    try {
      const ids: string[] = [];
      for (const f of Array.from(list).sort((a, b) => (a.name.startsWith('import') ? -1 : b.name.startsWith('import') ? 1 : 0))) ids.push(await uploadFile(conn, f));
      setFiles(ids);
      const p = await conn.call('import.preview', { files: ids, ...(supplierId ? { supplierId } : {}) });
      setPreview(p);
      setMapping(p.mapping);
      setReport(null);
    } catch (err) {
      fail(err);
    }
  };
  const run = async () => {
    const id = uuidv7();
    setRunning(id);
    setReport(null);
    try {
      setReport(await conn.call('import.run', {
        id, files, skipBad, ...(preview?.format !== 'commerceml' ? { mapping } : {}), ...(supplierId ? { supplierId } : {}),
      }));
    } catch (err) {
      fail(err);
    } finally {
      setRunning(null);
      setProgress(null);
    }
  };
  const setField = (field: (typeof CATALOG_FIELDS)[number], column: string) => setMapping((m) => {
    const next: Record<string, number> = { ...m };
    delete next[field];
    if (column !== '') {
      for (const [f, c] of Object.entries(next)) if (c === Number(column)) delete next[f];
      next[field] = Number(column);
    }
    return next;
  });

  return (
    <Dialog title={t('imp.title')} onClose={onClose} wide testId="import-dialog">
      <label className="field"><span>{t('imp.file')}</span>
        <input type="file" multiple accept=".csv,.xlsx,.xml,.txt" onChange={(e) => void pick(e.target.files)} data-testid="imp-file" />
      </label>
      <label className="field"><span>{t('imp.supplier')}</span>
        <select value={supplierId} onChange={(e) => setSupplierId(e.target.value)} data-testid="imp-supplier">
          <option value="">—</option>
          {suppliers.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      {preview?.format === 'commerceml' && <p>{t('imp.commerceml')}</p>}
      {preview && preview.format !== 'commerceml' && (
        <section className="section">
          <h3>{t('imp.mapping')}</h3>
          <div className="form-grid" data-testid="imp-mapping">
            {CATALOG_FIELDS.map((field) => (
              <label key={field} className="field"><span>{t(`import.field.${field}`)}</span>
                <select value={mapping[field] ?? ''} onChange={(e) => setField(field, e.target.value)} data-field={field}>
                  <option value="">—</option>
                  {preview.header.map((h, i) => <option key={i} value={i}>{`${i + 1}. ${h}`}</option>)}
                </select>
              </label>
            ))}
          </div>
          <table className="grid">
            <thead><tr>{preview.header.map((h, i) => <th key={i}>{h}</th>)}</tr></thead>
            <tbody>{preview.sample.map((r, i) => <tr key={i}>{r.map((c, k) => <td key={k}>{c}</td>)}</tr>)}</tbody>
          </table>
        </section>
      )}
      {preview && (
        <div className="toolbar">
          <label className="check"><input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} /> {t('imp.skipBad')}</label>
          <span className="spacer" />
          {running
            ? <Button kind="danger" onClick={() => void conn.call('import.cancel', { id: running })}>{t('imp.cancel')}</Button>
            : <Button kind="primary" onClick={() => void run()} data-testid="imp-run">{t('imp.run')}</Button>}
        </div>
      )}
      {progress && <p data-testid="imp-progress">{t(progress.phase === 'check' ? 'imp.checking' : 'imp.applying', { percent: progress.percent })}</p>}
      {report && <ImportReport report={report} />}
    </Dialog>
  );
}

function ImportReport({ report }: { report: Report }) {
  const { t } = useApp();
  return (
    <section className="section" data-testid="imp-report">
      {report.cancelled && <p>{t('imp.cancelled')}</p>}
      {report.applied && <p><strong>{t('imp.done', report)}</strong>{report.refusedCount > 0 && <> · {t('imp.refusedSkipped', { count: report.refusedCount })}</>}</p>}
      {!report.applied && !report.cancelled && <p className="bad">{t('imp.refused', { count: report.refusedCount })}</p>}
      {report.refused.length > 0 && (
        <table className="grid" data-testid="imp-refused">
          <thead><tr><th>{t('imp.row')}</th><th>{t('imp.field')}</th><th>{t('imp.problem')}</th><th>{t('imp.value')}</th></tr></thead>
          <tbody>{report.refused.map((e, i) => (
            <tr key={i}><td>{e.row}</td><td>{t(`import.field.${e.field}`)}</td><td>{t(e.message)}</td><td>{e.value}</td></tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}
