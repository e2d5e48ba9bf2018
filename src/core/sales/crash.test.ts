import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, migrationsDir } from '../app.js';
import { verifyLedger } from '../verify.js';
import { packageRoot } from '../paths.js';
import { crashLineCode, CRASH_WEIGHED } from '../testing/crash-plan.js';

/**
 * The till is killed (SIGKILL) at random moments while it sells, over and over on the
 * same data folder. After every kill: each sale the till had acknowledged is there and
 * complete, no sale is partial, `verify` passes, and the open receipt is back as it was
 * last acknowledged. Nothing here may be skipped: a missing sale fails the test.
 */

const ROUNDS = Number(process.env.LAVKA_CRASH_ROUNDS ?? 32);
const CHILD = fileURLToPath(new URL('../testing/crash-child.ts', import.meta.url));

/**
 * How the child is started. `node --import tsx crash-child.ts` spends ~0.4 s per start in
 * the TypeScript loader, so by default the same source is bundled once (esbuild, packages
 * left external) into a file under node_modules/.cache, where it finds the package root
 * and node_modules as the source does — also where node_modules is a symlink to another
 * checkout's (a git worktree), since the child keeps the path it was started by rather than
 * the one the link resolves to. LAVKA_CRASH_TSX=1 runs the .ts through tsx instead.
 */
