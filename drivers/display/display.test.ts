import { afterEach, describe, expect, it } from 'vitest';
import { VirtualPoleDisplay } from '../simulators/display/virtual-pole-display.js';
import { skipSerial } from '../simulators/shtrih/test-support.js';
import { loopback } from '../transports/loopback.js';
import { openPtyPair } from '../transports/pty-pair.js';
import { SerialTransport } from '../transports/serial.js';
import { DISPLAY_DEFAULT_BAUD, displayLine, EpsonPoleDisplay } from './epson.js';

const bytes = (hex: string) => Uint8Array.from(hex.split(/\s+/).filter(Boolean).map((h) => parseInt(h, 16)));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('displayLine', () => {
  it('writes Cyrillic in CP866, padded to 20 cells', () => {
    expect(displayLine('Итого')).toEqual(bytes('88 E2 AE A3 AE 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20'));
  });

  it('cuts a long line, turns control characters into spaces, and stands in for what CP866 lacks', () => {
    const cut = displayLine('Молоко «Домик в деревне» 3,2%');
    expect(cut).toHaveLength(20);
    expect(cut[7]).toBe(0x22); // « as "
    expect(displayLine('a\x0cb\x1bc', 5)).toEqual(bytes('61 20 62 20 63'));
    // Intl's narrow no-break space as a space, ₽ as Р (0x90)
    expect(displayLine('1\u202f109,45 ₽', 10)).toEqual(bytes('31 20 31 30 39 2C 34 35 20 90'));
    expect(displayLine('☺', 1)).toEqual(bytes('3F'));
  });
});

describe('VirtualPoleDisplay decodes the Epson display commands', () => {
  it('places text with US $, clears with CLR and CAN, and reads commands split across chunks', () => {
    const d = new VirtualPoleDisplay();
    for (const chunk of [bytes('1B'), bytes('40 1F 24 03'), bytes('02 41 42 43 1F 24 01 01 58')]) d.feed(chunk);
    expect(d.lines()).toEqual(['X'.padEnd(20), '  ABC'.padEnd(20)]);
    d.feed(bytes('1F 24 01 02 18'));
    expect(d.lines()).toEqual(['X'.padEnd(20), ' '.repeat(20)]);
    d.feed(bytes('0C'));
    expect(d.lines()).toEqual([' '.repeat(20), ' '.repeat(20)]);
    expect(d.unknown).toEqual([]);
  });

  it('wraps in overwrite mode and scrolls in vertical scroll mode', () => {
    const d = new VirtualPoleDisplay({ width: 4 });
    d.feed(Uint8Array.from('abcdefghij', (c) => c.charCodeAt(0)));
    expect(d.lines()).toEqual(['ijcd', 'efgh']);
    d.feed(bytes('0C 1F 02'));
    d.feed(Uint8Array.from('abcdefghij', (c) => c.charCodeAt(0)));
    expect(d.lines()).toEqual(['efgh', 'ij  ']);
  });

  it('shows cp437 until told the table, and records what it does not know', () => {
    const d = new VirtualPoleDisplay();
    d.feed(bytes('8F'));
    expect(d.lines()[0].charAt(0)).toBe('Å');
    d.feed(bytes('1B 74 11 0B 8F 1B 74 63 1B 5A 07'));
    expect(d.lines()[0].charAt(0)).toBe('П');
    expect(d.unknown).toEqual([[0x1b, 0x74, 0x63], [0x1b, 0x5a], [0x07]]);
  });
});

describe('EpsonPoleDisplay ↔ VirtualPoleDisplay', () => {
  it('shows two Russian lines, with what the customer sees checked cell by cell', async () => {
    const [host, device] = loopback();
    const screen = new VirtualPoleDisplay();
    screen.attach(device);
    const display = new EpsonPoleDisplay(host);
    await display.show(['Молоко 3,2% 1 л', '2 × 89,90 = 179,80']);
    await expect.poll(() => screen.lines()).toEqual(['Молоко 3,2% 1 л     ', '2 ? 89,90 = 179,80  ']);
    expect(screen.unknown).toEqual([]);
  });

  it('leaves the code table alone when told to, for a display switched to CP866 by its DIP switches', async () => {
    const [host, device] = loopback();
    const sent: number[] = [];
    device.onData((b) => sent.push(...b));
    const screen = new VirtualPoleDisplay({ powerOn: 'cp866' });
    screen.attach(device);
    await new EpsonPoleDisplay(host, { codeTable: null }).show(['Итого', '']);
    await expect.poll(() => screen.lines()[0]).toBe('Итого'.padEnd(20));
    expect(sent.slice(0, 4)).toEqual([0x1b, 0x40, 0x1f, 0x01]);
  });
});

describe.skipIf(skipSerial)('EpsonPoleDisplay over a socat pty pair', () => {
  it('updates the lines in place, clears, and comes back in CP866 after the display restarts', async () => {
    const pty = await openPtyPair();
    cleanups.push(() => pty.close());
    const device = await SerialTransport.open({ path: pty.b, baudRate: DISPLAY_DEFAULT_BAUD });
    cleanups.push(() => device.close());
    let screen = new VirtualPoleDisplay();
    let detach = screen.attach(device);
    const display = await EpsonPoleDisplay.open({ path: pty.a });
    cleanups.push(() => display.dispose());

    await display.show(['Сыр Российский', '0,350 кг × 799,00']);
    await expect.poll(() => screen.lines()).toEqual(['Сыр Российский      ', '0,350 кг × 799,00'.replace('×', '?').padEnd(20)]);
    await display.show(['ИТОГО', '1 109,45']);
    await expect.poll(() => screen.lines()).toEqual(['ИТОГО'.padEnd(20), '1 109,45'.padEnd(20)]);
    await display.clear();
    await expect.poll(() => screen.lines()).toEqual([' '.repeat(20), ' '.repeat(20)]);

    // power cycle: a fresh display in cp437; the next show switches it to CP866 again
    detach();
    screen = new VirtualPoleDisplay();
    detach = screen.attach(device);
    cleanups.push(() => detach());
    await display.show(['Спасибо за покупку!', '']);
    await expect.poll(() => screen.lines()[0]).toBe('Спасибо за покупку! ');
    expect(screen.unknown).toEqual([]);
  });
});
