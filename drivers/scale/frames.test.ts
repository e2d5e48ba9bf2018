import { describe, expect, it } from 'vitest';
import { bcc, encodeCasFrame, parseCasFrame } from './cas-frame.js';
import { decimalToGrams, divisionsToGrams } from './grams.js';
import { ackMassaBody, encodeMassakFrame, massakCrc, parseMassakBody } from './massak-frame.js';

const bytes = (hex: string) => Uint8Array.from(hex.split(/\s+/).filter(Boolean).map((h) => parseInt(h, 16)));
const text = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** SOH STX <body> BCC ETX EOT, written out by hand. */
const cas = (body: string, check: number, soh = 0x01) => Uint8Array.of(soh, 0x02, ...text(body), check, 0x03, 0x04);

describe('CAS ENQ/ACK/DC1 weight frame', () => {
  it('reads a stable 1.234 kg (BCC worked out by hand: 0x65)', () => {
    expect(parseCasFrame(cas('S 01.234kg', 0x65))).toEqual({ kind: 'weight', grams: 1234, stable: true });
  });

  it('reads an unstable negative weight', () => {
    expect(parseCasFrame(cas('U-00.150kg', 0x6e))).toEqual({ kind: 'weight', grams: -150, stable: false });
  });

  it('takes 0x81 for the SOH too, as r_keeper\'s driver does', () => {
    expect(parseCasFrame(cas('S 01.234kg', 0x65, 0x81))).toMatchObject({ grams: 1234 });
  });

  it('reads F in the sign position as overload', () => {
    const body = 'SF99.999kg';
    expect(parseCasFrame(cas(body, bcc(text(body))))).toEqual({ kind: 'overload' });
  });

  it('reads leading spaces, grams and upper-case units', () => {
    expect(parseCasFrame(cas('S  0.335KG', bcc(text('S  0.335KG'))))).toMatchObject({ grams: 335 });
    expect(parseCasFrame(cas('S 001250g ', bcc(text('S 001250g '))))).toMatchObject({ grams: 1250 });
  });

  it('refuses a wrong BCC, a stray status, pounds, a broken weight and bad framing, saying why', () => {
    expect(parseCasFrame(cas('S 01.234kg', 0x66))).toEqual({ kind: 'invalid', why: 'BCC 0x66, computed 0x65' });
    expect(parseCasFrame(cas('X 01.234kg', bcc(text('X 01.234kg'))))).toMatchObject({ kind: 'invalid', why: expect.stringMatching(/status "X"/) });
    expect(parseCasFrame(cas('S 02.500lb', bcc(text('S 02.500lb'))))).toMatchObject({ kind: 'invalid', why: expect.stringMatching(/"lb", not kg/) });
    expect(parseCasFrame(cas('S 0-.234kg', bcc(text('S 0-.234kg'))))).toMatchObject({ kind: 'invalid', why: expect.stringMatching(/weight "0-.234"/) });
    const noEot = cas('S 01.234kg', 0x65);
    noEot[14] = 0x0d;
    expect(parseCasFrame(noEot)).toMatchObject({ kind: 'invalid', why: expect.stringMatching(/framing/) });
    expect(parseCasFrame(noEot.subarray(0, 14))).toMatchObject({ kind: 'invalid', why: 'frame of 14 bytes, not 15' });
  });

  it('the simulator writes the same bytes the parser was checked against', () => {
    expect(encodeCasFrame({ grams: 1234, stable: true })).toEqual(cas('S 01.234kg', 0x65));
    expect(encodeCasFrame({ grams: -150, stable: false })).toEqual(cas('U-00.150kg', 0x6e));
    expect(parseCasFrame(encodeCasFrame({ overload: true, stable: true }))).toEqual({ kind: 'overload' });
  });
});

describe('Massa-K Протокол 100 frame', () => {
  it('computes the CRC of appendix 7.1: a real scale\'s answer checks (7D 42), and a one-byte body is its own CRC', () => {
    expect(massakCrc(bytes('24 0F 00 00 00 01 01 00 00 00 00 00 00'))).toBe(0x427d);
    expect(massakCrc(bytes('23'))).toBe(0x0023);
  });

  it('frames CMD_GET_MASSA as the scale expects it', () => {
    expect(encodeMassakFrame(bytes('23'))).toEqual(bytes('F8 55 CE 01 00 23 23 00'));
  });

  it('reads CMD_ACK_MASSA with and without the tare field', () => {
    expect(parseMassakBody(bytes('24 0F 00 00 00 01 01 00 00 00 00 00 00'))).toEqual({
      kind: 'massa', weight: 15, division: 1, stable: true, net: false, zero: false, tare: 0,
    });
    // -1250 in divisions of 1 g, unstable, net, tare 300
    expect(parseMassakBody(bytes('24 1E FB FF FF 01 00 01 00 2C 01 00 00'))).toEqual({
      kind: 'massa', weight: -1250, division: 1, stable: false, net: true, zero: false, tare: 300,
    });
    expect(parseMassakBody(bytes('24 E8 03 00 00 01 01 00 00'))).toMatchObject({ weight: 1000, tare: null });
  });

  it('reads CMD_ERROR and CMD_NACK, and refuses what is neither', () => {
    expect(parseMassakBody(bytes('28 08'))).toEqual({ kind: 'error', code: 8 });
    expect(parseMassakBody(bytes('F0'))).toEqual({ kind: 'nack' });
    expect(parseMassakBody(bytes('24 01 00'))).toEqual({ kind: 'invalid', why: 'CMD_ACK_MASSA with 3 bytes' });
    expect(parseMassakBody(bytes('76 31 0D 0A'))).toEqual({ kind: 'invalid', why: 'command 0x76' });
  });

  it('the simulator\'s ACK_MASSA body is the layout the parser reads', () => {
    expect(ackMassaBody({ weight: 15, division: 1, stable: true, net: false, zero: false, tare: 0 })).toEqual(bytes('24 0F 00 00 00 01 01 00 00 00 00 00 00'));
  });
});

describe('weights to whole grams', () => {
  it('reads decimal kilograms and grams exactly, rounding a sub-gram digit half up', () => {
    expect(decimalToGrams('0.335', 'kg')).toBe(335);
    expect(decimalToGrams(' 1.25', 'kg')).toBe(1250);
    expect(decimalToGrams('12', 'kg')).toBe(12_000);
    expect(decimalToGrams('1.2345', 'kg')).toBe(1235);
    expect(decimalToGrams('1.2344', 'kg')).toBe(1234);
    expect(decimalToGrams('250.6', 'g')).toBe(251);
    expect(decimalToGrams('.5', 'kg')).toBe(500);
    for (const bad of ['', '.', '1.2.3', '-1', '1e3']) expect(decimalToGrams(bad, 'kg')).toBeNull();
  });

  it('turns Massa-K divisions into grams, tenths rounding half away from zero', () => {
    expect(divisionsToGrams(12_345, 0)).toBe(1235);
    expect(divisionsToGrams(-12_345, 0)).toBe(-1235);
    expect(divisionsToGrams(-12_344, 0)).toBe(-1234);
    expect(divisionsToGrams(1250, 1)).toBe(1250);
    expect(divisionsToGrams(125, 2)).toBe(1250);
    expect(divisionsToGrams(13, 3)).toBe(1300);
    expect(divisionsToGrams(2, 4)).toBe(2000);
    expect(divisionsToGrams(1, 5)).toBeNull();
  });
});
