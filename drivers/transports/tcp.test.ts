import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { socketTransport, TcpTransport } from './tcp.js';
import type { ByteTransport } from './types.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function echoServer(): Promise<{ port: number; peers: ByteTransport[]; server: net.Server }> {
  const peers: ByteTransport[] = [];
  const server = net.createServer((s) => {
    const t = socketTransport(s);
    peers.push(t);
    t.onData((b) => void t.write(b.map((x) => x + 1)).catch(() => undefined));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(() => new Promise<void>((r) => {
    for (const p of peers) void p.close();
    server.close(() => r());
  }));
  return { port: (server.address() as net.AddressInfo).port, peers, server };
}

describe('TcpTransport', () => {
  it('connects on first write and passes bytes both ways', async () => {
    const { port } = await echoServer();
    const t = new TcpTransport({ host: '127.0.0.1', port });
    cleanups.push(() => t.close());
    expect(t.description).toBe(`tcp 127.0.0.1:${port}`);
    const got: number[] = [];
    const off = t.onData((b) => got.push(...b));
    await t.write(Uint8Array.of(1, 2, 3));
    await expect.poll(() => got).toEqual([2, 3, 4]);
    off();
    await t.write(Uint8Array.of(9));
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual([2, 3, 4]);
  });

  it('defaults to port 9100', () => {
    expect(new TcpTransport({ host: '192.0.2.10' }).description).toBe('tcp 192.0.2.10:9100');
  });

  it('rejects a write when nothing listens, and after close', async () => {
    const { port, server } = await echoServer();
    await new Promise<void>((r) => server.close(() => r()));
    const t = new TcpTransport({ host: '127.0.0.1', port, connectTimeoutMs: 500 });
    await expect(t.write(Uint8Array.of(1))).rejects.toThrow(/ECONNREFUSED/);
    await t.close();
    await expect(t.write(Uint8Array.of(1))).rejects.toThrow(/closed/);
  });

  it('connects afresh after the peer drops the link', async () => {
    const { port, peers } = await echoServer();
    const t = new TcpTransport({ host: '127.0.0.1', port });
    cleanups.push(() => t.close());
    await t.write(Uint8Array.of(1));
    await expect.poll(() => peers.length).toBe(1);
    await peers[0]?.close();
    await new Promise((r) => setTimeout(r, 20));
    await t.write(Uint8Array.of(1));
    await expect.poll(() => peers.length).toBe(2);
  });
});
