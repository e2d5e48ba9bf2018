import type { Services } from '../services.js';
import type { Unit } from '../../shared/catalog-import.js';
import type { ImportItem, ImportRow } from './items.js';
import type { ImportDocuments } from './documents.js';
import { resolveBy, type CatalogLookup, type KeyKind, type Known } from './lookup.js';
import { uuidv7 } from '../../shared/ids.js';
import { BoundRows, type Cell } from './bound-rows.js';

/** items written together: their lookups are one statement per kind of key, their writes one per table */
const RUN = 1000;

type GroupItem = Extract<ImportItem, { kind: 'group' }>;
type OfferItem = Extract<ImportItem, { kind: 'offer' }>;

/** What the rows of one run say about one product, the later rows' values over the earlier ones'. */
interface Entry {
  id: string;
  /** the product as the catalogue held it before this run; null for one this run creates */
  known: Known | null;
  /** made by this import, in this run or an earlier one: its prices are set, not changed by a document */
  fresh: boolean;
  name: string;
  search: string;
  unit?: Unit;
  groupId: string | null;
  vat?: string;
  article?: string;
  plu?: string;
  marked?: boolean;
  minStock?: number;
  maxStock?: number;
  extId?: string;
  price?: number;
  cost?: number;
  qty?: number;
  barcodes: string[];
}

export interface WriteCounts {
  created: number;
  updated: number;
  groups: number;
}

/**
 * Pass 2 of an import, inside its one transaction: the checked items in file order, a run at a time.
 * A run of rows is looked up at once, folded per product, and written with one statement per table
 * (the rows' values bound, see `BoundRows`): products created and changed, barcodes, purchase prices
 * and their history. One statement per run also keeps the full-text index cheap, since FTS5 writes out
 * what it has gathered at every statement. Retail prices and stock go to `ImportDocuments`.
 */
export class CatalogWriter {
  private readonly q;
  /** UPDATE statements by the columns they set */
  private readonly updates = new Map<string, BoundRows>();
  private readonly groupsByExt = new Map<string, string | null>();
  private readonly groupsByPath = new Map<string, string>();
  /** products with a rid from here on were created by this import */
  private readonly firstRid: number;
  private readonly now: string;

  constructor(private readonly s: Services, private readonly lookup: CatalogLookup, private readonly docs: ImportDocuments, private readonly counts: WriteCounts) {
    const db = s.db;
    this.q = {
      nextRid: db.prepare<[], { rid: number }>('SELECT COALESCE(MAX(rid), 0) + 1 AS rid FROM products'),
      groupByExt: db.prepare<[string], { id: string }>('SELECT id FROM product_groups WHERE ext_id = ?'),
      groupByName: db.prepare<[string | null, string], { id: string }>('SELECT id FROM product_groups WHERE parent_id IS ? AND name = ?'),
      insertGroup: db.prepare('INSERT INTO product_groups (id, parent_id, name, ext_id) VALUES (?, ?, ?, ?)'),
      updateGroup: db.prepare('UPDATE product_groups SET parent_id = ?, name = ? WHERE id = ?'),
      insert: new BoundRows(db, '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, @now)', (values) => `INSERT INTO products (id, name, search_name, group_id, unit, vat,
        article, plu, marked, price, cost, min_stock, max_stock, ext_id, updated_at) VALUES ${values}`),
      barcodes: new BoundRows(db, '(?, ?)', (values) => `INSERT OR IGNORE INTO barcodes (code, product_id) VALUES ${values}`),
      costs: new BoundRows(db, '(?, @now, ?, ?)', (values) => `INSERT OR IGNORE INTO cost_history (product_id, at, doc_id, cost) VALUES ${values}`),
    };
    this.firstRid = this.q.nextRid.get()?.rid ?? 1;
    this.now = s.clock().toISOString();
  }

  /** Writes checked items, in order, a run of up to RUN items of one kind at a time. */
  write(items: readonly ImportItem[]): void {
    let from = 0;
    while (from < items.length) {
      const kind = items[from]?.kind;
      let to = from;
      while (to < items.length && to - from < RUN && items[to]?.kind === kind) to++;
      const run = items.slice(from, to);
      this.docs.makeRoom(run.length);
      if (kind === 'row') this.rows(run.flatMap((i) => (i.kind === 'row' ? [i.row] : [])));
      else if (kind === 'offer') this.offers(run.flatMap((i) => (i.kind === 'offer' ? [i] : [])));
      else if (kind === 'group') for (const g of run) if (g.kind === 'group') this.group(g);
      from = to;
    }
  }

