import { concat, readUint, writeUint } from './binary.js';
import { decodeCp866, encodeCp866 } from '../../src/shared/codepages.js';

/** An FFD tag-length-value: tag and length are 2-byte little-endian. */
export interface Tlv {
  tag: number;
  value: Uint8Array;
}

export function encodeTlv(tlv: Tlv): Uint8Array {
  return concat(writeUint(tlv.tag, 2), writeUint(tlv.value.length, 2), tlv.value);
}

export function encodeTlvs(tlvs: readonly Tlv[]): Uint8Array {
  return concat(...tlvs.map(encodeTlv));
}

export function decodeTlvs(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) throw new RangeError(`TLV header cut at ${at}`);
    const tag = readUint(bytes, at, 2);
    const len = readUint(bytes, at + 2, 2);
    if (at + 4 + len > bytes.length) throw new RangeError(`TLV ${tag} wants ${len} bytes, ${bytes.length - at - 4} left`);
    out.push({ tag, value: bytes.slice(at + 4, at + 4 + len) });
    at += 4 + len;
  }
  return out;
}

/** FFD strings live in the fiscal storage as CP866, not the registrar's 1251. */
export function stringTlv(tag: number, text: string, maxBytes: number): Tlv {
  return { tag, value: encodeCp866(text).subarray(0, maxBytes) };
}

export function tlvString(tlv: Tlv): string {
  return decodeCp866(tlv.value);
}

/** FFD tags this driver sends. */
export const Tag = {
  buyerContact: 1008,
  cashierName: 1021,
  cashierInn: 1203,
} as const;