let childArgs: string[] = ['--import', 'tsx', CHILD];
let bundleDir: string | null = null;
beforeAll(async () => {
  if (process.env.LAVKA_CRASH_TSX) return;
  const cache = join(packageRoot(), 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  bundleDir = mkdtempSync(join(cache, 'lavka-crash-'));
  const outfile = join(bundleDir, 'crash-child.mjs');
  await build({ entryPoints: [CHILD], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
  childArgs = ['--preserve-symlinks-main', outfile];
});

type Event = { kind: 'restored' | 'cart'; lines: number } | { kind: 'ready' } | { kind: 'ack'; id: string; lines: number };

interface Round {
  events: Event[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

function parse(line: string): Event {
  const [word, a, b] = line.split(' ');
  if (word === 'RESTORED' || word === 'CART') return { kind: word === 'CART' ? 'cart' : 'restored', lines: Number(a) };
  if (word === 'READY') return { kind: 'ready' };
  if (word === 'ACK' && a) return { kind: 'ack', id: a, lines: Number(b) };
  throw new Error(`the crash child said something unexpected: ${JSON.stringify(line)}`);
}

/** Runs the child until READY, then kills it 20–200 ms later. */
function runRound(dataDir: string): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...childArgs, dataDir], { cwd: packageRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
    const events: Event[] = [];
    let buffered = '';
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        try {
          const event = parse(line);
          events.push(event);
          if (event.kind === 'ready') setTimeout(() => child.kill('SIGKILL'), 20 + Math.floor(Math.random() * 180));
        } catch (err) {
          reject(err);
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      // a line cut short by the kill was never acknowledged: ignore it
      resolve({ events, signal, code, stderr });
    });
  });
}

interface LedgerState {
  sales: Map<string, { lines: number; payments: number; journaled: number; kind: string }>;
  cart: { productBarcode: string | null; qty: number }[];
  problems: string[];
}

function readLedger(dataDir: string): LedgerState {
  const core = createCore({ dataDir, log: () => undefined });
  try {
    const db = core.services.db;
    const report = verifyLedger(db, migrationsDir());
    const rows = db.prepare<[], { id: string; kind: string; lines: number; payments: number; journaled: number }>(`SELECT s.id, s.kind,
      (SELECT COUNT(*) FROM sale_lines l WHERE l.sale_id = s.id) AS lines,
      (SELECT COUNT(*) FROM sale_payments p WHERE p.sale_id = s.id) AS payments,
      (SELECT COUNT(*) FROM journal j WHERE j.type = 'sale.completed' AND json_extract(j.payload, '$.id') = s.id) AS journaled
      FROM sales s`).all();
    const cart = db.prepare<[], { barcode: string | null; qty: number }>(
      "SELECT j.value ->> 'barcode' AS barcode, j.value ->> 'qty' AS qty FROM carts c, json_each(c.lines) j ORDER BY j.key",
    ).all();
    return {
      sales: new Map(rows.map((r) => [r.id, { lines: r.lines, payments: r.payments, journaled: r.journaled, kind: r.kind }])),
      cart: cart.map((l) => ({ productBarcode: l.barcode, qty: l.qty })),
      problems: report.problems,
    };
  } finally {
    core.close();
  }
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

describe('killing the till while it sells', () => {
  it(`loses no acknowledged sale, leaves no partial one and restores the open receipt, over ${ROUNDS} kills`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lavka-crash-'));
    dirs.push(dataDir);
    // the demo shop and an open shift, so that every round starts selling at once
    const setup = createCore({ dataDir, log: () => undefined });
    expect((await setup.dispatch('setup.demo', {}, { token: null, origin: 'test' })).ok).toBe(true);
    setup.close();

    const acked = new Map<string, number>();
    const unacked = new Set<string>();
    let expectedRestore = 0;
    let killedWithOpenReceipt = 0;
    let killedMidSale = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const r = await runRound(dataDir);
      const where = `round ${round + 1}: ${r.events.map((e) => e.kind + ('lines' in e ? ` ${e.lines}` : '')).join(', ')}`;
      expect(r.signal, `${where}\nthe child was not killed but ended by itself (code ${r.code}):\n${r.stderr}`).toBe('SIGKILL');
      expect(r.events.some((e) => e.kind === 'ready'), `${where}\nnever got ready:\n${r.stderr}`).toBe(true);

      // the receipt the child found at start is the one the last check saw
      const restored = r.events.find((e) => e.kind === 'restored');
      expect(restored && 'lines' in restored ? restored.lines : -1, `${where}: restored receipt`).toBe(expectedRestore);

      let lastCart = expectedRestore;
      for (const e of r.events) {
        if (e.kind === 'ack') {
          acked.set(e.id, e.lines);
          lastCart = 0;
        } else if (e.kind === 'cart') {
          lastCart = e.lines;
        }
      }

      const state = readLedger(dataDir);
      expect(state.problems, `${where}: verify`).toEqual([]);
      for (const [id, lines] of acked) {
        const sale = state.sales.get(id);
        expect(sale, `${where}: acknowledged sale ${id} is missing`).toBeDefined();
        expect(sale?.kind).toBe('sale');
        expect(sale?.lines, `${where}: sale ${id} lines`).toBe(lines);
        expect(sale?.payments, `${where}: sale ${id} payments`).toBeGreaterThan(0);
        expect(sale?.journaled, `${where}: sale ${id} in the journal`).toBe(1);
      }
      for (const [id, sale] of state.sales) {
        expect(sale.lines > 0 && sale.payments > 0 && sale.journaled === 1, `${where}: sale ${id} is partial: ${JSON.stringify(sale)}`).toBe(true);
      }

      // At most one sale may have been committed without its ACK reaching us: the receipt
      // last reported, completed in the instant before the kill.
      const fresh = [...state.sales.keys()].filter((id) => !acked.has(id) && !unacked.has(id));
      expect(fresh.length, `${where}: sales nobody acknowledged`).toBeLessThanOrEqual(1);
      const [completedAtKill] = fresh;
      if (completedAtKill) {
        expect(state.cart, `${where}: a receipt completed at the kill leaves no open receipt`).toEqual([]);
        expect(state.sales.get(completedAtKill)?.lines, `${where}: the unacknowledged sale is the receipt last reported`).toBe(lastCart);
        unacked.add(completedAtKill);
        killedMidSale++;
      } else {
        // the open receipt has every line last acknowledged, and at most the one scan in flight
        expect(state.cart.length, `${where}: open receipt lines`).toBeGreaterThanOrEqual(lastCart);
        expect(state.cart.length, `${where}: open receipt lines`).toBeLessThanOrEqual(lastCart + 1);
        state.cart.forEach((line, i) => {
          expect(line.productBarcode, `${where}: line ${i + 1} of the open receipt`).toBe(crashLineCode(i));
          expect(line.qty).toBe(i === 2 ? CRASH_WEIGHED.qty : 1000);
        });
        if (state.cart.length > 0) killedWithOpenReceipt++;
      }
      expectedRestore = state.cart.length;
    }

    // and the command a shop owner would run agrees
    const cli = spawnSync(process.execPath, ['--import', 'tsx', join(packageRoot(), 'src', 'cli', 'main.ts'), 'verify', '--data', dataDir], { cwd: packageRoot(), encoding: 'utf8' });
    expect(cli.status, `lavka verify: ${cli.stdout}${cli.stderr}`).toBe(0);
    expect(cli.stdout).toContain('ledger is sound');

    expect(acked.size, 'the child completed sales').toBeGreaterThan(0);
    // the kills landed in the middle of receipts, not only between them
    expect(killedWithOpenReceipt, 'kills with an open receipt').toBeGreaterThan(0);
    console.log(`crash test: ${ROUNDS} kills, ${acked.size} acknowledged sales, ${killedWithOpenReceipt} kills with an open receipt, ${killedMidSale} in the instant a sale committed`);
  }, Math.max(120_000, ROUNDS * 4_000));
});
