import { describe, expect, it } from 'vitest';
import { readUint, writeDateTime, writeSum, writeUint, concat } from './binary.js';
import { ShtrihDeviceError, ShtrihProtocolError } from './errors.js';
import { commandBytes } from './frame.js';
import * as P from './protocol.js';
import { ReceiptSchema, paymentSlots, receiptTotal } from './receipt.js';
import { decodeCp1251 } from '../../src/shared/codepages.js';

const answer = (code: number, error: number, ...data: Uint8Array[]): Uint8Array => concat(commandBytes(code), Uint8Array.of(error), ...data);

describe('FF46 operation V2 request', () => {
  const op: P.OperationV2 = { type: 1, qtyMilli: 1500, price: 12_345, sum: null, taxMask: 2, department: 1, paymentMethod: 4, subject: 1, name: 'Сыр' };
  const body = P.operationV2Request(30, op);

  it('lays the fields out in protocol order', () => {
    expect(readUint(body, 0, 4)).toBe(30);
    expect(body[4]).toBe(1);
    expect(readUint(body, 5, 6)).toBe(1_500_000);
    expect(readUint(body, 11, 5)).toBe(12_345);
    expect(readUint(body, 16, 5)).toBe(2 ** 40 - 1); // sum left to the registrar
    expect(readUint(body, 21, 5)).toBe(2 ** 40 - 1); // tax left to the registrar
    expect(Array.from(body.subarray(26, 30))).toEqual([2, 1, 4, 1]);
    expect(decodeCp1251(body.subarray(30))).toBe('Сыр');
  });

  it('fits the documented 160-byte maximum with the longest name', () => {
    const long = P.operationV2Request(30, { ...op, name: 'я'.repeat(300) });
    expect(long.length + 2).toBe(160);
  });
});

describe('FF45 close receipt V2 request', () => {
  it('carries 16 payments, rounding, 6 taxes, the tax system bit, text: 182 bytes at most', () => {
    const payments = Array.from({ length: 16 }, (_, i) => (i === 0 ? 50_000 : i === 1 ? 12_000 : 0));
    const body = P.closeReceiptV2Request(30, { payments, rounding: 7, taxSystemBit: 1, text: 'x'.repeat(100) });
    expect(readUint(body, 4, 5)).toBe(50_000);
    expect(readUint(body, 9, 5)).toBe(12_000);
    expect(body[84]).toBe(7);
    expect(body[115]).toBe(0b10);
    expect(body.length + 2).toBe(182);
  });
});

describe('answer decoders', () => {
  it('short status: mode nibbles, submode, operation count, last print', () => {
    const s = P.decodeShortStatus(answer(0x10, 0, Uint8Array.of(30, 0x82, 0, 0x18, 3, 2, 0x9b, 0x7c, 1, 0, 0, 0, 1, 0)));
    expect(s).toMatchObject({ operator: 30, flags: 0x82, mode: 8, modeStatus: 1, submode: 3, operationsInReceipt: 258, lastPrintResult: 1 });
  });

  it('a non-zero error byte is a device error with the command', () => {
    const e = (() => {
      try {
        P.decodeShortStatus(answer(0x10, 0x4f));
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(ShtrihDeviceError);
    expect((e as ShtrihDeviceError).errorCode).toBe(0x4f);
  });

  it('short or foreign answers are protocol errors, not garbage numbers', () => {
    expect(() => P.decodeShortStatus(answer(0x10, 0, Uint8Array.of(30, 0)))).toThrow(ShtrihProtocolError);
    expect(() => P.decodeShortStatus(answer(0x11, 0, new Uint8Array(20)))).toThrow(/answer is for 11h/);
    expect(() => P.decodeCloseReceipt(answer(0xff45, 0, new Uint8Array(12)))).toThrow(ShtrihProtocolError);
  });

  it('FN status', () => {
    const at = new Date(2026, 2, 1, 10, 30);
    const fn = P.decodeFnStatus(
      answer(0xff01, 0, Uint8Array.of(3, 4, 0, 1, 0), writeDateTime(at), new TextEncoder().encode('9960440300123456'), writeUint(77, 4)),
    );
    expect(fn).toEqual({ lifePhase: 3, currentDocument: 4, documentDataReceived: false, shiftOpen: true, warnings: 0, at, fnNumber: '9960440300123456', lastDocumentNumber: 77 });
  });

  it('FF45 answer with and without the extended date-time', () => {
    const base = concat(writeSum(150), writeUint(12, 4), writeUint(0xdeadbeef, 4));
    expect(P.decodeCloseReceipt(answer(0xff45, 0, base))).toEqual({ change: 150, fiscalDocNumber: 12, fiscalSign: 0xdeadbeef, at: null });
    const at = new Date(2026, 4, 9, 12, 0);
    expect(P.decodeCloseReceipt(answer(0xff45, 0, base, writeDateTime(at))).at).toEqual(at);
  });

  it('FF0A receipt and shift documents', () => {
    const at = new Date(2026, 4, 9, 12, 0);
    const head = (type: number) => concat(Uint8Array.of(type, 0), writeDateTime(at), writeUint(5, 4), writeUint(99, 4));
    expect(P.decodeFoundDocument(answer(0xff0a, 0, head(3), Uint8Array.of(1), writeSum(4_200)))).toMatchObject({ type: 3, receiptType: 1, total: 4_200, fiscalDocNumber: 5 });
    expect(P.decodeFoundDocument(answer(0xff0a, 0, head(2), writeUint(8, 2)))).toMatchObject({ type: 2, shiftNumber: 8 });
    expect(() => P.decodeFoundDocument(answer(0xff0a, 0, head(3)))).toThrow(ShtrihProtocolError);
  });

  it('FF39 with an empty queue has no date', () => {
    expect(P.decodeOfdExchangeStatus(answer(0xff39, 0, Uint8Array.of(0, 0), writeUint(0, 2), writeUint(0, 4), new Uint8Array(5)))).toEqual({
      status: 0,
      readingMessage: false,
      unsentCount: 0,
      firstUnsentNumber: 0,
      firstUnsentAt: null,
    });
  });
});

describe('receipt input', () => {
  const base = { lines: [{ name: 'Хлеб', price: 4_990, qty: 1_000, vat: 2 }], payments: { cash: 5_000 }, taxSystem: 'osn' as const };

  it('fills defaults and adds up', () => {
    const r = ReceiptSchema.parse({ ...base, rounding: 90 });
    expect(r.kind).toBe('sale');
    expect(r.lines[0]).toMatchObject({ department: 1, paymentMethod: 4, subject: 1 });
    expect(receiptTotal(r)).toBe(4_900);
    expect(paymentSlots(r.payments)[0]).toBe(5_000);
  });

  it('rejects floats, a line total that disagrees with price × qty, and long names', () => {
    expect(ReceiptSchema.safeParse({ ...base, lines: [{ ...base.lines[0], price: 49.9 }] }).success).toBe(false);
    expect(ReceiptSchema.safeParse({ ...base, lines: [{ ...base.lines[0], total: 4_992 }] }).success).toBe(false);
    expect(ReceiptSchema.safeParse({ ...base, lines: [{ ...base.lines[0], total: 4_991 }] }).success).toBe(true);
    expect(ReceiptSchema.safeParse({ ...base, lines: [{ ...base.lines[0], name: 'я'.repeat(129) }] }).success).toBe(false);
    expect(ReceiptSchema.safeParse({ ...base, taxSystem: 'vat' }).success).toBe(false);
  });
});
