import { describe, expect, it } from 'vitest';
import { loopback } from '../../transports/loopback.js';
import { VirtualEscPosPrinter } from './virtual-printer.js';

const cyr = (s: string) => Uint8Array.from([0x1b, 0x74, 17, ...Buffer.from(s, 'latin1')]);

function wired(sim: VirtualEscPosPrinter) {
  const [host, device] = loopback();
  sim.attach(device);
  const replies: number[] = [];
  host.onData((b) => replies.push(...b));
  return { host, replies };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('VirtualEscPosPrinter', () => {
  it('answers DLE EOT 1–4 from its state, in Epson bit layout', async () => {
    const sim = new VirtualEscPosPrinter();
    const { host, replies } = wired(sim);
    const ask = async () => {
      replies.length = 0;
      await host.write(Uint8Array.of(0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 3, 0x10, 4, 4));
      await tick();
      return [...replies];
    };
    expect(await ask()).toEqual([0x12, 0x12, 0x12, 0x12]);
    sim.setState({ paperOut: true });
    expect(await ask()).toEqual([0x1a, 0x32, 0x12, 0x7e]);
    sim.setState({ paperOut: false, coverOpen: true, drawerOpen: true });
    expect(await ask()).toEqual([0x1e, 0x16, 0x12, 0x12]);
    sim.setState({ coverOpen: false, drawerOpen: false, paperNearEnd: true });
    expect(await ask()).toEqual([0x12, 0x12, 0x12, 0x1e]);
  });

  it('holds what it is sent while out of paper and prints it when paper is loaded', async () => {
    const sim = new VirtualEscPosPrinter({ state: { paperOut: true } });
    const { host } = wired(sim);
    await host.write(Uint8Array.of(...cyr('\x8c\xa8\xe0\n'), 0x1b, 0x70, 0, 50, 250));
    await tick();
    expect(sim.lines()).toEqual([]);
    expect(sim.drawerKicks).toHaveLength(1); // the drawer does not wait for paper
    sim.setState({ paperOut: false });
    expect(sim.lines()).toEqual(['Мир']);
  });

  it('is silent and prints nothing while offline', async () => {
    const sim = new VirtualEscPosPrinter({ state: { offline: true } });
    const { host, replies } = wired(sim);
    await host.write(Uint8Array.of(0x10, 4, 1, 0x41, 0x0a));
    await tick();
    expect(replies).toEqual([]);
    expect(sim.paper).toEqual([]);
    expect(sim.droppedBytes).toBe(5);
  });

  it('splits the paper into receipts at cuts', async () => {
    const sim = new VirtualEscPosPrinter();
    const { host } = wired(sim);
    await host.write(Uint8Array.of(...cyr('\x8e\xa4\xa8\xad\n'), 0x1d, 0x56, 1, ...Buffer.from('two\n'), 0x1d, 0x56, 1, 0x0a));
    await sim.waitFor((s) => s.cuts === 2);
    expect(sim.receipts().map((r) => r.length)).toEqual([1, 1]);
    expect(sim.lines(0)).toEqual(['Один']);
    expect(sim.lines(1)).toEqual(['two']);
  });

  it('waitFor rejects with what it has when the condition never comes', async () => {
    const sim = new VirtualEscPosPrinter();
    await expect(sim.waitFor((s) => s.cuts > 0, 20)).rejects.toThrow(/not met in 20 ms; printed 0/);
  });
});
