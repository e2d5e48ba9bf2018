/**
 * Browser mode figures: `lavka serve` as a separate process on the 1M catalogue — cold
 * start to its `ready` line, sustained durable 5-line sales a second over HTTP from
 * concurrent keep-alive clients, and the server's RSS after that load.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { uuidv7 } from '../src/shared/ids.js';
import { isPiece, priceOf, PRODUCTS, barcodeOf } from './catalog.js';
import { emit, figure, msSince, progress, rng, summarize } from './stats.js';
import { spawnServe, stopServe } from '../e2e/serve-process.js';


export interface Server {
  child: ChildProcess;
  /** the UI address with its ?key= */
  url: string;
  origin: string;
  key: string;
  coldStartMs: number;
  stop(): Promise<void>;
}

/**
 * Spawns `lavka serve` on a data folder and times it to its `ready <url>` line. The ledger
 * runs alone (`--devices none`): these figures are the till's own, not a registrar's.
 */
export async function startServer(dataDir: string): Promise<Server> {
  const started = process.hrtime.bigint();
  const { child, url } = await spawnServe(['--data', dataDir, '--port', '0', '--devices', 'none'], (text) => progress(`server: ${text}`));
  const coldStartMs = msSince(started);
  const parsed = new URL(url);
  const key = parsed.searchParams.get('key');
  if (!key) throw new Error(`ready url without a key: ${url}`);
  return {
    child, url, origin: parsed.origin, key, coldStartMs,
    stop: () => stopServe(child),
  };
}

/** VmRSS of a process in MB (from /proc/<pid>/status). */
export function rssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m?.[1]) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) / 1024;
}

interface Reply {
  status: number;
  body: unknown;
}

/** A keep-alive JSON client for POST /api/<command>. */
export function apiClient(server: Server, sockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(server.origin);
  let token: string | null = null;
  function post(command: string, input: unknown): Promise<Reply> {
    const body = JSON.stringify(input);
    return new Promise((resolve, reject) => {
      const req = request({
        agent, hostname, port, method: 'POST', path: `/api/${command}`,
        headers: {
          'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-lavka-key': server.key,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
  async function call<T>(command: string, input: unknown): Promise<T> {
    const r = await post(command, input);
    if (r.status !== 200) throw new Error(`${command}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    return (r.body as { result: T }).result;
  }
  return {
    post, call,
    async login(pin: string): Promise<void> {
      token = (await call<{ token: string }>('auth.login', { pin })).token;
    },
    close: () => agent.destroy(),
  };
}

/** A whole paid 5-line sale of random generated piece goods, paid exactly by card. */
function saleMaker(seed: number): () => { id: string; lines: { code: string }[]; payments: { kind: 'card'; amount: number }[] } {
  const next = rng(seed);
  return () => {
    const lines: { code: string }[] = [];
    let total = 0;
    while (lines.length < 5) {
      const i = Math.floor(next() * PRODUCTS);
      if (!isPiece(i)) continue;
      lines.push({ code: barcodeOf(i) });
      total += priceOf(i);
    }
    return { id: uuidv7(), lines, payments: [{ kind: 'card', amount: total }] };
  };
}

export interface LoadOptions {
  clients: number;
  warmupMs: number;
  measureMs: number;
}

/** Sustained sale.record from concurrent keep-alive clients; sales counted only in the measured window. */
export async function httpSales(server: Server, options: LoadOptions): Promise<void> {
  const client = apiClient(server, options.clients);
  await client.login('1111');
  await client.call('shift.open', { id: uuidv7(), float: 0 });
  const makeSale = saleMaker(6);
  const t0 = process.hrtime.bigint();
  const warmEnd = t0 + BigInt(options.warmupMs) * 1_000_000n;
  const end = warmEnd + BigInt(options.measureMs) * 1_000_000n;
  let done = 0;
  let failed = 0;
  let firstFailure = '';
  const latencies: number[] = [];
  async function worker(): Promise<void> {
    for (;;) {
      const start = process.hrtime.bigint();
      if (start >= end) return;
      const r = await client.post('sale.record', makeSale());
      const finished = process.hrtime.bigint();
      if (start < warmEnd || finished > end) continue;
      if (r.status === 200) {
        done++;
        latencies.push(Number(finished - start) / 1e6);
      } else {
        failed++;
        firstFailure ||= `HTTP ${r.status} ${JSON.stringify(r.body)}`;
      }
    }
  }
  await Promise.all(Array.from({ length: options.clients }, () => worker()));
  const rss = rssMb(server.child.pid ?? 0);
  client.close();
  if (failed > 0) progress(`http: ${failed} sales failed, the first: ${firstFailure}`);
  const perSecond = done / (options.measureMs / 1000);
  const s = summarize(latencies);
  progress(`http: ${done} sales in ${options.measureMs / 1000} s with ${options.clients} clients = ${perSecond.toFixed(0)}/s; latency p50 ${s.p50.toFixed(2)} p99 ${s.p99.toFixed(2)} ms`);
  emit(figure('http_sales_per_second', perSecond, 'sales/s', { min: 1000 }, undefined, {
    clients: options.clients, seconds: options.measureMs / 1000, sales: done, failed, latency_p50_ms: s.p50, latency_p99_ms: s.p99, latency_n: s.n,
  }));
  emit(figure('core_rss_mb', rss, 'MB', { max: 300 }, undefined, { after: 'http load' }));
}

export function coldStart(server: Server): void {
  progress(`cold start: ${server.coldStartMs.toFixed(0)} ms to ready`);
  emit(figure('cold_start_ms', server.coldStartMs, 'ms', { max: 2000 }));
}
