import type { Services } from '../services.js';
import type { CatalogMapping } from '../../shared/catalog-import.js';
import type { RowError } from '../exchange/index.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import { readItems, type ImportFile, type ImportItem, type ImportRow } from './items.js';
import { searchKey } from '../../shared/text.js';
import { uuidv7 } from '../../shared/ids.js';

export interface ImportReport {
  id: string;
  created: number;
  updated: number;
  groups: number;
  refused: RowError[];
  refusedCount: number;
  applied: boolean;
  cancelled: boolean;
}

export interface ImportOptions {
  id: string;
  files: ImportFile[];
  mapping: CatalogMapping | null;
  skipBad: boolean;
  userId: string;
  isCancelled(): boolean;
  onProgress(phase: 'check' | 'apply', file: number, done: number, total: number | null): void;
}

/** Only this many refusals travel back in the report; the count says how many there were. */
const REPORT_LIMIT = 1000;
/** rows written between two looks at the event loop (progress, cancel) */
const CHUNK = 500;

class Cancelled extends Error {}

interface Existing { id: string; price: number; cost: number }

/**
 * Applies a catalogue import: products created or updated (found by 1C Ид, then any barcode, then
 * article, then exact name), groups by path or 1C Ид, purchase and retail prices (a retail change is
 * one price document for the whole file), and stock where the file states it (one adjustment
 * document). The file is read twice — checked whole first, then applied — so memory stays flat, and
 * it is all or nothing: a refused row stops it unless the owner chose to skip bad rows, and the
 * apply runs as one transaction that a cancel rolls back.
 */
export class CatalogImporter {
  private readonly q;

  constructor(private readonly s: Services) {
    const db = s.db;
    this.q = {
      vat: db.prepare<[], { code: string }>('SELECT code FROM vat_rates'),
      byExt: db.prepare<[string], Existing>('SELECT id, price, cost FROM products WHERE ext_id = ?'),
      byBarcode: db.prepare<[string], Existing>('SELECT p.id, p.price, p.cost FROM barcodes b JOIN products p ON p.id = b.product_id WHERE b.code = ?'),
      byArticle: db.prepare<[string], Existing>('SELECT id, price, cost FROM products WHERE article = ? LIMIT 1'),
      byName: db.prepare<[string], Existing>('SELECT id, price, cost FROM products WHERE archived IN (0, 1) AND search_name = ? ORDER BY archived LIMIT 1'),
      pluOwner: db.prepare<[string], { id: string }>('SELECT id FROM products WHERE plu = ?'),
      groupByExt: db.prepare<[string], { id: string }>('SELECT id FROM product_groups WHERE ext_id = ?'),
      groupByName: db.prepare<[string | null, string], { id: string }>('SELECT id FROM product_groups WHERE parent_id IS ? AND name = ?'),
      insertGroup: db.prepare('INSERT INTO product_groups (id, parent_id, name, ext_id) VALUES (?, ?, ?, ?)'),
      updateGroup: db.prepare('UPDATE product_groups SET parent_id = ?, name = ? WHERE id = ?'),
      insert: db.prepare(`INSERT INTO products (id, name, search_name, group_id, unit, vat, article, plu, marked, price, cost, min_stock, max_stock, ext_id, updated_at)
        VALUES (@id, @name, @search, @groupId, @unit, @vat, @article, @plu, @marked, @price, @cost, @minStock, @maxStock, @extId, @now)`),
      update: db.prepare(`UPDATE products SET name = @name, search_name = @search, group_id = COALESCE(@groupId, group_id), unit = @unit,
        vat = COALESCE(@vat, vat), article = COALESCE(@article, article), plu = COALESCE(@plu, plu), marked = COALESCE(@marked, marked),
        min_stock = COALESCE(@minStock, min_stock), max_stock = COALESCE(@maxStock, max_stock), ext_id = COALESCE(@extId, ext_id),
        archived = 0, updated_at = @now WHERE id = @id`),
      setCost: db.prepare('UPDATE products SET cost = ? WHERE id = ?'),
      costHistory: db.prepare('INSERT OR IGNORE INTO cost_history (product_id, at, doc_id, cost) VALUES (?, ?, ?, ?)'),
      barcode: db.prepare('INSERT OR IGNORE INTO barcodes (code, product_id) VALUES (?, ?)'),
      stock: db.prepare<[string], { qty: number; cost: number; price: number }>('SELECT (SELECT COALESCE(SUM(qty), 0) FROM stock_moves WHERE product_id = p.id) AS qty, p.cost, p.price FROM products p WHERE p.id = ?'),
    };
  }

