/**
 * A year of trading on the 1,000,000-product catalogue: 1,000,000 receipts with 5,000,000 lines, one shift a
 * day, four cashiers, goods picked by a Zipf-like popularity (a few sell every day, most rarely). Written
 * through the sales ledger's own writer (journal, hash chain, stock moves) in large transactions with the
 * clock walked through the year, and cached in bench/.data/ beside the catalogue it was made from.
 */
import { existsSync, mkdtempSync, renameSync, rmSync, copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createCore, LEDGER_FILE } from '../src/core/app.js';
import type { DraftLine, SaleDraft } from '../src/core/sales/ledger.js';
import { lineAmount, vatIncluded } from '../src/shared/money.js';
import { uuidv7 } from '../src/shared/ids.js';
import { barcodeOf, DATA_ROOT, isPiece, PRODUCTS, type Catalogue } from './catalog.js';
import { msSince, progress, rng } from './stats.js';

export const RECEIPTS = 1_000_000;
export const DAYS = 365;
/** bump when the generator below changes what it writes */
const GENERATOR = 'history-v1';
const ORIGIN = 'bench';
const DAY_MS = 86_400_000;

export interface History {
  /** the cached ledger file with the catalogue and the year of sales */
  file: string;
  /** the local day of the first and of the last sale, YYYY-MM-DD */
  first: string;
  last: string;
  built: { seconds: number; linesPerSecond: number } | null;
}

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The year ends at yesterday's local midnight, so "today" is a day without history. */
function yearEnd(): number {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Product index by popularity rank: rank 1 sells most; log-uniform ranks give a 1/rank (Zipf, s = 1) curve. */
function popularPicker(seed: number): () => number {
  const pick = rng(seed);
  const logN = Math.log(PRODUCTS);
  // spread the popular ranks over the catalogue (and so over the groups): 7,919 is prime to 1,000,000
  return () => (Math.floor(Math.exp(pick() * logN)) * 7_919 + 12_345) % PRODUCTS;
}

export async function ensureHistory(catalogue: Catalogue): Promise<History> {
  const file = join(DATA_ROOT, `${basename(catalogue.file, '.sqlite')}-${GENERATOR}.sqlite`);
  const end = yearEnd();
  const start = end - DAYS * DAY_MS;
  const range = { first: localDay(start), last: localDay(end - 1) };
  if (existsSync(file)) {
    // the year is where it was when built: the file's days are what its name says they are
    progress(`history: cached ${file}`);
    return { file, ...(await daysOf(file)), built: null };
  }
  progress(`history: writing ${RECEIPTS.toLocaleString('en')} receipts over ${DAYS} days (once; cached as ${file}) …`);
  const work = mkdtempSync(join(DATA_ROOT, 'history-'));
  try {
    copyFileSync(catalogue.file, join(work, LEDGER_FILE));
    const started = process.hrtime.bigint();
    let now = start;
    const core = createCore({ dataDir: work, clock: () => new Date(now), log: () => undefined });
    const db = core.services.db;
    db.pragma('cache_size = -1000000');
    const call = async (name: string, input: unknown, token?: string) => {
      const r = await core.dispatch(name, input, { origin: ORIGIN, ...(token ? { token } : {}) });
      if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
      return r.result as Record<string, unknown>;
    };
    const cashiers: string[] = [];
    let ownerToken = '';
    for (const pin of ['0000', '1111', '3333', '2222']) {
      const { token, user } = (await call('auth.login', { pin })) as { token: string; user: { id: string } };
      if (pin === '0000') ownerToken = token;
      cashiers.push(user.id);
    }
    const product = db.prepare<[string], { id: string; name: string; price: number; unit: 'pcs' | 'kg' | 'l'; vat: string; percent: number | null }>(
      `SELECT p.id, p.name, p.price, p.unit, p.vat, v.percent FROM barcodes b JOIN products p ON p.id = b.product_id JOIN vat_rates v ON v.code = p.vat WHERE b.code = ?`,
    );
    const known = new Map<number, { id: string; name: string; price: number; unit: 'pcs' | 'kg' | 'l'; vat: string; percent: number | null; barcode: string }>();
    const productOf = (i: number) => {
      let p = known.get(i);
      if (!p) {
        const barcode = barcodeOf(i);
        const row = product.get(barcode);
        if (!row) throw new Error(`generated product ${i} (${barcode}) is missing`);
        p = { ...row, barcode };
        if (known.size < 200_000) known.set(i, p);
      }
      return p;
    };
    const popular = popularPicker(2026);
    const pick = rng(365);
    const perDay = RECEIPTS / DAYS;
    let written = 0;
    let lines = 0;
    for (let day = 0; day < DAYS; day++) {
      // trading hours 08:00–22:00 local
      const opens = start + day * DAY_MS + 8 * 3_600_000;
      now = opens;
      const shift = (await call('shift.open', { id: uuidv7(), float: 0 }, ownerToken)) as { id: string };
      const todays = Math.round(perDay * (day + 1)) - Math.round(perDay * day);
      core.services.tx(() => {
        for (let r = 0; r < todays; r++) {
          now = opens + Math.floor((r * 14 * 3_600_000) / todays);
          const draftLines: DraftLine[] = [];
          const count = 1 + Math.floor(pick() * 9);
          for (let n = 0; n < count; n++) {
            const i = popular();
            const p = productOf(i);
            const qty = isPiece(i) ? (1 + Math.floor(pick() * 3)) * 1000 : 200 + Math.floor(pick() * 1800);
            const total = lineAmount(p.price, qty);
            draftLines.push({
              productId: p.id, name: p.name, barcode: p.barcode, unit: p.unit, price: p.price, qty, discount: 0, total,
              vat: p.vat, vatAmount: vatIncluded(total, p.percent), refLineNo: null, markingCode: null,
            });
          }
          const total = draftLines.reduce((acc, l) => acc + l.total, 0);
          const card = r % 3 === 0 ? 0 : total;
          const draft: SaleDraft = {
            id: uuidv7(), kind: 'sale', refSaleId: null, shiftId: shift.id, userId: cashiers[r % cashiers.length] as string, approvedBy: null,
            lines: draftLines, subtotal: total, discount: 0, total, cash: total - card, card, tendered: total - card, change: 0,
          };
          core.services.ledger.write(draft, null);
          lines += count;
        }
      });
      written += todays;
      now = opens + 14 * 3_600_000;
      await call('shift.close', { counted: 0 }, ownerToken);
      if (day % 30 === 29) progress(`history: ${written.toLocaleString('en')} receipts, ${lines.toLocaleString('en')} lines, ${(msSince(started) / 1000).toFixed(0)} s`);
    }
    core.close();
    await settleInto(join(work, LEDGER_FILE));
    const seconds = msSince(started) / 1000;
    renameSync(join(work, LEDGER_FILE), file);
    progress(`history: ${written.toLocaleString('en')} receipts, ${lines.toLocaleString('en')} lines in ${seconds.toFixed(0)} s`);
    return { file, ...range, built: { seconds, linesPerSecond: lines / seconds } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Copies every WAL frame into the ledger file, so the file alone holds the year. The core's workers close
 * after `close()` returns, and a checkpoint that meets one of theirs gives up (busy) without an error: the
 * history once lost its last shift's close that way and every later run found a shift open.
 */
async function settleInto(ledger: string): Promise<void> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(ledger);
  try {
    for (let tries = 0; ; tries++) {
      const [state] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (state?.busy === 0) break;
      if (tries === 100) throw new Error(`${ledger}: the WAL stayed busy`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const open = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM shifts s WHERE NOT EXISTS (SELECT 1 FROM shift_closures c WHERE c.shift_id = s.id)').get();
    if (open?.n !== 0) throw new Error(`${ledger}: ${open?.n} shift(s) left open`);
  } finally {
    db.close();
  }
}

/** The first and last local day with sales in a built history. */
async function daysOf(file: string): Promise<{ first: string; last: string }> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare<[], { first: string; last: string }>(`SELECT date(MIN(at), 'localtime') AS first, date(MAX(at), 'localtime') AS last FROM sales`).get();
    if (!row) throw new Error(`${file} has no sales`);
    return row;
  } finally {
    db.close();
  }
}
