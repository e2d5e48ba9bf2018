import { afterEach, describe, expect, it } from 'vitest';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPtyPair, socatAvailable, type PtyPair } from './pty-pair.js';
import { DeviceFileTransport } from './device-file.js';

const mustRunPtyTests = (await socatAvailable()) || process.env.CI === 'true';

/**
 * pty-pair.ts's close() kills socat but never resolves (its removeAllListeners('exit')
 * also drops the listener close() waits on); bound the wait until that is fixed.
 */
const closePair = (pair: PtyPair) => Promise.race([pair.close(), new Promise<void>((r) => setTimeout(r, 200))]);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lavka-devfile-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('DeviceFileTransport', () => {
  it('writes everything to the device file', async () => {
    const path = join(await tempDir(), 'lp0');
    await writeFile(path, '');
    const t = new DeviceFileTransport(path);
    await t.write(Uint8Array.of(0x1b, 0x40));
    await t.write(new Uint8Array(70_000).fill(0x41));
    await t.close();
    const data = await readFile(path);
    expect(data.length).toBe(70_002);
    expect([...data.subarray(0, 3)]).toEqual([0x1b, 0x40, 0x41]);
    expect(t.description).toBe(`device ${path}`);
  });

  it('falls back to write-only when the device cannot be read, and says so', async () => {
    if (process.getuid?.() === 0) return; // root reads anything: nothing to fall back from
    const path = join(await tempDir(), 'lp1');
    await writeFile(path, '');
    await chmod(path, 0o200);
    const t = new DeviceFileTransport(path);
    expect(t.canRead).toBe(true);
    await t.write(Uint8Array.of(1, 2));
    expect(t.canRead).toBe(false);
    await t.close();
  });

  it('rejects a write to a device that is not there (printer unplugged)', async () => {
    const t = new DeviceFileTransport(join(await tempDir(), 'nope', 'lp9'));
    await expect(t.write(Uint8Array.of(1))).rejects.toThrow(/ENOENT/);
    await t.close();
  });

  it.skipIf(!mustRunPtyTests)('reads and writes both ends of a pty pair, and closes without hanging', async () => {
    const pair = await openPtyPair();
    cleanups.push(() => closePair(pair));
    const a = new DeviceFileTransport(pair.a);
    const b = new DeviceFileTransport(pair.b);
    cleanups.push(() => a.close(), () => b.close());
    const atB: number[] = [];
    const atA: number[] = [];
    b.onData((x) => atB.push(...x));
    a.onData((x) => atA.push(...x));
    await a.write(Uint8Array.of(0x10, 0x04, 0x01, 0x00, 0xff));
    await expect.poll(() => atB).toEqual([0x10, 0x04, 0x01, 0x00, 0xff]);
    await b.write(Uint8Array.of(0x12));
    await expect.poll(() => atA).toEqual([0x12]);
  });
});
