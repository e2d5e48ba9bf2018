import { useCallback, useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { Button, Dialog, Field } from '../components/ui.js';
import { useScanner } from '../components/use-scanner.js';
import { CommandError } from '../client/connection.js';
import { ProductDialog } from './product-dialog.js';
import { formatPlain, lineAmount, parseQuantity, parseRoubles } from '../../shared/money.js';
import { uuidv7 } from '../../shared/ids.js';
import type { CommandOutput } from '../../shared/contract/commands.js';

type Draft = CommandOutput<'draft.get'>;
type DraftKind = Draft['kind'];
type Doc = CommandOutput<'stock.doc'>;
type DocRow = CommandOutput<'stock.docs'>['rows'][number];
type Supplier = CommandOutput<'suppliers.list'>[number];
type Proposal = CommandOutput<'draft.post'>['proposals'][number];
const KINDS: DraftKind[] = ['intake', 'writeoff', 'transfer_out', 'transfer_in', 'supplier_return'];
const REASONS = ['spoilage', 'expiry', 'damage', 'theft', 'other'] as const;

/** Stock documents: drafts being filled in by scanning, and posted documents with their corrections. */
export function DocumentsTab({ onTags }: { onTags(docId: string): void }) {
  const { conn, t, money, when, fail } = useApp();
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [docs, setDocs] = useState<DocRow[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const refresh = useCallback(() => {
    conn.call('draft.list', {}).then(setDrafts, fail);
    conn.call('stock.docs', { limit: 200 }).then((r) => setDocs(r.rows), fail);
  }, [conn, fail]);
  useEffect(refresh, [refresh]);
  const start = async (kind: DraftKind) => {
    try {
      setEditing((await conn.call('draft.create', { id: uuidv7(), kind })).id);
    } catch (err) {
      fail(err);
    }
  };
  if (editing) return <DraftEditor id={editing} onDone={() => { setEditing(null); refresh(); }} onTags={onTags} />;
  return (
    <>
      <div className="toolbar">
        {KINDS.map((k) => <Button key={k} kind={k === 'intake' ? 'primary' : 'normal'} onClick={() => void start(k)} data-testid={`new-${k}`}>{t(`doc.new.${k}`)}</Button>)}
      </div>
      {drafts.length > 0 && (
        <section className="section">
          <h3>{t('bo.drafts')}</h3>
          <table className="grid" data-testid="drafts">
            <thead><tr><th>{t('bo.document')}</th><th>{t('bo.updated')}</th><th>{t('bo.by')}</th><th className="num">{t('bo.lines')}</th><th className="num">{t('bo.costTotal')}</th></tr></thead>
            <tbody>{drafts.map((d) => (
              <tr key={d.id} className="clickable" onClick={() => setEditing(d.id)}>
                <td>{t(`doc.${d.kind}`)}{d.refDocId ? ` (${t('bo.correction')})` : ''}</td><td>{when(d.updatedAt)}</td><td>{d.author}</td>
                <td className="num">{d.lines.length}</td><td className="num">{money(d.costTotal)}</td>
              </tr>
            ))}</tbody>
          </table>
        </section>
      )}
      <section className="section">
        <h3>{t('bo.posted')}</h3>
        <table className="grid" data-testid="docs">
          <thead><tr><th>{t('bo.document')}</th><th>{t('bo.date')}</th><th>{t('bo.supplier')}</th><th>{t('bo.by')}</th><th className="num">{t('bo.lines')}</th><th className="num">{t('bo.costTotal')}</th><th className="num">{t('bo.retailTotal')}</th></tr></thead>
          <tbody>{docs.map((d) => (
            <tr key={d.id} className="clickable" onClick={() => setViewing(d.id)}>
              <td>{t(`doc.${d.kind}`)} № {d.number}{d.refDocId ? ` (${t('bo.correction')})` : ''}</td><td>{when(d.at)}</td>
              <td>{d.supplier ?? (d.reason ? t(`reason.${d.reason}`) : '')}{d.extNumber ? ` · ${d.extNumber}` : ''}</td><td>{d.author}</td>
              <td className="num">{d.lines}</td><td className="num">{money(d.costTotal)}</td><td className="num">{money(d.retailTotal)}</td>
            </tr>
          ))}</tbody>
        </table>
      </section>
      {viewing && <DocDialog id={viewing} onClose={() => setViewing(null)} onCorrect={(draftId) => { setViewing(null); setEditing(draftId); }} onTags={onTags} />}
    </>
  );
}

function DocDialog({ id, onClose, onCorrect, onTags }: { id: string; onClose(): void; onCorrect(draftId: string): void; onTags(docId: string): void }) {
  const { conn, t, money, qty, when, fail } = useApp();
  const [doc, setDoc] = useState<Doc | null>(null);
  useEffect(() => {
    conn.call('stock.doc', { id }).then(setDoc, fail);
  }, [conn, fail, id]);
  const correct = async () => {
    try {
      onCorrect((await conn.call('stock.correct', { id: uuidv7(), docId: id })).id);
    } catch (err) {
      fail(err);
    }
  };
  if (!doc) return null;
  return (
    <Dialog title={`${t(`doc.${doc.kind}`)} № ${doc.number}`} onClose={onClose} wide testId="doc-dialog">
      <p className="muted">{when(doc.at)} · {doc.author}{doc.approvedBy ? ` (${t('bo.approved')}: ${doc.approvedBy.name})` : ''}
        {doc.supplier ? ` · ${doc.supplier}` : ''}{doc.extNumber ? ` · ${t('bo.invoice')} ${doc.extNumber}` : ''}{doc.extDate ? ` ${t('bo.of')} ${doc.extDate}` : ''}
        {doc.reason ? ` · ${t(`reason.${doc.reason}`)}` : ''}{doc.counterpart ? ` · ${doc.counterpart}` : ''}</p>
      <table className="grid">
        <thead><tr><th>#</th><th>{t('bo.name')}</th>{doc.kind === 'stocktake' && <><th className="num">{t('bo.book')}</th><th className="num">{t('bo.counted')}</th></>}
          <th className="num">{t('bo.qty')}</th><th className="num">{t('bo.cost')}</th><th className="num">{t('bo.price')}</th></tr></thead>
        <tbody>{doc.items.map((l) => (
          <tr key={l.lineNo}><td>{l.lineNo}</td><td>{l.name}</td>
            {doc.kind === 'stocktake' && <><td className="num">{qty(l.bookQty ?? 0, l.unit)}</td><td className="num">{qty(l.countedQty ?? 0, l.unit)}</td></>}
            <td className="num">{qty(l.qty, l.unit)}</td><td className="num">{money(l.cost)}</td><td className="num">{money(l.price)}</td></tr>
        ))}</tbody>
      </table>
      <p className="totals"><span>{t('bo.costTotal')}: {money(doc.costTotal)}</span><span>{t('bo.retailTotal')}: {money(doc.retailTotal)}</span></p>
      {doc.corrections.length > 0 && <p className="muted">{t('bo.correctedBy')}: {doc.corrections.map((c) => `№ ${c.number} ${when(c.at)}`).join(', ')}</p>}
      <div className="toolbar">
        {doc.kind !== 'stocktake' && <Button onClick={() => void correct()} data-testid="correct">{t('bo.correct')}</Button>}
        {doc.kind === 'intake' && <Button onClick={() => onTags(doc.id)}>{t('bo.printTags')}</Button>}
      </div>
    </Dialog>
  );
}

/** Filling in a document: the header, and lines by scanning (anywhere on the page) or typing a code. */
function DraftEditor({ id, onDone, onTags }: { id: string; onDone(): void; onTags(docId: string): void }) {
  const { conn, t, money, qty, fail, approve, notify } = useApp();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [suppliers, setSuppliers] = useState<Supplier[]>([]);
  const [code, setCode] = useState('');
  const [creating, setCreating] = useState<string | null>(null);
  const [proposals, setProposals] = useState<{ docId: string; rows: Proposal[] } | null>(null);
  const [newSupplier, setNewSupplier] = useState<string | null>(null);
  useEffect(() => {
    conn.call('draft.get', { id }).then(setDraft, fail);
    conn.call('suppliers.list', {}).then(setSuppliers, fail);
  }, [conn, fail, id]);

  const scan = async (text: string) => {
    if (!text.trim()) return;
    try {
      setDraft(await conn.call('draft.scan', { id, code: text.trim() }));
      setCode('');
    } catch (err) {
      // an unknown barcode at intake: create the product on the spot
      if (err instanceof CommandError && err.body.message === 'errors.unknownBarcode' && /^\d{8,14}$/.test(text.trim())) setCreating(text.trim());
      else fail(err);
    }
  };
  useScanner((c) => void scan(c), () => creating !== null || proposals !== null || newSupplier !== null);

  const header = draft?.header;
  const setHeader = async (patch: Partial<NonNullable<typeof header>>) => {
    if (!header) return;
    try {
      setDraft(await conn.call('draft.setHeader', { id, header: { ...header, ...patch } }));
    } catch (err) {
      fail(err);
    }
  };
  const addSupplier = async () => {
    const name = newSupplier?.trim();
    if (!name) return;
    try {
      const s = await conn.call('suppliers.save', { id: uuidv7(), name });
      setSuppliers((list) => [...list, s]);
      setNewSupplier(null);
      await setHeader({ supplierId: s.id });
    } catch (err) {
      fail(err);
    }
  };
  const setLine = async (lineId: string, field: 'qty' | 'cost', text: string) => {
    try {
      const value = field === 'qty' ? parseQuantity(text) : parseRoubles(text);
      setDraft(await conn.call('draft.setLine', { draftId: id, lineId, [field]: value }));
    } catch (err) {
      if (err instanceof RangeError) notify(t('bo.badNumber', { field: t(field === 'qty' ? 'bo.qty' : 'bo.cost') }), 'error');
      else fail(err);
    }
  };
  const removeLine = async (lineId: string) => {
    try {
      setDraft(await conn.call('draft.removeLine', { draftId: id, lineId }));
    } catch (err) {
      fail(err);
    }
  };
  const post = async () => {
    try {
      const r = await approve((override) => conn.call('draft.post', override ? { id, override } : { id }));
      notify(t('bo.postedOk', { number: r.doc.number }));
      if (r.proposals.length > 0) setProposals({ docId: r.doc.id, rows: r.proposals });
      else onDone();
    } catch (err) {
      fail(err);
    }
  };
  const discard = async () => {
    try {
      await conn.call('draft.discard', { id });
      onDone();
    } catch (err) {
      fail(err);
    }
  };
  if (!draft || !header) return null;
  const needsSupplier = draft.kind === 'intake' || draft.kind === 'supplier_return';
  return (
    <section className="section" data-testid="draft-editor">
      <h2>{t(`doc.${draft.kind}`)}{draft.refDocId ? ` — ${t('bo.correction')}` : ''}</h2>
      <div className="toolbar">
        {needsSupplier && (
          <>
            <label className="field"><span>{t('bo.supplier')}</span>
              <select value={header.supplierId ?? ''} onChange={(e) => void setHeader({ supplierId: e.target.value || null })} data-testid="d-supplier">
                <option value="">—</option>
                {suppliers.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </select>
            </label>
            <Button onClick={() => setNewSupplier('')} data-testid="add-supplier">+ {t('bo.supplier')}</Button>
            <Field label={t('bo.invoice')} defaultValue={header.extNumber ?? ''} onBlur={(e) => void setHeader({ extNumber: e.target.value.trim() || null })} data-testid="d-invoice" />
            <Field label={t('bo.invoiceDate')} type="date" defaultValue={header.extDate ?? ''} onBlur={(e) => void setHeader({ extDate: e.target.value || null })} />
          </>
        )}
        {draft.kind === 'writeoff' && (
          <label className="field"><span>{t('bo.reason')}</span>
            <select value={header.reason ?? ''} onChange={(e) => void setHeader({ reason: (e.target.value || null) as typeof header.reason })} data-testid="d-reason">
              <option value="">—</option>
              {REASONS.map((r) => <option key={r} value={r}>{t(`reason.${r}`)}</option>)}
            </select>
          </label>
        )}
        {(draft.kind === 'transfer_in' || draft.kind === 'transfer_out') && (
          <Field label={t('bo.counterpart')} defaultValue={header.counterpart ?? ''} onBlur={(e) => void setHeader({ counterpart: e.target.value.trim() || null })} />
        )}
      </div>
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); void scan(code); }}>
        <Field label={t('bo.scanOrType')} value={code} onChange={(e) => setCode(e.target.value)} data-testid="d-code" autoFocus />
        <Button type="submit">{t('bo.add')}</Button>
      </form>
      <table className="grid" data-testid="d-lines">
        <thead><tr><th>{t('bo.name')}</th><th className="num">{t('bo.qty')}</th><th className="num">{t('bo.cost')}</th><th className="num">{t('bo.sum')}</th><th className="num">{t('bo.price')}</th><th /></tr></thead>
        <tbody>{draft.lines.map((l) => (
          <tr key={l.lineId}>
            <td>{l.name}<br /><span className="muted">{l.barcode ?? ''}</span></td>
            <td className="num"><input key={`q${l.qty}`} className="qty-input" defaultValue={qty(l.qty, l.unit).replace(/\s[^\d]+$/, '')} inputMode="decimal"
              onBlur={(e) => void setLine(l.lineId, 'qty', e.target.value)} aria-label={t('bo.qty')} /></td>
            <td className="num"><input key={`c${l.cost}`} className="qty-input" defaultValue={formatPlain(l.cost).replace('.', ',')} inputMode="decimal"
              onBlur={(e) => void setLine(l.lineId, 'cost', e.target.value)} aria-label={t('bo.cost')} /></td>
            <td className="num">{money(lineAmount(l.cost, l.qty))}</td>
            <td className="num">{money(l.price)}</td>
            <td><Button kind="danger" onClick={() => void removeLine(l.lineId)} aria-label={t('bo.remove')}>×</Button></td>
          </tr>
        ))}</tbody>
      </table>
      <p className="totals"><span>{t('bo.costTotal')}: <span data-testid="d-total">{money(draft.costTotal)}</span></span><span>{t('bo.retailTotal')}: {money(draft.retailTotal)}</span></p>
      <div className="toolbar">
        <Button kind="primary" onClick={() => void post()} data-testid="d-post">{t('bo.post')}</Button>
        <Button onClick={onDone}>{t('bo.later')}</Button>
        <Button kind="danger" onClick={() => void discard()}>{t('bo.discard')}</Button>
      </div>
      {creating !== null && (
        <ProductDialog id={null} barcode={creating} onClose={() => setCreating(null)}
          onSaved={(card) => void conn.call('draft.addLine', { id, productId: card.id }).then(setDraft, fail)} />
      )}
      {newSupplier !== null && (
        <Dialog title={t('bo.newSupplier')} onClose={() => setNewSupplier(null)} onSubmit={() => void addSupplier()}>
          <Field label={t('bo.supplierName')} value={newSupplier} onChange={(e) => setNewSupplier(e.target.value)} data-testid="supplier-name" />
          <Button kind="primary" type="submit">{t('bo.save')}</Button>
        </Dialog>
      )}
      {proposals && <Proposals {...proposals} onDone={onDone} onTags={onTags} />}
    </section>
  );
}

