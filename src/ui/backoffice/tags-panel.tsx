import { useEffect, useState } from 'react';
import { errorText, useApp } from '../app-context.js';
import { Button, Field } from '../components/ui.js';
import { DeviceStatePill } from '../components/device-state.js';
import { downloadFile } from '../client/files.js';
import { uuidv7 } from '../../shared/ids.js';
import type { CommandInput, CommandOutput } from '../../shared/contract/commands.js';
import type { DeviceState } from '../../shared/contract/devices.js';

type Template = CommandOutput<'tags.templates'>[number];
type Selection = CommandInput<'tags.print'>['selection'];
type By = Selection['by'];
/** A run on the label printer: under way (with how far it got), done, or stopped by an error. */
type LabelRun = { id: string; printed: number; total: number | null } | { count: number } | { error: unknown };

const labelPrinterOf = (devices: DeviceState[]) => devices.find((d) => d.device === 'labelPrinter') ?? null;

/**
 * Price tags: for a group, for what changed since a moment, for the goods of an intake, or for the
 * products picked on the price change; printed as a PDF on A4 sheets or labels, or sent to the label printer.
 */
export function TagsPanel({ docId, productIds }: { docId: string | null; productIds: string[] }) {
  const { conn, t, lang, money, fail, notify } = useApp();
  const [templates, setTemplates] = useState<Template[]>([]);
  const [templateId, setTemplateId] = useState<Template['id']>('a4-3x8');
  const [by, setBy] = useState<By>(docId ? 'doc' : 'changedSince');
  const [groupId, setGroupId] = useState('');
  const [since, setSince] = useState(() => new Date(Date.now() - 86_400_000).toISOString().slice(0, 16));
  const [groups, setGroups] = useState<CommandOutput<'groups.list'>>([]);
  const [busy, setBusy] = useState(false);
  const [labelPrinter, setLabelPrinter] = useState<DeviceState | null>(null);
  const [labels, setLabels] = useState<LabelRun | null>(null);
  useEffect(() => {
    conn.call('tags.templates', {}).then(setTemplates, fail);
    conn.call('groups.list', {}).then(setGroups, fail);
    conn.call('devices.status', {}).then((list) => setLabelPrinter(labelPrinterOf(list)), fail);
    return conn.onEvent((name, payload) => {
      if (name === 'devices.status') setLabelPrinter(labelPrinterOf((payload as { devices: DeviceState[] }).devices));
      if (name === 'tags.progress') {
        const p = payload as { id: string; printed: number; total: number };
        // only the run under way here: the events come over another channel than the answer, and may come after it
        setLabels((run) => (run && 'id' in run && run.id === p.id ? { id: p.id, printed: p.printed, total: p.total } : run));
      }
    });
  }, [conn, fail]);
  useEffect(() => {
    if (docId) setBy('doc');
  }, [docId]);

  const selection = (): Selection | null => {
    if (by === 'doc') return docId ? { by, docId } : null;
    if (by === 'group') return groupId ? { by, groupId } : null;
    if (by === 'products') return productIds.length ? { by, productIds } : null;
    return { by, since: new Date(since).toISOString() };
  };
  const print = async () => {
    const chosen = selection();
    if (!chosen) return;
    setBusy(true);
    try {
      const r = await conn.call('tags.print', { selection: chosen, templateId });
      if (!r.file) notify(t('tags.none'));
      else {
        await downloadFile(conn, r.file.id);
        notify(t('tags.printed', { count: r.count }));
      }
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const printLabels = async () => {
    const chosen = selection();
    if (!chosen) return;
    const id = uuidv7();
    setBusy(true);
    setLabels({ id, printed: 0, total: null });
    try {
      const r = await conn.call('tags.print', { selection: chosen, templateId, target: 'label', id });
      setLabels({ count: r.count });
      notify(labelsDone(r.count));
    } catch (err) {
      setLabels({ error: err });
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const labelsDone = (count: number) => (count === 0 ? t('tags.none') : t('tags.labelsPrinted', { count }));
  const labelTemplate = templates.find((tpl) => tpl.id === templateId)?.media === 'label';
  const options: By[] = [...(docId ? ['doc' as const] : []), 'changedSince', 'group', ...(productIds.length ? ['products' as const] : [])];
  return (
    <section className="section" data-testid="tags">
      <h3>{t('bo.printTags')}</h3>
      <div className="toolbar">
        <label className="field"><span>{t('tags.which')}</span>
          <select value={by} onChange={(e) => setBy(e.target.value as By)} data-testid="tags-by">
            {options.map((o) => <option key={o} value={o}>{t(`tags.by.${o}`)}</option>)}
          </select>
        </label>
        {by === 'group' && (
          <label className="field"><span>{t('bo.group')}</span>
            <select value={groupId} onChange={(e) => setGroupId(e.target.value)} data-testid="tags-group">
              <option value="">—</option>
              {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
            </select>
          </label>
        )}
        {by === 'changedSince' && <Field label={t('tags.since')} type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} />}
        <label className="field"><span>{t('tags.template')}</span>
          <select value={templateId} onChange={(e) => setTemplateId(e.target.value as Template['id'])} data-testid="tags-template">
            {templates.map((tpl) => <option key={tpl.id} value={tpl.id}>{tpl.name[lang]}</option>)}
          </select>
        </label>
        <Button kind="primary" onClick={() => void print()} disabled={busy || !selection()} data-testid="tags-print">{t('tags.pdf')}</Button>
        {labelTemplate && labelPrinter && labelPrinter.state !== 'off' && (
          <>
            <Button onClick={() => void printLabels()} disabled={busy || !selection()} data-testid="tags-label">{t('tags.toLabelPrinter')}</Button>
            {labelPrinter.state !== 'ok' && <DeviceStatePill state={labelPrinter} named testId="tags-label-printer" />}
          </>
        )}
      </div>
      {labels && 'id' in labels && <p data-testid="tags-label-status">{labels.total === null ? t('tags.labelsSending') : t('tags.labelsProgress', labels)}</p>}
      {labels && 'count' in labels && <p data-testid="tags-label-status" className={labels.count > 0 ? 'good' : 'muted'}>{labelsDone(labels.count)}</p>}
      {labels && 'error' in labels && <p data-testid="tags-label-status" className="bad">{errorText(t, money, labels.error)}</p>}
    </section>
  );
}
