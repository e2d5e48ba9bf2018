/**
 * Back-office figures on the 1,000,000-product catalogue: a page of the catalogue list (near the top and
 * half a million rows down) and a search, each against the bare SQL that does the same; a month's sales
 * report; and the scan path while that report runs over and over, against the scan path idle.
 */
import Database from 'better-sqlite3';
import { createCore, type Core } from '../src/core/app.js';
import type { DispatchOptions } from '../src/core/rpc/dispatcher.js';
import { uuidv7 } from '../src/shared/ids.js';
import { codePicker } from './core.js';
import { detailOf, emit, figure, msSince, progress, rng, summarize } from './stats.js';

const ORIGIN = 'bench';

async function call<T>(core: Core, name: string, input: unknown, options: DispatchOptions): Promise<T> {
  const r = await core.dispatch(name, input, options);
  if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
  return r.result as T;
}

async function timed(n: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await run(i);
    times.push(msSince(start));
  }
  return times;
}

export interface BackOfficeCounts { pages: number; sales: number; scans: number }

export async function runBackOfficeFigures(dataDir: string, counts: BackOfficeCounts): Promise<void> {
  // a month of trading: the clock walks back 30 days and forward again as the sales are recorded
  let now = Date.now() - 30 * 86_400_000;
  const core = createCore({ dataDir, clock: () => new Date(now), log: () => undefined });
  try {
    const { token } = await call<{ token: string }>(core, 'auth.login', { pin: '0000' }, { origin: ORIGIN });
    const owner = { token, origin: ORIGIN };
    await call(core, 'shift.open', { id: uuidv7(), float: 0 }, owner);
    const bare = new Database(core.ledgerFile, { readonly: true, fileMustExist: true });

    // the catalogue list, a page of 100 by name: near the top and far down, each against the bare query
    const bareTop = bare.prepare('SELECT rid FROM products WHERE archived = 0 ORDER BY search_name, rid LIMIT 100 OFFSET ?');
    for (const [label, base] of [['top', 0], ['deep', 500_000]] as const) {
      const pick = rng(base + 7);
      const offset = () => base + Math.floor(pick() * 1_000);
      await timed(5, () => call(core, 'catalog.list', { offset: offset(), limit: 100 }, owner));
      const mine = summarize(await timed(counts.pages, () => call(core, 'catalog.list', { offset: offset(), limit: 100 }, owner)));
      const baseTimes = await timed(counts.pages, async () => bareTop.all(offset()));
      const b = summarize(baseTimes);
      progress(`catalog list page (${label}): p50 ${mine.p50.toFixed(2)} p99 ${mine.p99.toFixed(2)} ms; bare p99 ${b.p99.toFixed(2)} ms`);
      emit(figure(`catalog_list_page_${label}_p99`, mine.p99, 'ms', { max: label === 'top' ? 50 : 500 }, b.p99, detailOf(mine)));
    }

    const words = ['молоко', 'сыр клубн', 'шоколад орех', 'пельмени домашн', 'чай лимон'];
    const bareSearch = bare.prepare('SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT 100');
    const search = summarize(await timed(counts.pages, (i) => call(core, 'catalog.list', { query: words[i % words.length], limit: 100 }, owner)));
    const searchBase = summarize(await timed(counts.pages, async (i) => bareSearch.all((words[i % words.length] ?? '').split(' ').map((w) => `"${w}"*`).join(' '))));
    progress(`catalog search: p50 ${search.p50.toFixed(2)} p99 ${search.p99.toFixed(2)} ms; bare FTS p99 ${searchBase.p99.toFixed(2)} ms`);
    emit(figure('catalog_search_p99', search.p99, 'ms', { max: 100 }, searchBase.p99, detailOf(search)));
    bare.close();

    progress(`recording ${counts.sales.toLocaleString('en')} five-line sales over 30 days …`);
    const code = codePicker(11, true);
    const perShift = Math.floor(counts.sales / 60);
    for (let i = 0; i < counts.sales; i++) {
      now += (30 * 86_400_000) / counts.sales;
      // two shifts a day: 54-FZ ends a shift after 24 hours
      if (i > 0 && i % perShift === 0) {
        await call(core, 'shift.close', { counted: 0 }, owner);
        await call(core, 'shift.open', { id: uuidv7(), float: 0 }, owner);
      }
      const lines = Array.from({ length: 5 }, () => ({ code: code() }));
      // paid in cash with a large note: the change is whatever is left
      await call(core, 'sale.record', { id: uuidv7(), lines, payments: [{ kind: 'cash', amount: 100_000_000 }] }, owner);
    }
    now = Date.now();
    await call(core, 'shift.close', { counted: 0 }, owner);
    await call(core, 'shift.open', { id: uuidv7(), float: 0 }, owner);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const period = { from: day(Date.now() - 31 * 86_400_000), to: day(Date.now()) };
    const report = summarize(await timed(5, () => call(core, 'report.sales', { ...period, by: 'product' }, owner)));
    progress(`sales report by product, 30 days: p50 ${report.p50.toFixed(0)} ms`);
    emit(figure('report_sales_month_ms', report.p50, 'ms', { max: 10_000 }, undefined, { ...detailOf(report), sales: counts.sales }));

    // the scan path idle, then while the report runs again and again on the read worker
    const { token: cashierToken } = await call<{ token: string }>(core, 'auth.login', { pin: '1111' }, { origin: ORIGIN });
    const cashier = { token: cashierToken, origin: ORIGIN };
    const scanCode = codePicker(12, true);
    const scanRun = async () => {
      const times = await timed(counts.scans, async (i) => {
        await call(core, 'cart.scan', { code: scanCode() }, cashier);
        if (i % 15 === 14) await call(core, 'cart.cancel', {}, owner);
      });
      await call(core, 'cart.cancel', {}, owner).catch(() => undefined);
      return summarize(times);
    };
    await scanRun();
    const idle = await scanRun();
    let reporting = true;
    let reports = 0;
    const load = (async () => {
      while (reporting) {
        await call(core, 'report.sales', { ...period, by: 'product' }, owner);
        reports++;
      }
    })();
    const busy = await scanRun();
    reporting = false;
    await load;
    progress(`scan to line: idle p99 ${idle.p99.toFixed(3)} ms, during reports p99 ${busy.p99.toFixed(3)} ms (${reports} reports ran meanwhile)`);
    emit(figure('scan_during_report_p99', busy.p99, 'ms', { max: 2, ratioMax: 2 }, idle.p99, { ...detailOf(busy), reports }));
  } finally {
    core.close();
  }
}
