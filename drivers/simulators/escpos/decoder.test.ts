import { describe, expect, it } from 'vitest';
import { renderEscPos } from '../../escpos/render.js';
import { PROFILES, profileWith } from '../../escpos/profiles.js';
import { MILK_RECEIPT } from '../../escpos/test-support/receipt.js';
import { decodeCode128, EscPosDecoder, type PaperElement } from './decoder.js';
import { FIRMWARE_CODE_PAGES, type SimCodePage } from './codepages.js';

function run(chunks: Uint8Array[], codePages: Readonly<Record<number, SimCodePage>> = FIRMWARE_CODE_PAGES.epson) {
  const paper: PaperElement[] = [];
  const unknown: number[][] = [];
  const queries: number[] = [];
  const d = new EscPosDecoder({ element: (e) => paper.push(e), statusQuery: (n) => queries.push(n), unknown: (u) => unknown.push(u) }, codePages);
  for (const c of chunks) d.push(c);
  return { paper, unknown, queries };
}

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('EscPosDecoder', () => {
  it('decodes the same whether bytes come at once or one by one (commands split across reads)', () => {
    const all = renderEscPos(MILK_RECEIPT, profileWith('epson-80', { cutter: true }));
    const whole = run([all]);
    const trickle = run([...all].map((b) => Uint8Array.of(b)));
    expect(trickle.paper).toEqual(whole.paper);
    expect(whole.unknown).toEqual([]);
  });

  it('decodes cp866 and windows-1251 by ESC t, and garbles an unknown page like a printer would', () => {
    const out = run([bytes([0x1b, 0x74, 17, 0x8c, 0xa8, 0xe0, 0x0a, 0x1b, 0x74, 46, 0xcc, 0xe8, 0xf0, 0x0a, 0x1b, 0x74, 99, 0x8c, 0xa8, 0xe0, 0x0a])]);
    expect(out.paper.map((e) => (e.kind === 'line' ? e.text : ''))).toEqual(['Мир', 'Мир', 'î¿α']);
  });

  it('resets the code page, bold and size on ESC @', () => {
    const out = run([bytes([0x1b, 0x74, 17, 0x1b, 0x45, 1, 0x1d, 0x21, 0x11, 0x1b, 0x40, 0x8c, 0x0a])]);
    expect(out.paper).toEqual([{ kind: 'line', text: 'î', bold: false, double: false, align: 'left' }]);
  });

  it('reads ESC ! print modes and ESC a alignment', () => {
    const out = run([bytes([0x1b, 0x21, 0x38, 0x1b, 0x61, 1], 'BIG', [0x0a])]);
    expect(out.paper).toEqual([{ kind: 'line', text: 'BIG', bold: true, double: true, align: 'center' }]);
  });

  it('decodes CODE128 code sets, escapes and FNC1', () => {
    expect(decodeCode128([...Buffer.from('{BAB{{C')])).toBe('AB{C');
    expect(decodeCode128([...Buffer.from('{C'), 1, 23, 45])).toBe('012345');
    expect(decodeCode128([...Buffer.from('{A{101'), ...Buffer.from('{C'), 46, 7, ...Buffer.from('{1'), ...Buffer.from('{B21x')])).toBe('014607\x1d21x');
  });

  it('reads function A barcodes and completes EAN-8 / UPC-A check digits', () => {
    const out = run([bytes([0x1d, 0x6b, 3], '4607001', [0], [0x1d, 0x6b, 0], '03600029145', [0])]);
    expect(out.paper).toEqual([
      { kind: 'barcode', symbology: 'ean8', data: '46070012' },
      { kind: 'barcode', symbology: 'upca', data: '036000291452' },
    ]);
  });

  it('skips raster images by their length and reports them', () => {
    const img = bytes([0x1d, 0x76, 0x30, 0, 2, 0, 3, 0], [0x0a, 0x1b, 0x40, 0x10, 0x04], [0, 0, 0], 'ok', [0x0a]);
    const out = run([img]);
    expect(out.paper).toEqual([{ kind: 'image', width: 16, height: 3 }, { kind: 'line', text: 'ok', bold: false, double: false, align: 'left' }]);
    expect(out.queries).toEqual([]);
  });

  it('hands DLE EOT to the printer to answer, and records unknown commands', () => {
    const out = run([bytes([0x10, 0x04, 1, 0x10, 0x04, 4, 0x1b, 0x7e, 0x1d, 0x7e], 'x', [0x0a])]);
    expect(out.queries).toEqual([1, 4]);
    expect(out.unknown).toEqual([[0x1b, 0x7e], [0x1d, 0x7e]]);
  });

  it('takes GS V with and without a feed, and ESC p as a drawer kick', () => {
    const out = run([bytes([0x1d, 0x56, 0, 0x1d, 0x56, 66, 3, 0x1b, 0x70, 1, 25, 100])]);
    expect(out.paper).toEqual([
      { kind: 'cut', partial: false },
      { kind: 'cut', partial: true },
      { kind: 'drawer', pin: 1, onMs: 50, offMs: 200 },
    ]);
  });

  it('reads a 58 mm receipt on a budget firmware once the profile has its number', () => {
    const profile = profileWith('pos-5890', { codePage: { number: 7, encoding: 'cp866' } });
    const out = run([renderEscPos({ items: [{ kind: 'text', text: 'Ряженка 4%' }] }, profile)], FIRMWARE_CODE_PAGES.budget);
    expect(out.paper[0]).toMatchObject({ kind: 'line', text: 'Ряженка 4%' });
    expect(PROFILES['pos-5890'].columns).toBe(32);
  });
});