  private rows(rows: readonly ImportRow[]): void {
    // the check found nothing a new row could be about, in the shop or in the file before it
    const found = this.lookup.products(rows.filter((r) => !r.new));
    const entries: Entry[] = [];
    const byId = new Map<string, Entry>();
    // the keys of the products this run has touched so far, as the rows after it must find them
    const made: Record<KeyKind, Map<string, Entry>> = { ext: new Map(), barcodes: new Map(), articles: new Map(), names: new Map() };
    const add = (entry: Entry): Entry => {
      byId.set(entry.id, entry);
      entries.push(entry);
      return entry;
    };
    const entryOf = (k: Known): Entry => byId.get(k.id)
      ?? add({ id: k.id, known: k, fresh: k.rid >= this.firstRid, name: '', search: k.search, groupId: null, barcodes: [] });
    for (const r of rows) {
      // key by key, the catalogue as it was before this run, then what this run made of it
      let entry = resolveBy(r, (kind, key) => {
        const k = found[kind].get(key);
        return k ? entryOf(k) : made[kind].get(key);
      });
      if (entry) this.counts.updated++;
      else {
        entry = add({ id: uuidv7(), known: null, fresh: true, name: '', search: '', groupId: null, barcodes: [] });
        this.counts.created++;
      }
      this.fold(entry, r, found.barcodes);
      if (entry.extId) made.ext.set(entry.extId, entry);
      for (const code of r.barcodes) made.barcodes.set(code, entry);
      if (entry.article && !made.articles.has(entry.article)) made.articles.set(entry.article, entry);
      if (!made.names.has(entry.search)) made.names.set(entry.search, entry);
    }
    this.store(entries);
  }

  /** A row's values over what the entry had: the name always, the rest where the row gives them. */
  private fold(e: Entry, r: ImportRow, owners: ReadonlyMap<string, Known>): void {
    e.name = r.name;
    e.search = r.search;
    if (r.unit !== undefined) e.unit = r.unit;
    const groupId = r.groupExtId ? this.groupByExt(r.groupExtId) : r.groupPath ? this.groupPath(r.groupPath) : null;
    if (groupId) e.groupId = groupId;
    if (r.vat !== undefined) e.vat = r.vat;
    if (r.article !== undefined) e.article = r.article;
    if (r.plu !== undefined) e.plu = r.plu;
    if (r.marked !== undefined) e.marked = r.marked;
    if (r.minStock !== undefined) e.minStock = r.minStock;
    if (r.maxStock !== undefined) e.maxStock = r.maxStock;
    if (r.extId !== undefined) e.extId = r.extId;
    if (r.price !== undefined) e.price = r.price;
    if (r.cost !== undefined) e.cost = r.cost;
    if (r.qty !== undefined) e.qty = r.qty;
    for (const code of r.barcodes) if (owners.get(code)?.id !== e.id) e.barcodes.push(code);
  }

  private store(entries: readonly Entry[]): void {
    const now = this.now;
    const created: Cell[][] = [];
    const changed = new Map<string, Cell[][]>();
    const barcodes: [string, string][] = [];
    const costs: [string, string, number][] = [];
    for (const e of entries) {
      const k = e.known;
      if (!k) {
        created.push([e.id, e.name, e.search, e.groupId, e.unit ?? 'pcs', e.vat ?? '22', e.article ?? null, e.plu ?? null, e.marked ? 1 : 0,
          e.price ?? 0, e.cost ?? 0, e.minStock ?? null, e.maxStock ?? null, e.extId ?? null]);
        if (e.cost) costs.push(costLine(e.id, e.cost));
      } else {
        const set = changes(e, k);
        if (e.cost !== undefined && e.cost !== k.cost) costs.push(costLine(e.id, e.cost));
        // a product the shop had changes its retail price by a document; one this import made just takes it
        if (e.price !== undefined && e.price !== k.price && !e.fresh) this.docs.price(e.id, k.price, e.price);
        if (set.length > 0) {
          const columns = set.map(([column]) => column).join(',');
          const rows = changed.get(columns) ?? [];
          rows.push([k.rid, ...set.map(([, value]) => value)]);
          changed.set(columns, rows);
        }
      }
      for (const code of e.barcodes) barcodes.push([code, e.id]);
    }
    this.q.insert.run(created, { now });
    for (const [columns, rows] of changed) this.update(columns).run(rows, { now });
    this.q.barcodes.run(barcodes);
    this.q.costs.run(costs, { now });
    this.count(entries.flatMap((e) => (e.qty === undefined ? [] : [{
      id: e.id, qty: e.qty, known: e.known !== null, cost: e.cost ?? e.known?.cost ?? 0, price: e.price ?? e.known?.price ?? 0,
    }])));
  }

