import { describe, expect, it } from 'vitest';
import { classifyBarcode } from './classify.js';
import { makeWeightBarcode } from './weight.js';
import { formatGs1, gs1Date, GS, humanReadable, lookupAi, parseGs1, parseElements, type Gs1Code } from './gs1.js';

// Real-looking marking codes. GTINs have valid check digits; crypto parts are made up.
const MILK_GTIN = '04607009780870';
const SHOES_GTIN = '04601234567893';
const TOBACCO_GTIN = '04602660032016';
const WATER_GTIN = '04620012345676';
const CHEESE_GTIN = '04650012345000';
const CODE44 = 'MDEGCCqGSM49AwEHA0IABGx+7y/QpLk2ZlAw9nTr3Q==';
const CODE88 = CODE44 + 'dGVzdC1jcnlwdG8tdGFpbC1mb3ItbGF2a2EtdGVzdHM=';

/** milk: 01 GTIN, 21 serial (6), GS, 93 crypto tail (4) */
const milk = (gs: string) => `01${MILK_GTIN}21"!5a<X${gs}93dGVz`;
/** shoes: 01 GTIN, 21 serial (13), GS, 91 key (4), GS, 92 code (44) */
const shoes = (gs: string) => `01${SHOES_GTIN}215'&Wd:<8.GJ;L${gs}91EE06${gs}92${CODE44}`;

function ok(raw: string): Gs1Code {
  const r = parseGs1(raw);
  if (!r.ok) throw new Error(`did not parse: ${r.error}`);
  return r.code;
}

describe('test data', () => {
  it('has the lengths the formats call for', () => {
    expect(CODE44).toHaveLength(44);
    expect(CODE88).toHaveLength(88);
    expect(milk('')).toHaveLength(30);
    expect(shoes('')).toHaveLength(83);
  });
});

describe('parseGs1: marking codes with GS separators', () => {
  it('reads a milk code', () => {
    const c = ok(milk(GS));
    expect(c.fields).toEqual({ gtin: MILK_GTIN, serial: '"!5a<X', cryptoTail: 'dGVz' });
    expect(c.layout).toBe('serial6-tail');
    expect(c.recovered).toBe(false);
    expect(c.symbology).toBeNull();
  });

  it('reads a shoes code with key and 44-character code', () => {
    const c = ok(shoes(GS));
    expect(c.elements.map((e) => e.ai)).toEqual(['01', '21', '91', '92']);
    expect(c.fields).toEqual({ gtin: SHOES_GTIN, serial: "5'&Wd:<8.GJ;L", cryptoKey: 'EE06', cryptoCode: CODE44 });
    expect(c.layout).toBe('serial13-key-code44');
  });

  it('reads an 88-character verification code', () => {
    const c = ok(`01${SHOES_GTIN}21ABCDEFGHIJKLM${GS}91FFD0${GS}92${CODE88}`);
    expect(c.fields.cryptoCode).toBe(CODE88);
    expect(c.layout).toBe('serial13-key-code88');
  });

  it('reads a tobacco block: serial 7, maximum retail price 8005, tail 93', () => {
    const c = ok(`01${TOBACCO_GTIN}21-o<pA5t${GS}8005015900${GS}93Ab1+`);
    expect(c.fields).toEqual({ gtin: TOBACCO_GTIN, serial: '-o<pA5t', price: '015900', cryptoTail: 'Ab1+' });
    expect(c.layout).toBe('serial7-price-tail');
  });

  it('reads dairy sold by weight: 3103 in grams', () => {
    const c = ok(`01${CHEESE_GTIN}21aB3dE5${GS}93xY12${GS}3103000415`);
    expect(c.fields.netWeightGrams).toBe(415);
    expect(c.layout).toBe('serial6-tail-weight');
  });
});

describe('parseGs1: prefixes and FNC1 forms', () => {
  it.each([
    [']d2', ']d2' + milk(GS)],
    [']C1', ']C1' + milk(GS)],
    [']Q3', ']Q3' + milk(GS)],
  ])('strips %s', (prefix, raw) => {
    const c = ok(raw);
    expect(c.symbology).toBe(prefix);
    expect(c.fields.serial).toBe('"!5a<X');
  });

  it('takes a leading GS (FNC1 sent as GS), with or without ]d2, and a trailing CR/LF', () => {
    expect(ok(GS + shoes(GS)).fields.cryptoKey).toBe('EE06');
    expect(ok(']d2' + GS + shoes(GS) + '\r\n').fields.cryptoCode).toBe(CODE44);
  });
});