  async run(o: ImportOptions): Promise<ImportReport> {
    const report: ImportReport = { id: o.id, created: 0, updated: 0, groups: 0, refused: [], refusedCount: 0, applied: false, cancelled: false };
    const refuse = (errors: RowError[]) => {
      report.refusedCount++;
      for (const e of errors) if (report.refused.length < REPORT_LIMIT) report.refused.push(e);
    };
    const bad = await this.check(o, refuse);
    if (o.isCancelled()) return { ...report, cancelled: true };
    if (report.refusedCount > 0 && !o.skipBad) return report;
    try {
      await this.s.write(async () => {
        this.s.db.exec('SAVEPOINT catalog_import');
        try {
          await this.apply(o, bad, report);
          this.s.db.exec('RELEASE catalog_import');
        } catch (err) {
          this.s.db.exec('ROLLBACK TO catalog_import');
          this.s.db.exec('RELEASE catalog_import');
          throw err;
        }
      });
    } catch (err) {
      if (err instanceof Cancelled) return { ...report, created: 0, updated: 0, groups: 0, cancelled: true };
      throw err;
    }
    return { ...report, applied: true };
  }

  /** Pass 1: every row checked against the file's other rows and the shop's catalogue; nothing written. */
  private async check(o: ImportOptions, refuse: (errors: RowError[]) => void): Promise<Set<number>> {
    const vats = new Set(this.q.vat.all().map((v) => v.code));
    const barcodes = new Map<string, number>();
    const plus = new Map<string, number>();
    const bad = new Set<number>();
    let n = 0;
    for await (const item of readItems(o.files, o.mapping, (file, done, total) => o.onProgress('check', file, done, total))) {
      if (++n % CHUNK === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (o.isCancelled()) break;
      }
      if (item.kind === 'invalid') {
        refuse(item.errors);
        for (const e of item.errors) bad.add(e.row);
        continue;
      }
      if (item.kind !== 'row') continue;
      const errors = this.checkRow(item.row, vats, barcodes, plus);
      if (errors.length > 0) {
        refuse(errors);
        bad.add(item.row.row);
      }
    }
    return bad;
  }

  private checkRow(r: ImportRow, vats: ReadonlySet<string>, barcodes: Map<string, number>, plus: Map<string, number>): RowError[] {
    const errors: RowError[] = [];
    const refuse = (field: string, message: MessageKey, value: string) => errors.push({ row: r.row, field, message, value });
    if (r.vat !== undefined && !vats.has(r.vat)) refuse('vat', 'import.vatNotInShop', r.vat);
    if (r.minStock !== undefined && r.maxStock !== undefined && r.minStock > r.maxStock) refuse('minStock', 'import.minOverMax', String(r.minStock));
    const target = this.find(r);
    for (const code of r.barcodes) {
      const earlier = barcodes.get(code);
      if (earlier !== undefined && earlier !== r.row) refuse('barcodes', 'import.barcodeTwice', code);
      barcodes.set(code, r.row);
      const owner = this.q.byBarcode.get(code);
      if (owner && target && owner.id !== target.id) refuse('barcodes', 'import.barcodeOtherProduct', code);
    }
    if (r.plu !== undefined) {
      const earlier = plus.get(r.plu);
      if (earlier !== undefined && earlier !== r.row) refuse('plu', 'import.pluTwice', r.plu);
      plus.set(r.plu, r.row);
      const owner = this.q.pluOwner.get(r.plu);
      if (owner && owner.id !== target?.id) refuse('plu', 'import.pluOtherProduct', r.plu);
    }
    return errors;
  }

  /** The product a row is about: 1C Ид, a barcode, the article, or the exact name. */
  private find(r: ImportRow): Existing | null {
    if (r.extId) {
      const found = this.q.byExt.get(r.extId);
      if (found) return found;
    }
    for (const code of r.barcodes) {
      const found = this.q.byBarcode.get(code);
      if (found) return found;
    }
    if (r.article) {
      const found = this.q.byArticle.get(r.article);
      if (found) return found;
    }
    return this.q.byName.get(searchKey(r.name)) ?? null;
  }

