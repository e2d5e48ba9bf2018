/**
 * In-process figures: the scan path (catalog.lookup) against a bare indexed SQLite lookup,
 * cart.scan through the dispatcher, and sale.complete against a bare durable insert.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createCore, ledgerPath, type Core } from '../src/core/app.js';
import type { DispatchOptions } from '../src/core/rpc/dispatcher.js';
import { uuidv7 } from '../src/shared/ids.js';
import { barcodeOf, isPiece, PRODUCTS } from './catalog.js';
import { detailOf, emit, figure, progress, rng, summarize, msSince } from './stats.js';

const ORIGIN = 'bench';

/** Random existing barcodes of generated products (pieces only when `pieces`). */
export function codePicker(seed: number, pieces: boolean): () => string {
  const next = rng(seed);
  return () => {
    for (;;) {
      const i = Math.floor(next() * PRODUCTS);
      if (!pieces || isPiece(i)) return barcodeOf(i);
    }
  };
}

async function call<T>(core: Core, name: string, input: unknown, options: DispatchOptions): Promise<T> {
  const r = await core.dispatch(name, input, options);
  if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
  return r.result as T;
}

async function login(core: Core, pin: string): Promise<DispatchOptions> {
  const { token } = await call<{ token: string }>(core, 'auth.login', { pin }, { origin: ORIGIN });
  return { token, origin: ORIGIN };
}

function barcodeLookup(core: Core, lookups: number): void {
  const bare = new Database(core.ledgerFile, { readonly: true, fileMustExist: true });
  const bareLookup = bare.prepare<[string], Record<string, unknown>>('SELECT p.* FROM barcodes b JOIN products p ON p.id = b.product_id WHERE b.code = ?');
  const catalog = core.services.catalog;
  const coreCode = codePicker(1, false);
  const bareCode = codePicker(2, false);
  const warm = codePicker(3, false);
  for (let i = 0; i < 5_000; i++) {
    if (!catalog.lookup(warm())) throw new Error('lookup missed an existing barcode');
    if (!bareLookup.get(warm())) throw new Error('bare lookup missed an existing barcode');
  }
  const coreTimes: number[] = [];
  const bareTimes: number[] = [];
  // interleaved, on different random codes, so drift (page cache, CPU frequency) hits both alike
  for (let i = 0; i < lookups; i++) {
    const a = coreCode();
    let start = process.hrtime.bigint();
    const found = catalog.lookup(a);
    coreTimes.push(msSince(start));
    const b = bareCode();
    start = process.hrtime.bigint();
    const row = bareLookup.get(b);
    bareTimes.push(msSince(start));
    if (!found || !row) throw new Error('lookup missed an existing barcode');
  }
  bare.close();
  const mine = summarize(coreTimes);
  const base = summarize(bareTimes);
  progress(`barcode lookup: core p50 ${mine.p50.toFixed(4)} p99 ${mine.p99.toFixed(4)} ms; bare p50 ${base.p50.toFixed(4)} p99 ${base.p99.toFixed(4)} ms`);
  emit(figure('barcode_lookup_p99', mine.p99, 'ms', { max: 1, ratioMax: 3 }, base.p99, { ...detailOf(mine), baseline_p50: base.p50 }));
}

async function scanToLine(core: Core, scans: number): Promise<void> {
  const cashier = await login(core, '1111');
  const owner = await login(core, '0000');
  const code = codePicker(4, true);
  const times: number[] = [];
  const perCart = 15;
  const total = scans + 500;
  for (let i = 0; i < total; i++) {
    const input = { code: code() };
    const start = process.hrtime.bigint();
    const r = await core.dispatch('cart.scan', input, cashier);
    const ms = msSince(start);
    if (!r.ok) throw new Error(`cart.scan failed: ${JSON.stringify(r.error)}`);
    if (i >= 500) times.push(ms);
    if ((i + 1) % perCart === 0) await call(core, 'cart.cancel', {}, owner);
  }
  await call(core, 'cart.cancel', {}, owner).catch(() => undefined);
  const s = summarize(times);
  progress(`scan to line: p50 ${s.p50.toFixed(3)} p99 ${s.p99.toFixed(3)} ms (${perCart} lines a receipt, then cart.cancel)`);
  emit(figure('scan_to_line_p99', s.p99, 'ms', { max: 2 }, undefined, detailOf(s)));
}

/** A bare durable single-row insert, own transaction, same pragmas, same data folder. */
function bareInserter(dataDir: string): { time(): number; close(): void } {
  const db = new Database(join(dataDir, 'scratch.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS scratch (id TEXT PRIMARY KEY, at TEXT NOT NULL, amount INTEGER NOT NULL, payload TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO scratch (id, at, amount, payload) VALUES (?, ?, ?, ?)');
  const once = db.transaction((id: string) => insert.run(id, new Date().toISOString(), 12345, '{"bench":true}'));
  return {
    time() {
      const id = uuidv7();
      const start = process.hrtime.bigint();
      once.immediate(id);
      return msSince(start);
    },
    close: () => db.close(),
  };
}

async function saleComplete(core: Core, dataDir: string, sales: number): Promise<void> {
  const cashier = await login(core, '1111');
  const code = codePicker(5, true);
  const warmup = 200;
  const times: number[] = [];
  const bare: number[] = [];
  const inserter = bareInserter(dataDir);
  for (let i = 0; i < sales + warmup; i++) {
    let total = 0;
    for (let l = 0; l < 5; l++) total = (await call<{ total: number }>(core, 'cart.scan', { code: code() }, cashier)).total;
    const input = { id: uuidv7(), payments: [{ kind: 'cash', amount: total }] };
    const start = process.hrtime.bigint();
    const r = await core.dispatch('sale.complete', input, cashier);
    const ms = msSince(start);
    if (!r.ok) throw new Error(`sale.complete failed: ${JSON.stringify(r.error)}`);
    if (i >= warmup) times.push(ms);
    // the baseline is interleaved in small batches, so both see the same disk at the same time
    if (i % 10 === 9) for (let k = 0; k < 10; k++) bare.push(inserter.time());
  }
  inserter.close();
  const s = summarize(times);
  const b = summarize(bare.slice(-sales));
  progress(`sale complete: p50 ${s.p50.toFixed(3)} p99 ${s.p99.toFixed(3)} ms; bare durable insert p50 ${b.p50.toFixed(3)} p99 ${b.p99.toFixed(3)} ms`);
  emit(figure('sale_complete_p99', s.p99, 'ms', { max: 2, ratioMax: 2 }, b.p99, { ...detailOf(s), baseline_p50: b.p50 }));
}

export interface CoreCounts {
  lookups: number;
  scans: number;
  sales: number;
}

export async function runCoreFigures(dataDir: string, counts: CoreCounts): Promise<void> {
  progress(`core: opening ${ledgerPath(dataDir)}`);
  const core = createCore({ dataDir, log: (err) => progress(`core error: ${String(err)}`) });
  try {
    const shift = await call<unknown>(core, 'shift.open', { id: uuidv7(), float: 0 }, await login(core, '1111'));
    if (!shift) throw new Error('no shift');
    progress(`barcode lookup: ${counts.lookups} core + ${counts.lookups} bare, interleaved`);
    barcodeLookup(core, counts.lookups);
    progress(`scan to line: ${counts.scans} scans through the dispatcher`);
    await scanToLine(core, counts.scans);
    progress(`sale complete: ${counts.sales} five-line sales`);
    await saleComplete(core, dataDir, counts.sales);
  } finally {
    core.close();
  }
}
