import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { skipSerial } from '../simulators/shtrih/test-support.js';
import { ReopeningSerialTransport } from './reopening-serial.js';
import { SerialTransport } from './serial.js';

/**
 * A pty pair under fixed names (socat's link=), so that it can be pulled out and put back
 * under the same path, as a USB adapter comes back as the same /dev/serial/by-id name.
 */
class Cable {
  private socat: ChildProcess | null = null;
  readonly dir = mkdtempSync(join(tmpdir(), 'lavka-cable-'));
  readonly host = join(this.dir, 'host');
  readonly device = join(this.dir, 'device');

  async plug(): Promise<void> {
    const socat = spawn('socat', [`pty,raw,echo=0,link=${this.host}`, `pty,raw,echo=0,link=${this.device}`], { stdio: 'ignore' });
    this.socat = socat;
    await until(() => existsSync(this.host) && existsSync(this.device), 'socat made the pair');
  }

  async pull(): Promise<void> {
    const socat = this.socat;
    this.socat = null;
    if (!socat || socat.exitCode !== null) return;
    const exited = new Promise((resolve) => socat.once('exit', resolve));
    socat.kill('SIGTERM');
    await exited;
  }

  async close(): Promise<void> {
    await this.pull();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 10_000) throw new Error(`not within 10 s: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.skipIf(skipSerial)('a serial port that comes back by itself', () => {
  it('says when the port is lost and when it is back, and carries bytes both ways again with the same listeners', async () => {
    const cable = new Cable();
    cleanups.push(() => cable.close());
    await cable.plug();
    const changes: (string | null)[] = [];
    const port = new ReopeningSerialTransport({ path: cable.host, baudRate: 9600, retryMs: 50, onChange: (err) => changes.push(err ? 'lost' : null) });
    cleanups.push(() => port.close());
    const heard: number[] = [];
    port.onData((bytes) => heard.push(...bytes));
    await port.connect();
    let device = await SerialTransport.open({ path: cable.device, baudRate: 9600 });
    await device.write(Uint8Array.of(1, 2));
    await until(() => heard.length === 2, 'bytes from the device');

    await device.close();
    await cable.pull();
    await until(() => changes.includes('lost'), 'the loss reported');
    await expect(port.write(Uint8Array.of(9))).rejects.toThrow();

    await cable.plug();
    await until(() => changes.at(-1) === null && changes.length >= 3, 'the port back');
    device = await SerialTransport.open({ path: cable.device, baudRate: 9600 });
    cleanups.push(() => device.close());
    const got: number[] = [];
    device.onData((bytes) => got.push(...bytes));
    await port.write(Uint8Array.of(7, 8));
    await until(() => got.length === 2, 'bytes to the device after the reopen');
    expect(got).toEqual([7, 8]);
    await device.write(Uint8Array.of(3));
    await until(() => heard.length === 3, 'bytes from the device after the reopen');
    expect(heard).toEqual([1, 2, 3]);
  });

  it('a port that is not there yet is reported, then opened once it appears', async () => {
    const cable = new Cable();
    cleanups.push(() => cable.close());
    const changes: (string | null)[] = [];
    const port = new ReopeningSerialTransport({ path: cable.host, baudRate: 9600, retryMs: 50, onChange: (err) => changes.push(err ? err.message : null) });
    cleanups.push(() => port.close());
    await expect(port.connect()).rejects.toThrow();
    expect(changes[0]).toMatch(/host/);
    await cable.plug();
    await until(() => changes.at(-1) === null, 'opened once plugged in');
  });
});