  /** Pass 2, inside the write queue: the file again, row by row, skipping the rows pass 1 refused. */
  private async apply(o: ImportOptions, bad: ReadonlySet<number>, report: ImportReport): Promise<void> {
    const now = this.s.clock().toISOString();
    const groups = new Map<string, string>();
    const prices: { productId: string; price: number }[] = [];
    const stock = new Map<string, number>();
    const byExt = new Map<string, string>();
    let n = 0;
    for await (const item of readItems(o.files, o.mapping, (file, done, total) => o.onProgress('apply', file, done, total))) {
      if (++n % CHUNK === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (o.isCancelled()) throw new Cancelled();
      }
      this.applyItem(item, bad, now, { groups, prices, stock, byExt, report });
    }
    if (prices.length > 0) {
      this.s.prices.change({ id: uuidv7(), effectiveAt: null, lines: prices, sourceDocId: null, note: o.files.map((f) => f.name).join(', '), userId: o.userId, approvedBy: null });
    }
    const adjustments = [...stock].map(([productId, qty]) => {
      const now = this.q.stock.get(productId);
      return { productId, qty: qty - (now?.qty ?? 0), cost: now?.cost ?? 0, price: now?.price ?? 0, vat: null, bookQty: now?.qty ?? 0, countedQty: qty };
    }).filter((l) => l.qty !== 0);
    if (adjustments.length > 0) {
      this.s.stock.write({ id: uuidv7(), kind: 'stocktake', userId: o.userId, approvedBy: null, note: o.files.map((f) => f.name).join(', '), lines: adjustments });
    }
    this.s.journal.append({
      type: 'catalog.imported', id: o.id, userId: o.userId,
      payload: { id: o.id, files: o.files.map((f) => f.name), created: report.created, updated: report.updated, groups: report.groups, refused: report.refusedCount },
    });
  }

  private applyItem(item: ImportItem, bad: ReadonlySet<number>, now: string, acc: {
    groups: Map<string, string>; prices: { productId: string; price: number }[]; stock: Map<string, number>; byExt: Map<string, string>; report: ImportReport;
  }): void {
    if (item.kind === 'group') {
      if (bad.has(item.line)) return;
      const parent = item.parentExtId ? this.q.groupByExt.get(item.parentExtId)?.id ?? null : null;
      const existing = this.q.groupByExt.get(item.extId);
      if (existing) this.q.updateGroup.run(parent, item.name, existing.id);
      else {
        this.q.insertGroup.run(uuidv7(), parent, item.name, item.extId);
        acc.report.groups++;
      }
      return;
    }
    if (item.kind === 'offer') {
      if (bad.has(item.line)) return;
      const product = this.q.byExt.get(item.extId);
      if (!product) return;
      if (item.price !== undefined && item.price !== product.price) acc.prices.push({ productId: product.id, price: item.price });
      if (item.qty !== undefined) acc.stock.set(product.id, item.qty);
      return;
    }
    if (item.kind !== 'row' || bad.has(item.row.row)) return;
    const r = item.row;
    const groupId = r.groupExtId ? this.q.groupByExt.get(r.groupExtId)?.id ?? null : r.groupPath ? this.groupPath(r.groupPath, acc) : null;
    const existing = this.find(r);
    const fields = {
      name: r.name, search: searchKey(r.name), groupId, unit: r.unit, vat: r.vat ?? null, article: r.article ?? null, plu: r.plu ?? null,
      marked: r.marked === undefined ? null : r.marked ? 1 : 0, minStock: r.minStock ?? null, maxStock: r.maxStock ?? null, extId: r.extId ?? null, now,
    };
    let id: string;
    if (existing) {
      id = existing.id;
      this.q.update.run({ ...fields, id });
      if (r.price !== undefined && r.price !== existing.price) acc.prices.push({ productId: id, price: r.price });
      if (r.cost !== undefined && r.cost !== existing.cost) this.takeCost(id, r.cost, now);
      acc.report.updated++;
    } else {
      id = uuidv7();
      this.q.insert.run({ ...fields, id, vat: fields.vat ?? '22', marked: fields.marked ?? 0, price: r.price ?? 0, cost: r.cost ?? 0 });
      if (r.cost) this.takeCost(id, r.cost, now);
      acc.report.created++;
    }
    for (const code of r.barcodes) this.q.barcode.run(code, id);
    if (r.qty !== undefined) acc.stock.set(id, r.qty);
  }

  private takeCost(id: string, cost: number, now: string): void {
    this.q.setCost.run(cost, id);
    this.q.costHistory.run(id, now, `import:${id}`, cost);
  }

  /** "Молочное / Сыры": each level found by name under its parent, or created. */
  private groupPath(path: readonly string[], acc: { groups: Map<string, string>; report: ImportReport }): string | null {
    let parent: string | null = null;
    for (const [i, name] of path.entries()) {
      const key = path.slice(0, i + 1).join('\u0000');
      let id: string | null = acc.groups.get(key) ?? this.q.groupByName.get(parent, name)?.id ?? null;
      if (!id) {
        id = uuidv7();
        this.q.insertGroup.run(id, parent, name, null);
        acc.report.groups++;
      }
      acc.groups.set(key, id);
      parent = id;
    }
    return parent;
  }
}
