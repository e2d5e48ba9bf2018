import { describe, expect, it } from 'vitest';
import { receiptQrString } from './qr.js';

describe('receipt QR string', () => {
  it('follows the FFD layout', () => {
    expect(
      receiptQrString({ at: new Date(2015, 6, 20, 16, 38), total: 999_999_900, fnNumber: '000110000105', fiscalDocNumber: 12345678, fiscalSign: 123456, receiptType: 2 }),
    ).toBe('t=20150720T1638&s=9999999.00&fn=000110000105&i=12345678&fp=123456&n=2');
  });

  it('pads kopecks and date parts, never the document number or sign', () => {
    expect(receiptQrString({ at: new Date(2026, 0, 5, 7, 3), total: 5, fnNumber: '9960440300123456', fiscalDocNumber: 7, fiscalSign: 42, receiptType: 1 })).toBe(
      't=20260105T0703&s=0.05&fn=9960440300123456&i=7&fp=42&n=1',
    );
  });

  it('rejects a non-integer total', () => {
    expect(() => receiptQrString({ at: new Date(), total: 1.5, fnNumber: '1', fiscalDocNumber: 1, fiscalSign: 1, receiptType: 1 })).toThrow(RangeError);
  });
});
