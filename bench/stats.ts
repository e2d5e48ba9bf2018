/** Latency samples, percentiles and the one-JSON-object-per-line figures `npm run bench` prints. */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

export interface Summary {
  n: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile (q in 0..1) of an ascending array. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('percentile of no samples');
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = Float64Array.from(samples).sort();
  const arr = Array.from(sorted);
  const mean = arr.reduce((a, b) => a + b, 0) / arr.length;
  return {
    n: arr.length, p50: percentile(arr, 0.5), p90: percentile(arr, 0.9), p95: percentile(arr, 0.95), p99: percentile(arr, 0.99),
    max: arr[arr.length - 1] as number, mean,
  };
}

/** Milliseconds since `start` (from process.hrtime.bigint()). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Times a synchronous or async call in milliseconds. */
export async function timeMs(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return msSince(start);
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export interface Target {
  /** the value must be at most this */
  max?: number;
  /** the value must be at least this */
  min?: number;
  /** value / baseline must be at most this */
  ratioMax?: number;
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target: string;
  pass: boolean;
  detail: Record<string, number | string>;
}

function describe(unit: string, target: Target): string {
  const parts: string[] = [];
  if (target.max !== undefined) parts.push(`<= ${target.max} ${unit}`);
  if (target.min !== undefined) parts.push(`>= ${target.min} ${unit}`);
  if (target.ratioMax !== undefined) parts.push(`ratio <= ${target.ratioMax}`);
  return parts.join(', ');
}

export function figure(name: string, value: number, unit: string, target: Target, baseline?: number, detail?: Record<string, number | string>): Figure {
  const ratio = baseline !== undefined && baseline > 0 ? round(value / baseline, 2) : undefined;
  const pass = (target.max === undefined || value <= target.max)
    && (target.min === undefined || value >= target.min)
    && (target.ratioMax === undefined || (ratio !== undefined && ratio <= target.ratioMax));
  return {
    name, value: round(value), unit,
    ...(baseline !== undefined ? { baseline: round(baseline), ratio } : {}),
    target: describe(unit, target), pass,
    // other work on this 2-core machine shows in the tails: say how busy it was
    detail: { ...detail, load1: round(loadavg()[0] ?? 0, 2), ...cpuPressure() },
  };
}

/** The share of the last 10 s in which some task waited for a CPU (Linux PSI), when the kernel tells. */
function cpuPressure(): { cpu_pressure_avg10: number } | Record<string, never> {
  try {
    const m = /^some avg10=([\d.]+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return m?.[1] ? { cpu_pressure_avg10: Number(m[1]) } : {};
  } catch {
    return {};
  }
}

/** A latency summary as figure detail (rounded, in the summary's unit). */
export function detailOf(s: Summary): Record<string, number> {
  return { n: s.n, p50: round(s.p50), p90: round(s.p90), p95: round(s.p95), p99: round(s.p99), max: round(s.max), mean: round(s.mean) };
}

/** Figures go to stdout, one JSON object per line; everything else goes to stderr. */
export function emit(f: Figure): void {
  process.stdout.write(`${JSON.stringify(f)}\n`);
}

export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** A small seeded PRNG (mulberry32), so every run draws the same codes. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