describe('parseGs1: separators lost by the scanner', () => {
  it('recovers a milk code without GS (serial 6 known for dairy)', () => {
    const c = ok(milk(''));
    expect(c.fields).toEqual({ gtin: MILK_GTIN, serial: '"!5a<X', cryptoTail: 'dGVz' });
    expect(c.recovered).toBe(true);
  });

  it('recovers a shoes code without GS, also behind ]d2', () => {
    const c = ok(']d2' + shoes(''));
    expect(c.fields).toEqual({ gtin: SHOES_GTIN, serial: "5'&Wd:<8.GJ;L", cryptoKey: 'EE06', cryptoCode: CODE44 });
    expect(c.recovered).toBe(true);
    expect(c.symbology).toBe(']d2');
  });

  it('recovers when only some GS were lost', () => {
    const c = ok(`01${SHOES_GTIN}215'&Wd:<8.GJ;L${GS}91EE0692${CODE44}`);
    expect(c.fields.cryptoKey).toBe('EE06');
    expect(c.recovered).toBe(true);
  });

  it('recovers packaged water (serial 13, tail 93) and a tobacco block', () => {
    expect(ok(`01${WATER_GTIN}21AbCdEfGhIjKlM93zz9+`).fields).toEqual({ gtin: WATER_GTIN, serial: 'AbCdEfGhIjKlM', cryptoTail: 'zz9+' });
    expect(ok(`01${TOBACCO_GTIN}21-o<pA5t800501590093Ab1+`).fields.price).toBe('015900');
  });

  it('reads the 29-character cigarette pack code (no AIs at all)', () => {
    const c = ok(`${TOBACCO_GTIN}-o<pA5tAAB/zr4K`);
    expect(c.layout).toBe('tobacco-pack');
    expect(c.fields).toEqual({ gtin: TOBACCO_GTIN, serial: '-o<pA5t', price: 'AAB/', cryptoTail: 'zr4K' });
  });

  it('does not invent a layout when a GS sits where the layout has no boundary', () => {
    // a 6-character serial, but the GS says the serial ended after 4 characters
    const r = parseGs1(`01${MILK_GTIN}21"!5a${GS}<X93dGVz`);
    expect(r.ok).toBe(false);
  });

  it('says a separator is missing when no layout fits', () => {
    const r = parseGs1(`01${MILK_GTIN}21${'A'.repeat(24)}`);
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/GS separator is probably missing/) });
  });
});

describe('parseGs1: general element strings', () => {
  it('reads GTIN, expiry, batch and weight from a GS1-128 label', () => {
    const c = ok(`]C101${CHEESE_GTIN}17260531${'3103'}00125010LOT-42/7`);
    expect(c.fields).toEqual({ gtin: CHEESE_GTIN, expiry: '2026-05-31', netWeightGrams: 1250, batch: 'LOT-42/7' });
    expect(c.layout).toBeNull();
  });

  it('reads a batch in the middle, ended by GS', () => {
    const c = ok(`01${MILK_GTIN}10B-2025/11${GS}17251100`);
    expect(c.fields.batch).toBe('B-2025/11');
    expect(c.fields.expiry).toBe('2025-11-30'); // day 00: end of the month
  });

  it('converts 310n decimals to grams', () => {
    expect(ok(`01${CHEESE_GTIN}3102001234`).fields.netWeightGrams).toBe(12340);
    expect(ok(`01${CHEESE_GTIN}3105001234`).fields.netWeightGrams).toBe(12);
  });

  it('rejects a wrong GTIN check digit, a bad date, an unknown AI, a short fixed field', () => {
    expect(parseGs1(`0104607009780871${'21'}ABC`)).toMatchObject({ ok: false, error: expect.stringMatching(/check digit/) });
    expect(parseGs1(`01${MILK_GTIN}17251332`)).toMatchObject({ ok: false, error: expect.stringMatching(/not a date/) });
    expect(parseGs1(`01${MILK_GTIN}23ABC`)).toMatchObject({ ok: false, error: expect.stringMatching(/unknown AI/) });
    expect(parseGs1('0104607')).toMatchObject({ ok: false, error: expect.stringMatching(/needs 14/) });
    expect(parseGs1(']d2')).toMatchObject({ ok: false, error: 'empty code' });
  });

  it('rejects characters outside the GS1 set (e.g. Cyrillic from a wrong keyboard layout)', () => {
    expect(parseGs1(`01${MILK_GTIN}21ЙЦУКЕН`)).toMatchObject({ ok: false });
  });

  it('looks up 2-, 3- and 4-digit AIs', () => {
    expect(lookupAi('01', 0)?.fixed).toBe(14);
    expect(lookupAi('240X', 0)?.aiLength).toBe(3);
    expect(lookupAi('3103', 0)?.fixed).toBe(6);
    expect(lookupAi('8005', 0)?.title).toBe('PRICE PER UNIT');
    expect(lookupAi('23', 0)).toBeNull();
    expect(parseElements(`93ab${GS}91cd`)).toEqual({ elements: [
      { ai: '93', value: 'ab', title: 'INTERNAL' },
      { ai: '91', value: 'cd', title: 'INTERNAL' },
    ] });
  });

  it('formats back to the canonical string with GS only after variable fields', () => {
    const c = ok(']d2' + shoes(''));
    expect(formatGs1(c.elements)).toBe(shoes(GS));
    expect(formatGs1(ok(milk('')).elements)).toBe(milk(GS));
    expect(humanReadable(ok(milk(GS)).elements)).toBe(`(01)${MILK_GTIN}(21)"!5a<X(93)dGVz`);
  });

  it('handles GS1 dates', () => {
    expect(gs1Date('240229')).toBe('2024-02-29');
    expect(gs1Date('250229')).toBeNull();
    expect(gs1Date('250200')).toBe('2025-02-28');
  });
});

