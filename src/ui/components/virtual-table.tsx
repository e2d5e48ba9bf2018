import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  title: string;
  /** CSS grid track, e.g. "1fr" or "120px" */
  width: string;
  num?: boolean;
  sortable?: boolean;
  render(row: T): ReactNode;
}

const PAGE = 100;
const ROW = 44;

/**
 * A table over any number of rows: pages are fetched from the core as they scroll into view and
 * only the visible rows are in the DOM, so a million-product catalogue scrolls like a short one.
 * Changing `query` (any value that changes the result) drops what was fetched. A page that follows one
 * already fetched is asked for by the cursor that page ended with, when the core gave one: scrolling down
 * deep in a long list then costs what the first page does.
 */
export function VirtualTable<T extends { id: string }, C = never>({ columns, fetch, query, onOpen, sort, onSort, testId }: {
  columns: Column<T>[];
  fetch(offset: number, limit: number, after?: C): Promise<{ total: number; rows: T[]; next?: C | null }>;
  query: string;
  onOpen?(row: T): void;
  sort?: { key: string; desc: boolean };
  onSort?(key: string): void;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [total, setTotal] = useState(0);
  const [pages, setPages] = useState<Map<number, T[]>>(new Map());
  const [view, setView] = useState({ top: 0, height: 600 });
  const asked = useRef(new Set<number>());
  /** the cursor each fetched page ended with */
  const cursors = useRef(new Map<number, C>());
  const generation = useRef(0);

  const load = useCallback((page: number) => {
    if (asked.current.has(page)) return;
    asked.current.add(page);
    const mine = generation.current;
    void fetch(page * PAGE, PAGE, cursors.current.get(page - 1)).then((r) => {
      if (mine !== generation.current) return;
      if (r.next) cursors.current.set(page, r.next);
      setTotal(r.total);
      setPages((old) => new Map(old).set(page, r.rows));
    }, () => asked.current.delete(page));
  }, [fetch]);

  useEffect(() => {
    generation.current++;
    asked.current = new Set();
    cursors.current = new Map();
    setPages(new Map());
    box.current?.scrollTo({ top: 0 });
    setView((v) => ({ ...v, top: 0 }));
    load(0);
  }, [query, load]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(view.top / ROW) - 10);
  const last = Math.min(total, Math.ceil((view.top + view.height) / ROW) + 10);
  useEffect(() => {
    for (let p = Math.floor(first / PAGE); p * PAGE < last; p++) load(p);
  }, [first, last, load]);

  const template = columns.map((c) => c.width).join(' ');
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const row = pages.get(Math.floor(i / PAGE))?.[i % PAGE];
    rows.push(
      <div key={row?.id ?? `i${i}`} role="row" className={`vrow${onOpen ? ' clickable' : ''}`} style={{ top: i * ROW, gridTemplateColumns: template }}
        onClick={row && onOpen ? () => onOpen(row) : undefined} data-row={i}>
        {columns.map((c) => <div key={c.key} role="cell" className={c.num ? 'num' : ''}>{row ? c.render(row) : '…'}</div>)}
      </div>,
    );
  }
  return (
    <div className="vtable" role="table" data-testid={testId} data-total={total}>
      <div role="row" className="vhead" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <div key={c.key} role="columnheader" className={c.num ? 'num' : ''}
            aria-sort={sort?.key === c.key ? (sort.desc ? 'descending' : 'ascending') : undefined}>
            {c.sortable && onSort ? <button type="button" className="linkish" onClick={() => onSort(c.key)}>{c.title}{sort?.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}</button> : c.title}
          </div>
        ))}
      </div>
      <div className="vbody" ref={box} onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}>
        <div style={{ height: total * ROW, position: 'relative' }}>{rows}</div>
      </div>
    </div>
  );
}
