import { describe, expect, it } from 'vitest';
import type { PrintDoc } from '../../src/core/ports/devices.js';
import { FIRMWARE_CODE_PAGES } from '../simulators/escpos/codepages.js';
import { EscPosDecoder, type PaperElement } from '../simulators/escpos/decoder.js';
import { elementText } from '../simulators/escpos/virtual-printer.js';
import { drawerKick } from './commands.js';
import { PROFILES, profileWith, type PrinterProfile } from './profiles.js';
import { printable, renderCodePageTest, renderEscPos, RenderError, TEST_PANGRAM } from './render.js';
import { MILK_RECEIPT, MILK_RECEIPT_32 } from './test-support/receipt.js';

/** Decodes bytes the way the virtual printer does, without a link in between. */
function decode(bytes: Uint8Array, codePages: Record<number, 'cp437' | 'cp866' | 'windows1251'> = FIRMWARE_CODE_PAGES.epson) {
  const paper: PaperElement[] = [];
  const unknown: number[][] = [];
  const queries: number[] = [];
  const d = new EscPosDecoder({ element: (e) => paper.push(e), statusQuery: (n) => queries.push(n), unknown: (b) => unknown.push(b) }, codePages);
  d.push(bytes);
  const lines = paper.map(elementText).filter((t): t is string => t !== null);
  return { paper, unknown, queries, lines };
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const contains = (bytes: Uint8Array, part: number[]) => hex(bytes).includes(Buffer.from(part).toString('hex'));

describe('renderEscPos', () => {
  const p58: PrinterProfile = profileWith('pos-5890', { cutter: true });

  it('prints the Russian receipt on 58 mm line by line, as the core lays it out', () => {
    const out = decode(renderEscPos(MILK_RECEIPT, p58));
    expect(out.unknown).toEqual([]);
    const cut = out.paper.findIndex((e) => e.kind === 'cut');
    expect(out.paper.slice(0, cut).map(elementText)).toEqual(MILK_RECEIPT_32);
    expect(out.paper[cut]).toEqual({ kind: 'cut', partial: true });
  });

  it('starts with ESC @, selects the profile code page (ESC t 17) and sends cp866', () => {
    const bytes = renderEscPos({ items: [{ kind: 'text', text: 'Молоко' }] }, PROFILES['pos-5890']);
    expect([...bytes.slice(0, 2)]).toEqual([0x1b, 0x40]);
    expect(contains(bytes, [0x1b, 0x74, 17, 0x8c, 0xae, 0xab, 0xae, 0xaa, 0xae])).toBe(true);
  });

  it('sends windows-1251 with its own number when the profile says so', () => {
    const profile = profileWith('epson-80', { codePage: { number: 46, encoding: 'windows1251' } });
    const bytes = renderEscPos({ items: [{ kind: 'text', text: 'Молоко' }] }, profile);
    expect(contains(bytes, [0x1b, 0x74, 46, 0xcc, 0xee, 0xeb, 0xee, 0xea, 0xee])).toBe(true);
    expect(decode(bytes).lines).toEqual(['Молоко']);
  });

  it('marks bold and double lines, and halves the width of double text', () => {
    const doc: PrintDoc = {
      items: [
        { kind: 'text', text: 'Жирный', bold: true },
        { kind: 'text', text: 'ИТОГ', double: true, align: 'right' },
        { kind: 'pair', left: 'ИТОГ', right: '=1.00', bold: true },
        { kind: 'text', text: 'обычный' },
      ],
    };
    const lines = decode(renderEscPos(doc, PROFILES['pos-5890'])).paper.filter((e) => e.kind === 'line');
    expect(lines).toEqual([
      { kind: 'line', text: 'Жирный', bold: true, double: false, align: 'left' },
      { kind: 'line', text: ' '.repeat(12) + 'ИТОГ', bold: false, double: true, align: 'left' },
      { kind: 'line', text: 'ИТОГ' + ' '.repeat(23) + '=1.00', bold: true, double: false, align: 'left' },
      { kind: 'line', text: 'обычный', bold: false, double: false, align: 'left' },
    ]);
  });

  it('lays out 42 and 48 columns for 80 mm paper', () => {
    const doc: PrintDoc = { items: [{ kind: 'pair', left: 'Сметана 20% «Домик в деревне» 300 г', right: '=129.90' }, { kind: 'rule' }] };
    const l42 = decode(renderEscPos(doc, PROFILES['epson-80'])).lines;
    const l48 = decode(renderEscPos(doc, PROFILES['xprinter-80'])).lines;
    expect(l42).toEqual(['Сметана 20% "Домик в деревне" 300  =129.90', '-'.repeat(42)]);
    expect(l48).toEqual(['Сметана 20% "Домик в деревне" 300 г      =129.90', '-'.repeat(48)]);
    expect(l42[0]).toHaveLength(42);
    expect(l48[0]).toHaveLength(48);
  });

  it('drops control characters from shop data, so a name cannot send commands', () => {
    const bytes = renderEscPos({ items: [{ kind: 'text', text: 'Сок\x1bp\x00\x19\xfa яблочный' }] }, PROFILES['pos-5890']);
    const out = decode(bytes);
    expect(out.paper.filter((e) => e.kind === 'drawer')).toEqual([]);
    expect(out.lines).toEqual(['Сок p  ? яблочный']);
    expect(printable('«Ёлка» — 100 ₽…')).toBe('"Ёлка" - 100 Р.');
  });

  it('prints CODE128 (with a literal "{") and EAN-13, check digit added or verified', () => {
    const doc: PrintDoc = {
      items: [
        { kind: 'barcode', symbology: 'code128', data: 'R000000012' },
        { kind: 'barcode', symbology: 'code128', data: 'A{B}' },
        { kind: 'barcode', symbology: 'ean13', data: '4607001771524' },
        { kind: 'barcode', symbology: 'ean13', data: '460700177152' },
      ],
    };
    const bytes = renderEscPos(doc, PROFILES['xprinter-80']);
    // GS k 73 n "{B" data — function B with a length byte
    expect(contains(bytes, [0x1d, 0x6b, 73, 12, 0x7b, 0x42, ...Buffer.from('R000000012')])).toBe(true);
    // GS k 2 with the 12-digit body, NUL-terminated
    expect(contains(bytes, [0x1d, 0x6b, 2, ...Buffer.from('460700177152'), 0])).toBe(true);
    expect(decode(bytes).paper.filter((e) => e.kind === 'barcode')).toEqual([
      { kind: 'barcode', symbology: 'code128', data: 'R000000012' },
      { kind: 'barcode', symbology: 'code128', data: 'A{B}' },
      { kind: 'barcode', symbology: 'ean13', data: '4607001771524' },
      { kind: 'barcode', symbology: 'ean13', data: '4607001771524' },
    ]);
  });

  it('refuses a bad EAN-13 or non-ASCII CODE128 rather than print a code nobody can scan', () => {
    const bad = (data: string, symbology: 'ean13' | 'code128') => () => renderEscPos({ items: [{ kind: 'barcode', symbology, data }] }, PROFILES['pos-5890']);
    expect(bad('4607001771525', 'ean13')).toThrow(RenderError);
    expect(bad('46070017715', 'ean13')).toThrow(RenderError);
    expect(bad('Чек12', 'code128')).toThrow(RenderError);
  });

  it('sizes barcode modules to the paper: narrower on 58 mm', () => {
    const doc: PrintDoc = { items: [{ kind: 'barcode', symbology: 'code128', data: 'R000000012' }] };
    const gsW = (b: Uint8Array) => b[b.findIndex((x, i) => x === 0x1d && b[i + 1] === 0x77) + 2];
    expect(gsW(renderEscPos(doc, PROFILES['pos-5890']))).toBe(2);
    expect(gsW(renderEscPos(doc, PROFILES['xprinter-80']))).toBe(3);
  });

  it('prints QR codes, Latin through the encoder and Cyrillic as UTF-8', () => {
    const doc: PrintDoc = { items: [{ kind: 'qr', data: 'https://lavka.example/r/12' }, { kind: 'qr', data: 'Чек 12 на 233,80 ₽' }] };
    const out = decode(renderEscPos(doc, PROFILES['epson-80']));
    expect(out.paper.filter((e) => e.kind === 'qr')).toEqual([
      { kind: 'qr', data: 'https://lavka.example/r/12' },
      { kind: 'qr', data: 'Чек 12 на 233,80 ₽' },
    ]);
  });

  it('cuts only on printers with a cutter', () => {
    const doc: PrintDoc = { items: [{ kind: 'text', text: 'x' }, { kind: 'cut' }] };
    expect(decode(renderEscPos(doc, PROFILES['epson-80'])).paper.some((e) => e.kind === 'cut')).toBe(true);
    expect(decode(renderEscPos(doc, PROFILES['pos-5890'])).paper.some((e) => e.kind === 'cut')).toBe(false);
  });

  it('feeds the asked number of lines', () => {
    expect(decode(renderEscPos({ items: [{ kind: 'feed', lines: 4 }] }, PROFILES['pos-5890'])).lines).toEqual(['', '', '', '']);
  });
});

describe('drawer kick', () => {
  it('is all five bytes of ESC p m t1 t2, times in 2 ms units', () => {
    expect([...drawerKick({ pin: 0, onMs: 100, offMs: 500 })]).toEqual([0x1b, 0x70, 0, 50, 250]);
    expect([...drawerKick({ pin: 1, onMs: 2000, offMs: 0 })]).toEqual([0x1b, 0x70, 1, 255, 1]);
  });

  it('goes first when asked with a receipt, and decodes back', () => {
    const bytes = renderEscPos({ items: [{ kind: 'text', text: 'Чек' }] }, PROFILES['epson-80'], { openDrawer: true });
    // after ESC @ and the encoder's own set-up (FS ., ESC M 0), before any text
    expect(hex(bytes)).toMatch(/^1b401c2e1b4d00(1b74..)?1b700032fa/);
    expect(decode(bytes).paper[0]).toEqual({ kind: 'drawer', pin: 0, onMs: 100, offMs: 500 });
  });
});

describe('code page test page', () => {
  it('prints the pangram once per candidate; the right number reads right on this firmware', () => {
    const profile = PROFILES['xprinter-58'];
    const lines = decode(renderCodePageTest(profile), FIRMWARE_CODE_PAGES.xprinter).lines;
    const block = (label: string) => {
      const at = lines.indexOf(label);
      expect(at).toBeGreaterThan(0);
      return lines.slice(at + 1, at + 3).join('');
    };
    expect(block('ESC t 17 (cp866):')).toBe(TEST_PANGRAM);
    expect(block('ESC t 23 (windows1251):')).toBe(TEST_PANGRAM);
    expect(block('ESC t 7 (cp866):')).not.toBe(TEST_PANGRAM);
    expect(block('ESC t 46 (windows1251):')).not.toBe(TEST_PANGRAM);
    expect(lines.filter((l) => l.startsWith('ESC t '))).toHaveLength(profile.codePageCandidates.length);
  });

  it('finds the budget firmware numbering too', () => {
    const lines = decode(renderCodePageTest(PROFILES['pos-5890']), FIRMWARE_CODE_PAGES.budget).lines;
    const at = lines.indexOf('ESC t 7 (cp866):');
    expect(lines.slice(at + 1, at + 3).join('')).toBe(TEST_PANGRAM);
  });
});
