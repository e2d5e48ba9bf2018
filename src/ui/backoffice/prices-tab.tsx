import { useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { Button, Field } from '../components/ui.js';
import { formatPlain, parseRoubles } from '../../shared/money.js';
import { uuidv7 } from '../../shared/ids.js';
import { TagsPanel } from './tags-panel.js';
import type { CommandOutput } from '../../shared/contract/commands.js';

type PriceDoc = CommandOutput<'prices.docs'>[number];
type Product = CommandOutput<'catalog.search'>[number];

/** Price changes as documents: pick goods, type new prices, in force now or from a date and time. */
export function PricesTab({ tagsDoc }: { tagsDoc: string | null }) {
  const { conn, t, money, when, fail, approve, notify } = useApp();
  const [docs, setDocs] = useState<PriceDoc[]>([]);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Product[]>([]);
  const [lines, setLines] = useState<{ product: Product; price: string }[]>([]);
  const [effective, setEffective] = useState('');
  const refresh = () => conn.call('prices.docs', { limit: 100 }).then(setDocs, fail);
  useEffect(() => {
    void refresh();
  }, []);
  useEffect(() => {
    if (query.trim().length < 2) return setFound([]);
    const timer = setTimeout(() => conn.call('catalog.search', { query: query.trim(), limit: 10 }).then(setFound, () => setFound([])), 150);
    return () => clearTimeout(timer);
  }, [conn, query]);

  const pick = (p: Product) => {
    setLines((ls) => (ls.some((l) => l.product.id === p.id) ? ls : [...ls, { product: p, price: formatPlain(p.price).replace('.', ',') }]));
    setQuery('');
  };
  const save = async () => {
    try {
      const parsed = lines.map((l) => ({ productId: l.product.id, price: parseRoubles(l.price) }));
      const input = { id: uuidv7(), lines: parsed, ...(effective ? { effectiveAt: new Date(effective).toISOString() } : {}) };
      const doc = await approve((override) => conn.call('prices.change', override ? { ...input, override } : input));
      notify(t(doc.applied ? 'bo.pricesChanged' : 'bo.pricesScheduled', { count: doc.lines.length }));
      setLines([]);
      setEffective('');
      void refresh();
    } catch (err) {
      if (err instanceof RangeError) notify(t('bo.badNumber', { field: t('bo.newPrice') }), 'error');
      else fail(err);
    }
  };
  return (
    <>
      <TagsPanel docId={tagsDoc} productIds={lines.map((l) => l.product.id)} />
      <section className="section">
        <h3>{t('bo.newPriceChange')}</h3>
        <div className="toolbar">
          <Field label={t('bo.search')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="pr-search" type="search" />
          <Field label={t('bo.effectiveFrom')} type="datetime-local" value={effective} onChange={(e) => setEffective(e.target.value)} data-testid="pr-effective" />
        </div>
        {found.length > 0 && (
          <ul className="results" data-testid="pr-found">
            {found.map((p) => <li key={p.id} onClick={() => pick(p)}><span>{p.name}</span><span className="muted">{p.barcode ?? ''}</span><span>{money(p.price)}</span></li>)}
          </ul>
        )}
        {lines.length > 0 && (
          <>
            <table className="grid" data-testid="pr-lines">
              <thead><tr><th>{t('bo.name')}</th><th className="num">{t('bo.oldPrice')}</th><th className="num">{t('bo.newPrice')}</th><th /></tr></thead>
              <tbody>{lines.map((l, i) => (
                <tr key={l.product.id}><td>{l.product.name}</td><td className="num">{money(l.product.price)}</td>
                  <td className="num"><input className="qty-input" value={l.price} inputMode="decimal" aria-label={t('bo.newPrice')}
                    onChange={(e) => setLines((ls) => ls.map((x, k) => (k === i ? { ...x, price: e.target.value } : x)))} /></td>
                  <td><Button kind="danger" onClick={() => setLines((ls) => ls.filter((_, k) => k !== i))}>×</Button></td></tr>
              ))}</tbody>
            </table>
            <div className="toolbar"><Button kind="primary" onClick={() => void save()} data-testid="pr-save">{t('bo.save')}</Button></div>
          </>
        )}
      </section>
      <section className="section">
        <h3>{t('bo.priceDocs')}</h3>
        <table className="grid" data-testid="price-docs">
          <thead><tr><th>№</th><th>{t('bo.effectiveFrom')}</th><th>{t('bo.by')}</th><th>{t('bo.lines')}</th><th>{t('bo.status')}</th></tr></thead>
          <tbody>{docs.map((d) => (
            <tr key={d.id}><td>{d.number}</td><td>{when(d.effectiveAt)}</td><td>{d.author}{d.approvedBy ? ` (${d.approvedBy})` : ''}</td>
              <td>{d.lines.slice(0, 3).map((l) => `${l.name}: ${money(l.oldPrice)} → ${money(l.newPrice)}`).join('; ')}{d.lines.length > 3 ? ` … (${d.lines.length})` : ''}</td>
              <td>{d.applied ? t('bo.inForce') : t('bo.scheduled')}</td></tr>
          ))}</tbody>
        </table>
      </section>
    </>
  );
}
