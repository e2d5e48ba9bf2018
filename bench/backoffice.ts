/**
 * Back-office figures (issue #4) on the 1,000,000-product catalogue with a year of history (1,000,000
 * receipts, 5,000,000 lines; see history.ts): the rollup the reports read, built from that year; a page of
 * the stock list near the top and far down, and a search, each against the bare SQL doing the same; 1,000 price
 * tags to a PDF; the
 * sales-by-group report for a month and for the year; ABC over every product sold in the year; and the scan
 * path while the year's ABC runs again and again, against the scan path idle.
 */
import Database from 'better-sqlite3';
import { createCore, type Core } from '../src/core/app.js';
import type { DispatchOptions } from '../src/core/rpc/dispatcher.js';
import { uuidv7 } from '../src/shared/ids.js';
import { codePicker } from './core.js';
import type { History } from './history.js';
import { detailOf, emit, figure, msSince, progress, summarize } from './stats.js';

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

export interface BackOfficeCounts { pages: number; reports: number; scans: number }

function monthBefore(last: string): string {
  const d = new Date(`${last}T12:00:00`);
  d.setDate(d.getDate() - 29);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function runBackOfficeFigures(dataDir: string, history: History, counts: BackOfficeCounts): Promise<void> {
  const started = process.hrtime.bigint();
  const core = createCore({ dataDir, log: () => undefined });
  try {
    // the core starts folding the year into the rollup as it opens; a report waits for the same fold
    await core.services.reports.rollup.catchUp();
    const built = msSince(started) / 1000;
    progress(`rollup of a year (1,000,000 receipts) built in ${built.toFixed(1)} s, from a cold start`);
    emit(figure('report_rollup_build_seconds', built, 's', {}, undefined, { first: history.first, last: history.last }));

    const { token } = await call<{ token: string }>(core, 'auth.login', { pin: '0000' }, { origin: ORIGIN });
    const owner = { token, origin: ORIGIN };
    const bare = new Database(core.ledgerFile, { readonly: true, fileMustExist: true });

    // the stock list, a page of 100 by name with each product's balance, as a person scrolls it: near the top and
    // 500,000 rows down, each page following the one before by its cursor (a jump there by offset is counted apart)
    type Page = { next: { key: string | number; rid: number } | null };
    const bareNext = bare.prepare<[string, number], { search_name: string; rid: number }>(
      'SELECT search_name, rid FROM products WHERE archived = 0 AND (search_name, rid) > (?, ?) ORDER BY search_name, rid LIMIT 100');
    const bareKey = bare.prepare<[number], { search_name: string; rid: number }>('SELECT search_name, rid FROM products WHERE archived = 0 ORDER BY search_name, rid LIMIT 1 OFFSET ?');
    for (const [label, base] of [['top', 0], ['deep', 500_000]] as const) {
      const jump = summarize(await timed(3, () => call(core, 'catalog.list', { offset: base, limit: 100 }, owner)));
      let cursor = (await call<Page>(core, 'catalog.list', { offset: base, limit: 100 }, owner)).next;
      const mine = summarize(await timed(counts.pages, async () => {
        cursor = (await call<Page>(core, 'catalog.list', { limit: 100, ...(cursor ? { after: cursor } : {}) }, owner)).next;
      }));
      let key = bareKey.get(base + 99);
      const b = summarize(await timed(counts.pages, async () => {
        key = bareNext.all(key?.search_name ?? '', key?.rid ?? 0).at(-1);
      }));
      progress(`stock list page (${label}): p50 ${mine.p50.toFixed(2)} p99 ${mine.p99.toFixed(2)} ms; bare p99 ${b.p99.toFixed(2)} ms; jump there by offset p50 ${jump.p50.toFixed(1)} ms`);
      emit(figure(`stock_list_page_${label}_p99`, mine.p99, 'ms', { max: 50 }, b.p99, { ...detailOf(mine), jump_by_offset_p50: jump.p50 }));
    }

    const words = ['молоко', 'сыр клубн', 'шоколад орех', 'пельмени домашн', 'чай лимон'];
    const bareSearch = bare.prepare('SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT 100');
    const search = summarize(await timed(counts.pages, (i) => call(core, 'catalog.list', { query: words[i % words.length], limit: 100 }, owner)));
    const searchBase = summarize(await timed(counts.pages, async (i) => bareSearch.all((words[i % words.length] ?? '').split(' ').map((w) => `"${w}"*`).join(' '))));
    progress(`catalog search: p50 ${search.p50.toFixed(2)} p99 ${search.p99.toFixed(2)} ms; bare FTS p99 ${searchBase.p99.toFixed(2)} ms`);
    emit(figure('catalog_search_p99', search.p99, 'ms', { max: 100 }, searchBase.p99, detailOf(search)));
    // 1,000 price tags of goods from across the catalogue, through the command the back office uses: selection, PDF, file
    const ids = bare.prepare<[], { id: string }>('SELECT id FROM products WHERE rid % 997 = 0 LIMIT 1000').all().map((r) => r.id);
    bare.close();
    const tagRuns = summarize(await timed(3, () => call(core, 'tags.print', { selection: { by: 'products', productIds: ids }, templateId: 'a4-3x8' }, owner)));
    progress(`1,000 price tags to PDF: p50 ${tagRuns.p50.toFixed(0)} ms, max ${tagRuns.max.toFixed(0)} ms`);
    emit(figure('tags_pdf_1000_ms', tagRuns.max, 'ms', { max: 5_000 }, undefined, { ...detailOf(tagRuns), tags: ids.length }));

    const year = { from: history.first, to: history.last };
    const month = { from: monthBefore(history.last), to: history.last };
    for (const [label, period, max] of [['month', month, 1_000], ['year', year, 3_000]] as const) {
      const r = summarize(await timed(counts.reports, () => call(core, 'report.sales', { ...period, by: 'group' }, owner)));
      progress(`sales by group, ${label}: p50 ${r.p50.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`);
      emit(figure(`report_sales_by_group_${label}_ms`, r.max, 'ms', { max }, undefined, { ...detailOf(r), ...period }));
    }
    let products = 0;
    const abc = summarize(await timed(counts.reports, async () => {
      products = (await call<{ total: number }>(core, 'report.abc', { ...year, measure: 'revenue' }, owner)).total;
    }));
    progress(`ABC by revenue over the year, ${products.toLocaleString('en')} products: p50 ${abc.p50.toFixed(0)} ms, max ${abc.max.toFixed(0)} ms`);
    emit(figure('report_abc_year_ms', abc.max, 'ms', { max: 2_000 }, undefined, { ...detailOf(abc), products }));

    // the scan path idle, then while the year's ABC (the heaviest report) runs again and again on the worker: the
    // lookup a scan makes (through the dispatcher, as the till asks it) and the scan that adds a line durably
    await call(core, 'shift.open', { id: uuidv7(), float: 0 }, owner);
    const { token: cashierToken } = await call<{ token: string }>(core, 'auth.login', { pin: '1111' }, { origin: ORIGIN });
    const cashier = { token: cashierToken, origin: ORIGIN };
    const lookupCode = codePicker(13, false);
    const scanCode = codePicker(12, true);
    const scanPath = async () => {
      const lookups = summarize(await timed(counts.scans * 5, () => call(core, 'catalog.lookup', { code: lookupCode() }, cashier)));
      const scans = summarize(await timed(counts.scans, async (i) => {
        await call(core, 'cart.scan', { code: scanCode() }, cashier);
        if (i % 15 === 14) await call(core, 'cart.cancel', {}, owner);
      }));
      await call(core, 'cart.cancel', {}, owner).catch(() => undefined);
      return { lookups, scans };
    };
    await scanPath();
    const idle = await scanPath();
    let reporting = true;
    let reports = 0;
    const load = (async () => {
      while (reporting) {
        await call(core, 'report.abc', { ...year, measure: 'margin' }, owner);
        reports++;
      }
    })();
    const busy = await scanPath();
    reporting = false;
    await load;
    progress(`scan lookup: idle p99 ${idle.lookups.p99.toFixed(3)} ms, during year reports ${busy.lookups.p99.toFixed(3)} ms; `
      + `scan to line: idle p99 ${idle.scans.p99.toFixed(3)} ms, during ${busy.scans.p99.toFixed(3)} ms (${reports} reports ran meanwhile)`);
    emit(figure('scan_lookup_during_year_report_p99', busy.lookups.p99, 'ms', { max: 1, ratioMax: 1.2 }, idle.lookups.p99, { ...detailOf(busy.lookups), reports }));
    emit(figure('scan_to_line_during_year_report_p99', busy.scans.p99, 'ms', { max: 2 }, idle.scans.p99, { ...detailOf(busy.scans), reports }));
  } finally {
    core.close();
  }
}
