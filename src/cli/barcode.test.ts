import { describe, expect, it } from 'vitest';
import { makeWeightBarcode } from '../shared/barcode/weight.js';
import { withCheckDigit } from '../shared/barcode/ean.js';
import { barcodeCommand, unescapeGs } from './barcode.js';
import type { CliOutput } from './output.js';

function run(...argv: string[]): { code: number; out: string; err: string; readonly json: Record<string, unknown> } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliOutput = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = barcodeCommand(argv, io);
  const text = out.join('\n');
  return {
    code, out: text, err: err.join('\n'),
    get json() {
      return JSON.parse(text) as Record<string, unknown>;
    },
  };
}

const MILK_GTIN = '04607009780870';
/** milk: 01 GTIN, 21 serial (6), GS, 93 crypto tail (4) */
const milk = (gs: string) => `01${MILK_GTIN}21"!5a<X${gs}93dGVz`;
const SHOES_GTIN = '04601234567893';
const CODE44 = 'MDEGCCqGSM49AwEHA0IABGx+7y/QpLk2ZlAw9nTr3Q==';

describe('lavka barcode parse', () => {
  it('reads an EAN-13', () => {
    const ean = withCheckDigit('460700177152');
    const r = run('parse', ean);
    expect(r.code).toBe(0);
    expect(r.json).toEqual({ kind: 'ean13', code: ean });
  });

  it('reads a weight label: PLU and grams', () => {
    const code = makeWeightBarcode('22', '123', 1_350);
    const r = run('parse', code);
    expect(r.code).toBe(0);
    expect(r.json).toEqual({ kind: 'weight', code, plu: '123', weightGrams: 1_350, weightKg: '1.350' });
  });

  it.each([
    ['a real GS', milk('\x1d')],
    ['\\x1d typed out', milk('\\x1d')],
    ['\\u001d typed out', milk('\\u001d')],
    ['<GS> typed out', milk('<GS>')],
    ['the GS lost by the scanner', milk('')],
  ])('reads a milk marking code with %s', (_name, arg) => {
    const r = run('parse', arg);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({
      kind: 'datamatrix', gtin: MILK_GTIN, ean13: MILK_GTIN.slice(1), serial: '"!5a<X', cryptoTail: 'dGVz',
      layout: 'serial6-tail', recovered: arg === milk(''), canonical: milk('\x1d'),
      humanReadable: `(01)${MILK_GTIN}(21)"!5a<X(93)dGVz`,
    });
  });

  it('reads a shoes code with a scanner prefix: key and 44-character verification code', () => {
    const r = run('parse', `]d2\\x1d01${SHOES_GTIN}215'&Wd:<8.GJ;L<GS>91EE06<GS>92${CODE44}`);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ kind: 'datamatrix', gtin: SHOES_GTIN, serial: "5'&Wd:<8.GJ;L", cryptoKey: 'EE06', cryptoCode: CODE44, symbology: ']d2' });
  });

  it('exits 1 on an unknown code, still printing JSON with the reason', () => {
    const bad = run('parse', '4607001771525');
    expect(bad.code).toBe(1);
    expect(bad.json).toEqual({ kind: 'unknown', code: '4607001771525', reason: 'check digit' });
    expect(run('parse', 'hello').json).toMatchObject({ kind: 'unknown', reason: 'not a retail barcode' });
  });

  it('exits 2 with the usage when called wrongly, 0 for --help', () => {
    expect(run().code).toBe(2);
    expect(run('parse').err).toMatch(/needs the CODE/);
    expect(run('parse', 'a', 'b').code).toBe(2);
    expect(run('parse', '--weird', 'x').code).toBe(2);
    const help = run('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/lavka barcode parse CODE/);
  });

  it('turns only the typed GS forms into GS', () => {
    expect(unescapeGs('a\\x1Db<gs>c\\u001dd')).toBe('a\x1db\x1dc\x1dd');
    expect(unescapeGs('a\\x1eb')).toBe('a\\x1eb');
  });
});
