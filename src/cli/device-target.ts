import { DeviceFileTransport } from '../../drivers/transports/device-file.js';
import { SerialTransport } from '../../drivers/transports/serial.js';
import { TcpTransport } from '../../drivers/transports/tcp.js';
import type { ByteTransport } from '../../drivers/transports/types.js';
import { UsageError } from './output.js';

/** Where a device is: a serial port (or pty), a TCP address, or a device file (USB printer class). */
export type DeviceTarget =
  | { kind: 'serial'; path: string; baudRate: number }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'file'; path: string };

export function parsePort(value: string, what: string, min = 1): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > 65_535) throw new UsageError(`${what} is a port number from ${min} to 65535, got "${value}"`);
  return n;
}

export function parseBaud(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 50 || n > 4_000_000) throw new UsageError(`--baud is a speed such as 9600 or 115200, got "${value}"`);
  return n;
}

/** HOST, HOST:PORT or [IPv6]:PORT. */
export function parseHostPort(value: string, defaultPort: number): { host: string; port: number } {
  const v6 = /^\[([^\]]+)\](?::(\d*))?$/.exec(value);
  if (v6) return { host: v6[1] ?? '', port: v6[2] ? parsePort(v6[2], '--tcp') : defaultPort };
  const colon = value.lastIndexOf(':');
  // a bare IPv6 address has several colons and no port
  if (colon < 0 || value.indexOf(':') !== colon) return { host: value, port: defaultPort };
  const host = value.slice(0, colon);
  if (!host) throw new UsageError(`--tcp is HOST:PORT, got "${value}"`);
  return { host, port: parsePort(value.slice(colon + 1), '--tcp') };
}

/** Exactly one of --port, --tcp, --file (where the command allows it). */
export function pickTarget(
  values: { port?: string; tcp?: string; file?: string; baud?: string },
  defaults: { baudRate: number; tcpPort: number },
): DeviceTarget {
  const given = (['port', 'tcp', 'file'] as const).filter((k) => values[k] !== undefined);
  if (given.length !== 1) {
    throw new UsageError(given.length === 0 ? 'say where the device is: --port PATH or --tcp HOST:PORT' : `give only one of ${given.map((g) => `--${g}`).join(', ')}`);
  }
  if (values.port !== undefined) return { kind: 'serial', path: values.port, baudRate: parseBaud(values.baud, defaults.baudRate) };
  if (values.baud !== undefined) throw new UsageError('--baud goes with --port');
  if (values.tcp !== undefined) return { kind: 'tcp', ...parseHostPort(values.tcp, defaults.tcpPort) };
  return { kind: 'file', path: values.file ?? '' };
}

export function describeTarget(t: DeviceTarget): string {
  switch (t.kind) {
    case 'serial': return `serial ${t.path} @ ${t.baudRate}`;
    case 'tcp': return `tcp ${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
    case 'file': return `device ${t.path}`;
  }
}

/** Opens the link. TCP and device files connect on first write, so their failures show up there. */
export async function openTarget(t: DeviceTarget, tcpConnectTimeoutMs = 3_000): Promise<ByteTransport> {
  switch (t.kind) {
    case 'serial': return SerialTransport.open({ path: t.path, baudRate: t.baudRate });
    case 'tcp': return new TcpTransport({ host: t.host, port: t.port, connectTimeoutMs: tcpConnectTimeoutMs });
    case 'file': return new DeviceFileTransport(t.path);
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
