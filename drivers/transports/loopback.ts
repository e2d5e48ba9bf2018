import type { ByteTransport } from './types.js';

/**
 * Two ByteTransports wired back to back in memory: what one writes the other reads.
 * For the demo shop's in-process simulators and protocol tests; the TCP and pty tests cover real links.
 */
export function loopback(): [ByteTransport, ByteTransport] {
  const make = (name: string) => {
    const listeners = new Set<(b: Uint8Array) => void>();
    let peer: Set<(b: Uint8Array) => void> = new Set();
    const t: ByteTransport & { connect(p: Set<(b: Uint8Array) => void>): void; listeners: Set<(b: Uint8Array) => void> } = {
      description: `loopback ${name}`,
      listeners,
      connect: (p) => {
        peer = p;
      },
      write: async (bytes) => {
        const copy = new Uint8Array(bytes);
        queueMicrotask(() => {
          for (const l of [...peer]) l(copy);
        });
      },
      onData: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      close: async () => undefined,
    };
    return t;
  };
  const a = make('host');
  const b = make('device');
  a.connect(b.listeners);
  b.connect(a.listeners);
  return [a, b];
}
