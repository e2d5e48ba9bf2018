import { useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { Button, Dialog, Paper } from '../components/ui.js';
import type { JournalEntry, SaleSummary, Shift } from '../types.js';
import { CatalogTab } from './catalog-tab.js';
import { DocumentsTab } from './documents-tab.js';
import { StocktakeTab } from './stocktake-tab.js';
import { PricesTab } from './prices-tab.js';
import { ReportsTab } from './reports-tab.js';
import { DevicesTab } from './devices-tab.js';
import { VatTab } from './vat-tab.js';

const TABS = ['catalog', 'documents', 'stocktake', 'prices', 'reports', 'shifts', 'receipts', 'journal', 'devices', 'vat'] as const;
/** what only the owner may change: the tab is not shown to a manager */
const OWNER_TABS: readonly Tab[] = ['vat'];
type Tab = (typeof TABS)[number];

/** The owner's office: catalogue, stock documents, stocktakes, prices, reports, the till's history and journal, devices and VAT. */
export function BackOffice({ onCount }: { onCount(): void }) {
  const { t, user } = useApp();
  const [tab, setTab] = useState<Tab>('catalog');
  const [tagsDoc, setTagsDoc] = useState<string | null>(null);
  const tabs = TABS.filter((k) => user?.role === 'owner' || !OWNER_TABS.includes(k));
  return (
    <main className="backoffice">
      <nav className="tabs" role="tablist">
        {tabs.map((k) => (
          <Button key={k} role="tab" aria-selected={tab === k} kind={tab === k ? 'primary' : 'normal'} onClick={() => setTab(k)} data-testid={`tab-${k}`}>{t(`bo.${k}`)}</Button>
        ))}
      </nav>
      {tab === 'catalog' && <CatalogTab />}
      {tab === 'documents' && <DocumentsTab onTags={(docId) => { setTagsDoc(docId); setTab('prices'); }} />}
      {tab === 'stocktake' && <StocktakeTab onCount={onCount} />}
      {tab === 'prices' && <PricesTab tagsDoc={tagsDoc} />}
      {tab === 'reports' && <ReportsTab />}
      {tab === 'shifts' && <ShiftsTab />}
      {tab === 'receipts' && <ReceiptsTab />}
      {tab === 'journal' && <JournalTab />}
      {tab === 'devices' && <DevicesTab />}
      {tab === 'vat' && <VatTab />}
    </main>
  );
}

function ShiftsTab() {
  const { conn, t, money, when, fail } = useApp();
  const [shifts, setShifts] = useState<Shift[]>([]);
  const [report, setReport] = useState<string[] | null>(null);
  useEffect(() => {
    conn.call('shift.list', { limit: 200 }).then(setShifts, fail);
  }, [conn, fail]);
  const open = async (id: string) => {
    try {
      setReport((await conn.call('shift.report', { id })).text);
    } catch (err) {
      fail(err);
    }
  };
  return (
    <>
      <table className="grid" data-testid="shifts">
        <thead><tr><th>{t('bo.number')}</th><th>{t('bo.opened')}</th><th>{t('bo.by')}</th><th>{t('bo.closed')}</th><th className="num">{t('bo.float')}</th><th className="num">{t('bo.expected')}</th><th className="num">{t('bo.counted')}</th><th className="num">{t('bo.discrepancy')}</th></tr></thead>
        <tbody>
          {shifts.map((s) => (
            <tr key={s.id} onClick={() => void open(s.id)} className="clickable">
              <td>{s.number}</td><td>{when(s.openedAt)}</td><td>{s.openedBy.name}</td><td>{s.closedAt ? `${when(s.closedAt)} ${s.closedBy?.name ?? ''}` : '—'}</td>
              <td className="num">{money(s.float)}</td><td className="num">{s.expected === null ? '' : money(s.expected)}</td>
              <td className="num">{s.counted === null ? '' : money(s.counted)}</td>
              <td className={`num ${s.discrepancy ? 'bad' : ''}`}>{s.discrepancy === null ? '' : money(s.discrepancy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report && <Dialog title={t('bo.shifts')} onClose={() => setReport(null)} onSubmit={() => setReport(null)} wide><Paper lines={report} testId="report-paper" /></Dialog>}
    </>
  );
}

function ReceiptsTab() {
  const { conn, t, money, when, fail } = useApp();
  const [rows, setRows] = useState<SaleSummary[]>([]);
  const [receipt, setReceipt] = useState<string[] | null>(null);
  const load = async (before?: number) => {
    try {
      const page = await conn.call('sale.list', before ? { limit: 100, before } : { limit: 100 });
      setRows((r) => (before ? [...r, ...page] : page));
    } catch (err) {
      fail(err);
    }
  };
  useEffect(() => {
    void load();
  }, []);
  const open = async (id: string) => {
    try {
      setReceipt((await conn.call('sale.receipt', { id })).lines);
    } catch (err) {
      fail(err);
    }
  };
  const last = rows[rows.length - 1];
  return (
    <>
      <table className="grid" data-testid="receipts">
        <thead><tr><th>{t('bo.number')}</th><th>{t('bo.date')}</th><th>{t('bo.kind')}</th><th>{t('bo.cashier')}</th><th className="num">{t('bo.lines')}</th><th className="num">{t('bo.total')}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} onClick={() => void open(r.id)} className="clickable">
              <td>{r.number}</td><td>{when(r.at)}</td><td>{r.kind === 'sale' ? t('bo.sale') : t('bo.returnKind')}</td><td>{r.cashier}</td>
              <td className="num">{r.lines}</td><td className="num">{money(r.kind === 'sale' ? r.total : -r.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {last && rows.length % 100 === 0 && <Button onClick={() => void load(last.number)}>{t('common.more')}</Button>}
      {receipt && <Dialog title={t('bo.receipts')} onClose={() => setReceipt(null)} onSubmit={() => setReceipt(null)} wide><Paper lines={receipt} testId="receipt-paper" /></Dialog>}
    </>
  );
}

function describe(e: JournalEntry, money: (k: number) => string): string {
  const p = e.payload;
  const parts: string[] = [];
  if (typeof p.name === 'string') parts.push(p.name);
  if (typeof p.number === 'number') parts.push(`№ ${p.number}`);
  if (typeof p.total === 'number') parts.push(money(p.total));
  if (typeof p.amount === 'number') parts.push(money(p.amount));
  if (typeof p.discrepancy === 'number') parts.push(`Δ ${money(p.discrepancy)}`);
  if (typeof p.reason === 'string') parts.push(p.reason);
  if (p.discount && typeof p.discount === 'object') {
    const d = p.discount as { kind: string; value: number };
    parts.push(d.kind === 'percent' ? `${d.value / 100}%` : money(d.value));
  }
  if (typeof p.origin === 'string') parts.push(p.origin);
  return parts.join(' · ');
}

function JournalTab() {
  const { conn, t, money, when, fail } = useApp();
  const [sensitive, setSensitive] = useState(true);
  const [rows, setRows] = useState<JournalEntry[]>([]);
  useEffect(() => {
    conn.call('journal.list', { sensitive, limit: 500 }).then(setRows, fail);
  }, [conn, fail, sensitive]);
  return (
    <>
      <label className="check"><input type="checkbox" checked={sensitive} onChange={(e) => setSensitive(e.target.checked)} /> {t('bo.onlySensitive')}</label>
      <table className="grid" data-testid="journal">
        <thead><tr><th>{t('bo.when')}</th><th>{t('bo.event')}</th><th>{t('bo.who')}</th><th>{t('bo.approved')}</th><th>{t('bo.details')}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-type={r.type}>
              <td>{when(r.at)}</td><td>{t(`event.${r.type}`)}</td><td>{r.user ?? '—'}</td><td>{r.approvedBy ?? ''}</td><td>{describe(r, money)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
