import { concat } from './binary.js';
import { openAnswer, type AnswerReader } from './answer.js';
import { Cmd } from './commands.js';
import { password } from './protocol.js';

/**
 * Marking codes ("Честный знак"): FF61 asks the fiscal storage (and, online,
 * the registry) about a code, FF69 tells it the cashier's decision, FF67 ties
 * an accepted code to the line just added. Codes are ASCII with GS (1Dh)
 * separators, sent exactly as scanned.
 */
export interface MarkingCheck {
  /** tag 2004 */
  localStatus: number;
  /** why the storage could not check it locally (0 = it did) */
  localReason: number;
  /** tag 2100 */
  codeType: number;
  /** the storage's code for the online check, 0xFF = the server did not answer; null offline */
  fnResponseCode: number | null;
  /** tag 2106, when there is one */
  result: number | null;
  /** bits 0 and 1 of 2106 (or 2004 offline): checked, and the check passed */
  valid: boolean;
}

/** Tag 2003 "планируемый статус товара": 1 = a piece sold. */
export const PLANNED_PIECE_SOLD = 1;
/** tag 2003 value 3: a piece of marked goods comes back */
export const PLANNED_PIECE_RETURNED = 3;

export function markingCodeBytes(code: string): Uint8Array {
  const chars = Array.from(code, (ch) => ch.codePointAt(0) ?? 0);
  const bytes = Uint8Array.from(chars);
  if (chars.length === 0 || chars.length > 255 || chars.some((b) => b > 0x7e || (b < 0x20 && b !== 0x1d))) {
    throw new RangeError('a marking code is 1..255 printable ASCII characters and GS separators');
  }
  return bytes;
}

export function checkMarkingRequest(pw: number, code: string, plannedStatus = PLANNED_PIECE_SOLD, tlv = new Uint8Array()): Uint8Array {
  const km = markingCodeBytes(code);
  return concat(password(pw), Uint8Array.of(plannedStatus, 0, km.length, tlv.length), km, tlv);
}

function readCheck(r: AnswerReader): MarkingCheck {
  const localStatus = r.u8('local check status');
  const localReason = r.u8('local check reason');
  const codeType = r.u8('code type');
  const extra = r.u8('length of the online part');
  const online = r.bytes(Math.min(extra, r.remaining), 'online part');
  const fnResponseCode = online.length >= 1 ? (online[0] ?? null) : null;
  const result = online.length >= 2 ? (online[1] ?? null) : null;
  const bits = result ?? localStatus;
  return { localStatus, localReason, codeType, fnResponseCode, result, valid: (bits & 0b11) === 0b11 };
}

export function decodeMarkingCheck(payload: Uint8Array): MarkingCheck {
  return readCheck(openAnswer(Cmd.checkMarking, payload, 4));
}

export const acceptMarkingRequest = (pw: number, accept: boolean): Uint8Array => concat(password(pw), Uint8Array.of(accept ? 1 : 0));

export function decodeAcceptMarking(payload: Uint8Array): number {
  return openAnswer(Cmd.acceptMarking, payload, 1).u8('check result');
}

export function bindMarkingRequest(pw: number, code: string): Uint8Array {
  const km = markingCodeBytes(code);
  return concat(password(pw), Uint8Array.of(km.length), km);
}

export interface MarkingBound {
  dataMatrixType: number;
  /** present when the code had not been checked before: the registrar checked it itself */
  check: MarkingCheck | null;
}

export function decodeBindMarking(payload: Uint8Array): MarkingBound {
  const r = openAnswer(Cmd.bindMarking, payload, 3);
  r.bytes(2, 'product code prefix');
  const dataMatrixType = r.u8('DataMatrix type');
  return { dataMatrixType, check: r.remaining >= 4 ? readCheck(r) : null };
}