describe('classifyBarcode', () => {
  it('tells EAN-13, EAN-8 and UPC-A apart and checks digits', () => {
    expect(classifyBarcode('4607009780870')).toEqual({ kind: 'ean13', code: '4607009780870' });
    expect(classifyBarcode('4607009780871')).toEqual({ kind: 'unknown', code: '4607009780871', reason: 'check digit' });
    expect(classifyBarcode('46070012')).toEqual({ kind: 'ean8', code: '46070012' });
    expect(classifyBarcode('036000291452')).toEqual({ kind: 'upc', code: '036000291452', ean13: '0036000291452' });
    expect(classifyBarcode('036000291453').kind).toBe('unknown');
  });

  it('reads in-store weight barcodes by the layout', () => {
    const cheese = makeWeightBarcode('22', '123', 1234);
    expect(cheese).toBe('2200123012340');
    expect(classifyBarcode(cheese)).toEqual({ kind: 'weight', code: cheese, plu: '123', weight: 1234 });
    const layout = { template: 'PCCCCCCWWWWWK', prefixes: ['2'] };
    expect(classifyBarcode(makeWeightBarcode('2', '777', 456, layout), { weightLayout: layout })).toMatchObject({ kind: 'weight', plu: '777', weight: 456 });
    // prefix 20–29 but a layout without it: an ordinary in-store EAN-13
    expect(classifyBarcode(cheese, { weightLayout: { template: 'PPCCCCCWWWWWK', prefixes: ['27'] } }).kind).toBe('ean13');
  });

  it('reads marking codes as datamatrix with the catalogue EAN-13', () => {
    const r = classifyBarcode(']d2' + milk(GS));
    expect(r.kind).toBe('datamatrix');
    if (r.kind !== 'datamatrix') return;
    expect(r.gtin).toBe(MILK_GTIN);
    expect(r.ean13).toBe('4607009780870');
    expect(r.gs1.fields.cryptoTail).toBe('dGVz');
    expect(classifyBarcode(shoes('')).kind).toBe('datamatrix');
    expect(classifyBarcode(`${TOBACCO_GTIN}-o<pA5tAAB/zr4K`)).toMatchObject({ kind: 'datamatrix', ean13: '4602660032016' });
  });

  it('calls anything else unknown, with a reason', () => {
    expect(classifyBarcode('R000000012')).toEqual({ kind: 'unknown', code: 'R000000012', reason: 'not a retail barcode' });
    expect(classifyBarcode(`01${MILK_GTIN}21${'A'.repeat(24)}`)).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/GS/) });
    expect(classifyBarcode('')).toMatchObject({ kind: 'unknown' });
  });
});