  /**
   * The statement that sets these columns of the products a run changed. Only what changed is set:
   * SQLite rewrites an index entry for every indexed column a statement sets, even to its own value.
   */
  private update(columns: string): BoundRows {
    let statement = this.updates.get(columns);
    if (!statement) {
      const names = columns.split(',');
      // a VALUES list names its columns column1, column2, …: the rid, then the new values
      const set = names.map((column, i) => `${column} = v.column${i + 2}`).join(', ');
      const tuple = `(${['?', ...names.map(() => '?')].join(', ')})`;
      statement = new BoundRows(this.s.db, tuple, (values) => `UPDATE products SET ${set}, updated_at = @now FROM (VALUES ${values}) AS v WHERE products.rid = v.column1`);
      this.updates.set(columns, statement);
    }
    return statement;
  }

  /** Stock the file states, counted against the book (nothing, for a product created just now). */
  private count(lines: readonly { id: string; qty: number; known: boolean; cost: number; price: number }[]): void {
    const books = this.s.stock.stocksOf(lines.filter((l) => l.known && !this.docs.counting(l.id)).map((l) => l.id));
    for (const l of lines) this.docs.count(l.id, l.qty, l, () => books.get(l.id) ?? 0);
  }

  /** offers.xml: the retail price and the stock of products import.xml named, by their 1C Ид. */
  private offers(offers: readonly OfferItem[]): void {
    const known = this.lookup.offers(offers.map((o) => o.extId));
    const prices = new Map<number, number>();
    const lines: { id: string; qty: number; known: boolean; cost: number; price: number }[] = [];
    for (const o of offers) {
      const k = known.get(o.extId);
      if (!k) continue;
      const was = prices.get(k.rid) ?? k.price;
      if (o.price !== undefined && o.price !== was) {
        prices.set(k.rid, o.price);
        if (k.rid < this.firstRid) this.docs.price(k.id, was, o.price);
      }
      if (o.qty !== undefined) lines.push({ id: k.id, qty: o.qty, known: true, cost: k.cost, price: prices.get(k.rid) ?? k.price });
    }
    this.update('price').run([...prices], { now: this.now });
    this.count(lines);
  }

  /** A group of the 1C classifier, found by its Ид and renamed or moved, or created. */
  private group(g: GroupItem): void {
    const parent = g.parentExtId ? this.groupByExt(g.parentExtId) : null;
    const existing = this.groupByExt(g.extId);
    if (existing) this.q.updateGroup.run(parent, g.name, existing);
    else {
      const id = uuidv7();
      this.q.insertGroup.run(id, parent, g.name, g.extId);
      this.groupsByExt.set(g.extId, id);
      this.counts.groups++;
    }
  }

  private groupByExt(extId: string): string | null {
    let id = this.groupsByExt.get(extId);
    if (id === undefined) {
      id = this.q.groupByExt.get(extId)?.id ?? null;
      this.groupsByExt.set(extId, id);
    }
    return id;
  }

  /** "Молочное / Сыры": each level found by name under its parent, or created. */
  private groupPath(path: readonly string[]): string | null {
    let parent: string | null = null;
    for (const [i, name] of path.entries()) {
      const key = path.slice(0, i + 1).join('\u0000');
      let id: string | null = this.groupsByPath.get(key) ?? this.q.groupByName.get(parent, name)?.id ?? null;
      if (!id) {
        id = uuidv7();
        this.q.insertGroup.run(id, parent, name, null);
        this.counts.groups++;
      }
      this.groupsByPath.set(key, id);
      parent = id;
    }
    return parent;
  }
}

/** A purchase price as the import's line of the product's cost history. */
function costLine(productId: string, cost: number): [string, string, number] {
  return [productId, `import:${productId}`, cost];
}

/** The columns an entry changes on the product it found, with their new values. */
function changes(e: Entry, k: Known): [string, string | number][] {
  const set: [string, string | number][] = [];
  const differs = (column: string, value: string | number | null | undefined, was: string | number | null) => {
    if (value !== undefined && value !== null && value !== was) set.push([column, value]);
  };
  differs('name', e.name, k.name);
  differs('search_name', e.search, k.search);
  differs('group_id', e.groupId, k.groupId);
  differs('unit', e.unit, k.unit);
  differs('vat', e.vat, k.vat);
  differs('article', e.article, k.article);
  differs('plu', e.plu, k.plu);
  differs('marked', e.marked === undefined ? undefined : e.marked ? 1 : 0, k.marked);
  differs('min_stock', e.minStock, k.minStock);
  differs('max_stock', e.maxStock, k.maxStock);
  differs('ext_id', e.extId, k.extId);
  differs('cost', e.cost, k.cost);
  differs('price', e.price, k.price);
  // a product the file names is on sale again
  differs('archived', 0, k.archived);
  return set;
}
