import { describe, expect, it } from 'vitest';
import { QTY_DEVICE_SCALE, readDateTime, readQtyMilli, readSum, readUint, writeDateTime, writeQtyMilli, writeSum, writeUint } from './binary.js';
import { ACK, ENQ, NAK, STX, commandBytes, decodeFrame, encodeFrame, lrc, splitCommand } from './frame.js';
import { decodeCp1251, decodeCp866, encodeCp1251, encodeCp866 } from '../../src/shared/codepages.js';
import { decodeTlvs, encodeTlvs, stringTlv, tlvString } from './tlv.js';

describe('frame', () => {
  it('control bytes are the protocol values', () => {
    expect([STX, ENQ, ACK, NAK]).toEqual([0x02, 0x05, 0x06, 0x15]);
  });

  it('LRC is the XOR of LEN, command and data', () => {
    // short status with password 30: LEN 5, 10h, 1E 00 00 00
    const frame = encodeFrame(Uint8Array.of(0x10, 0x1e, 0, 0, 0));
    expect(Array.from(frame)).toEqual([0x02, 0x05, 0x10, 0x1e, 0x00, 0x00, 0x00, 0x05 ^ 0x10 ^ 0x1e]);
    expect(lrc(Uint8Array.of(0x05, 0x10, 0x1e, 0, 0, 0))).toBe(0x0b);
  });

  it('two-byte commands count both bytes in LEN', () => {
    const frame = encodeFrame(Uint8Array.of(...commandBytes(0xff01), 0x1e, 0, 0, 0));
    expect(frame[1]).toBe(6);
    expect(Array.from(frame.subarray(2, 4))).toEqual([0xff, 0x01]);
    expect(splitCommand(frame.subarray(2, frame.length - 1))).toEqual({ code: 0xff01, rest: Uint8Array.of(0x1e, 0, 0, 0) });
    expect(splitCommand(Uint8Array.of(0x10, 7)).code).toBe(0x10);
  });

  it('decodes what it encodes and catches damage', () => {
    const frame = encodeFrame(Uint8Array.of(0xfc));
    expect(decodeFrame(frame)).toEqual({ ok: true, payload: Uint8Array.of(0xfc) });
    const bad = frame.slice();
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 1;
    expect(decodeFrame(bad)).toEqual({ ok: false, reason: 'bad LRC' });
    expect(decodeFrame(frame.subarray(0, 3)).ok).toBe(false);
  });

  it('refuses payloads LEN cannot express', () => {
    expect(() => encodeFrame(new Uint8Array(256))).toThrow(RangeError);
    expect(() => encodeFrame(new Uint8Array())).toThrow(RangeError);
  });
});

describe('binary fields', () => {
  it('integers are little-endian', () => {
    expect(Array.from(writeUint(0x12345678, 4))).toEqual([0x78, 0x56, 0x34, 0x12]);
    expect(readUint(Uint8Array.of(0x78, 0x56, 0x34, 0x12), 0, 4)).toBe(0x12345678);
  });

  it('sums are 5 bytes of kopecks, up to 2^40 - 1', () => {
    expect(Array.from(writeSum(123_456))).toEqual([0x40, 0xe2, 0x01, 0, 0]);
    expect(readSum(writeSum(2 ** 40 - 1), 0)).toBe(2 ** 40 - 1);
    expect(() => writeSum(2 ** 40)).toThrow(RangeError);
    expect(() => writeSum(-1)).toThrow(RangeError);
    expect(() => writeSum(1.5)).toThrow(RangeError);
  });

  it('quantity is 6 bytes with six decimals: 1 piece = 1000 of ours = 1 000 000 on the wire', () => {
    expect(readUint(writeQtyMilli(1000), 0, 6)).toBe(QTY_DEVICE_SCALE);
    expect(readUint(writeQtyMilli(1), 0, 6)).toBe(1000);
    expect(writeQtyMilli(250).length).toBe(6);
    expect(readQtyMilli(writeQtyMilli(1234), 0)).toBe(1234);
    expect(() => readQtyMilli(writeUint(1500, 6), 0)).toThrow(RangeError);
  });

  it('DATE_TIME is YY MM DD hh mm', () => {
    const d = new Date(2026, 0, 31, 23, 59);
    expect(Array.from(writeDateTime(d))).toEqual([26, 1, 31, 23, 59]);
    expect(readDateTime(writeDateTime(d), 0).getTime()).toBe(d.getTime());
    expect(() => readDateTime(Uint8Array.of(26, 13, 1, 0, 0), 0)).toThrow(RangeError);
  });
});

describe('code pages', () => {
  const sample = 'Молоко «Домик» 3,2% №5 ёЁ — 1 л';

  it('CP1251 round-trips Russian text and agrees with the platform decoder', () => {
    const bytes = encodeCp1251(sample);
    expect(bytes.length).toBe(sample.length);
    expect(decodeCp1251(bytes)).toBe(sample);
    expect(new TextDecoder('windows-1251').decode(bytes)).toBe(sample);
  });

  it('the whole CP1251 upper half matches the platform decoder', () => {
    const all = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i).filter((b) => b !== 0x98);
    expect(decodeCp1251(all)).toBe(new TextDecoder('windows-1251').decode(all));
    expect(Array.from(encodeCp1251(decodeCp1251(all)))).toEqual(Array.from(all));
  });

  it('the whole CP866 upper half matches the platform decoder', () => {
    const all = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
    expect(decodeCp866(all)).toBe(new TextDecoder('ibm866').decode(all));
    expect(Array.from(encodeCp866(decodeCp866(all)))).toEqual(Array.from(all));
  });

  it('known letters land where the tables say', () => {
    expect(Array.from(encodeCp1251('Аяё'))).toEqual([0xc0, 0xff, 0xb8]);
    expect(Array.from(encodeCp866('Аяё'))).toEqual([0x80, 0xef, 0xf1]);
  });

  it('characters outside the page become ?', () => {
    expect(decodeCp1251(encodeCp1251('чай 🍵'))).toBe('чай ?');
  });
});

describe('TLV', () => {
  it('tag and length are 2-byte little-endian, strings are CP866', () => {
    const t = stringTlv(1021, 'Кассир Иванова', 64);
    const bytes = encodeTlvs([t]);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0xfd, 0x03, 14, 0]);
    const [back] = decodeTlvs(bytes);
    expect(back?.tag).toBe(1021);
    expect(back && tlvString(back)).toBe('Кассир Иванова');
  });

  it('cuts strings to the tag limit and rejects a truncated block', () => {
    expect(stringTlv(1008, 'x'.repeat(100), 64).value.length).toBe(64);
    const bytes = encodeTlvs([stringTlv(1008, 'a@b.ru', 64)]);
    expect(() => decodeTlvs(bytes.subarray(0, bytes.length - 1))).toThrow(RangeError);
  });
});