/** After an intake: the retail prices the group markup suggests; the owner accepts or edits them, then prints tags. */
function Proposals({ docId, rows, onDone, onTags }: { docId: string; rows: Proposal[]; onDone(): void; onTags(docId: string): void }) {
  const { conn, t, money, fail, approve, notify } = useApp();
  const [prices, setPrices] = useState(() => new Map(rows.map((r) => [r.productId, formatPlain(r.proposedPrice).replace('.', ',')])));
  const accept = async () => {
    try {
      const lines = rows.map((r) => ({ productId: r.productId, price: parseRoubles(prices.get(r.productId) ?? '') })).filter((l, i) => l.price !== rows[i]?.oldPrice);
      if (lines.length > 0) {
        const input = { id: uuidv7(), lines, sourceDocId: docId };
        await approve((override) => conn.call('prices.change', override ? { ...input, override } : input));
        notify(t('bo.pricesChanged', { count: lines.length }));
      }
      onTags(docId);
    } catch (err) {
      if (err instanceof RangeError) notify(t('bo.badNumber', { field: t('bo.newPrice') }), 'error');
      else fail(err);
    }
  };
  return (
    <Dialog title={t('bo.proposals')} onClose={onDone} onSubmit={() => void accept()} wide testId="proposals">
      <table className="grid">
        <thead><tr><th>{t('bo.name')}</th><th className="num">{t('bo.cost')}</th><th className="num">{t('bo.oldPrice')}</th><th className="num">{t('bo.newPrice')}</th></tr></thead>
        <tbody>{rows.map((r) => (
          <tr key={r.productId}><td>{r.name}</td><td className="num">{money(r.cost)}</td><td className="num">{money(r.oldPrice)}</td>
            <td className="num"><input className="qty-input" value={prices.get(r.productId) ?? ''} inputMode="decimal"
              onChange={(e) => setPrices((m) => new Map(m).set(r.productId, e.target.value))} aria-label={t('bo.newPrice')} /></td></tr>
        ))}</tbody>
      </table>
      <div className="toolbar">
        <Button kind="primary" type="submit" data-testid="accept-prices">{t('bo.acceptPrices')}</Button>
        <Button onClick={onDone}>{t('bo.keepPrices')}</Button>
      </div>
    </Dialog>
  );
}
