import { useEffect, useState } from 'react';
import { useApp } from '../../app-context.js';
import { Dialog } from '../../components/ui.js';
import type { Product } from '../../types.js';

/** Find by name, PLU, article or barcode as you type; arrows pick, Enter adds. */
export function SearchDialog({ initial, onPick, onClose }: { initial: string; onPick(p: Product): void; onClose(): void }) {
  const { conn, t, money, fail } = useApp();
  const [query, setQuery] = useState(initial);
  const [found, setFound] = useState<Product[]>([]);
  const [active, setActive] = useState(0);
  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setFound([]);
      return;
    }
    let stale = false;
    conn.call('catalog.search', { query: q, limit: 30 }).then((r) => {
      if (!stale) {
        setFound(r);
        setActive(0);
      }
    }, fail);
    return () => {
      stale = true;
    };
  }, [query, conn, fail]);
  const pick = () => {
    const p = found[active];
    if (p) onPick(p);
  };
  return (
    <Dialog title={t('search.title')} onClose={onClose} onSubmit={pick} wide testId="search-dialog">
      <input
        className="big-input" placeholder={t('search.placeholder')} value={query} name="search"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, found.length - 1)); }
          if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
        }}
      />
      <ul className="results" role="listbox">
        {found.map((p, i) => (
          <li key={p.id} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onClick={() => onPick(p)}>
            <span>{p.name}</span>
            <small>{p.plu ? `PLU ${p.plu}` : p.barcode}</small>
            <b>{money(p.price)}{p.unit === 'pcs' ? '' : p.unit === 'kg' ? '/kg' : '/l'}</b>
          </li>
        ))}
        {query.trim() && found.length === 0 && <li className="muted">{t('search.nothing')}</li>}
      </ul>
    </Dialog>
  );
}
