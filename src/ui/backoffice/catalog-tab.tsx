import { useCallback, useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { Button, Field } from '../components/ui.js';
import { VirtualTable, type Column } from '../components/virtual-table.js';
import { ProductDialog } from './product-dialog.js';
import { ImportDialog } from './import-dialog.js';
import { downloadFile } from '../client/files.js';
import type { CommandInput, CommandOutput } from '../../shared/contract/commands.js';

type Row = CommandOutput<'catalog.list'>['rows'][number];
type Sort = NonNullable<CommandInput<'catalog.list'>['sort']>;
type Cursor = NonNullable<CommandOutput<'catalog.list'>['next']>;

/** The catalogue: a list of any size, searched, filtered and sorted by the core; a click opens the card. */
export function CatalogTab() {
  const { conn, t, money, qty, fail, notify } = useApp();
  const [query, setQuery] = useState('');
  const [groupId, setGroupId] = useState('');
  const [archived, setArchived] = useState(false);
  const [belowMin, setBelowMin] = useState(false);
  const [sort, setSort] = useState<{ key: Sort; desc: boolean }>({ key: 'name', desc: false });
  const [groups, setGroups] = useState<CommandOutput<'groups.list'>>([]);
  const [open, setOpen] = useState<{ id: string | null } | null>(null);
  const [version, setVersion] = useState(0);
  const [importing, setImporting] = useState(false);
  const exportAs = async (what: 'catalog' | 'stock') => {
    try {
      const r = await conn.call('export.run', { format: 'xlsx', source: { what } });
      await downloadFile(conn, r.file.id);
      notify(t('exp.done', { rows: r.rows }));
    } catch (err) {
      fail(err);
    }
  };
  useEffect(() => {
    conn.call('groups.list', {}).then(setGroups, () => undefined);
  }, [conn]);

  const fetch = useCallback((offset: number, limit: number, after?: Cursor) => conn.call('catalog.list', {
    ...(query.trim() ? { query: query.trim() } : {}), ...(groupId ? { groupId } : {}), archived, belowMin, sort: sort.key, desc: sort.desc, offset, limit,
    ...(after ? { after } : {}),
  }), [conn, query, groupId, archived, belowMin, sort]);

  const columns: Column<Row>[] = [
    { key: 'name', title: t('bo.name'), width: 'minmax(200px, 3fr)', sortable: true, render: (r) => r.name },
    { key: 'article', title: t('bo.article'), width: '110px', sortable: true, render: (r) => r.article ?? '' },
    { key: 'barcode', title: t('bo.barcode'), width: '170px', render: (r) => r.barcode ?? (r.plu ? `PLU ${r.plu}` : '') },
    { key: 'group', title: t('bo.group'), width: 'minmax(120px, 1fr)', render: (r) => r.group ?? '' },
    { key: 'cost', title: t('bo.cost'), width: '120px', num: true, render: (r) => money(r.cost) },
    { key: 'price', title: t('bo.price'), width: '120px', num: true, sortable: true, render: (r) => money(r.price) },
    { key: 'stock', title: t('bo.stock'), width: '120px', num: true, sortable: true, render: (r) => <span className={r.minStock !== null && r.stock < r.minStock ? 'bad' : ''}>{qty(r.stock, r.unit)}</span> },
  ];
  const key = JSON.stringify([query, groupId, archived, belowMin, sort, version]);
  return (
    <>
      <div className="toolbar">
        <Field label={t('bo.search')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="catalog-search" type="search" />
        <label className="field"><span>{t('bo.group')}</span>
          <select value={groupId} onChange={(e) => setGroupId(e.target.value)}>
            <option value="">{t('bo.allGroups')}</option>
            {groups.map((g) => <option key={g.id} value={g.id}>{g.name} ({g.products})</option>)}
          </select>
        </label>
        <label className="check"><input type="checkbox" checked={belowMin} onChange={(e) => setBelowMin(e.target.checked)} /> {t('bo.belowMin')}</label>
        <label className="check"><input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} /> {t('bo.archive')}</label>
        <span className="spacer" />
        <Button onClick={() => setImporting(true)} data-testid="import">{t('imp.title')}</Button>
        <Button onClick={() => void exportAs('catalog')} data-testid="export-catalog">{t('exp.catalog')}</Button>
        <Button onClick={() => void exportAs('stock')} data-testid="export-stock">{t('exp.stock')}</Button>
        <Button kind="primary" onClick={() => setOpen({ id: null })} data-testid="new-product">{t('bo.newProduct')}</Button>
      </div>
      <VirtualTable columns={columns} fetch={fetch} query={key} onOpen={(r) => setOpen({ id: r.id })} testId="catalog"
        sort={sort} onSort={(k) => setSort((s) => ({ key: k as Sort, desc: s.key === k ? !s.desc : false }))} />
      {importing && <ImportDialog onClose={() => { setImporting(false); setVersion((v) => v + 1); }} />}
      {open && <ProductDialog id={open.id} onClose={() => { setOpen(null); setVersion((v) => v + 1); }} />}
    </>
  );
}
