/**
 * The CAS "ENQ/ACK/DC1" ECR protocol of the AP, ER and PD-II families (the one their
 * manuals list for cash registers), 9600 8N1. Sources: the CAS AP-1 protocol sheet
 * (docs4.chomikuj.pl, "AP-1.doc") and r_keeper's notes on its CAS driver
 * (docs.rkeeper.ru, "Поддерживаемые драйверы весов"):
 *
 *   host  ENQ                 scale  ACK (ready) or NAK (not ready: ask again)
 *   host  DC1                 scale  SOH STX STA SIGN W W W W W W U U BCC ETX EOT
 *
 *   STA   'S' stable (for 500 ms), 'U' not yet
 *   SIGN  ' ' zero or above, '-' below zero
 *   W     six characters with the decimal point, format 99.999 (kg)
 *   U     the unit, "kg"
 *   BCC   XOR of STA … the last unit character
 *
 * Neither source shows overload. The Ohaus Aviator 7000 service manual, which documents
 * the same frame, puts 'F' in the SIGN position for it; we read it so. r_keeper's driver
 * takes 0x81 as well as 0x01 for the SOH; so do we.
 * Variants with a seven-character weight field are not read.
 */
import { decimalToGrams } from './grams.js';

export const ENQ = 0x05;
export const ACK = 0x06;
export const NAK = 0x15;
export const DC1 = 0x11;
export const SOH = 0x01;
export const STX = 0x02;
export const ETX = 0x03;
export const EOT = 0x04;

/** SOH … EOT */
export const CAS_FRAME_LENGTH = 15;

export type CasAnswer =
  | { kind: 'weight'; grams: number; stable: boolean }
  | { kind: 'overload' }
  | { kind: 'invalid'; why: string };

export function isCasSoh(b: number): boolean {
  return b === SOH || b === (SOH | 0x80);
}

/** XOR of the bytes, the frame's block check. */
export function bcc(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** Reads one whole frame (SOH … EOT, 15 bytes). */
export function parseCasFrame(frame: Uint8Array): CasAnswer {
  if (frame.length !== CAS_FRAME_LENGTH) return { kind: 'invalid', why: `frame of ${frame.length} bytes, not ${CAS_FRAME_LENGTH}` };
  const head = frame[0] ?? 0;
  if (!isCasSoh(head) || frame[1] !== STX || frame[13] !== ETX || frame[14] !== EOT) return { kind: 'invalid', why: 'no SOH STX … ETX EOT framing' };
  const body = frame.subarray(2, 12);
  if (bcc(body) !== frame[12]) return { kind: 'invalid', why: `BCC ${hex(frame[12] ?? 0)}, computed ${hex(bcc(body))}` };
  const [sta, sign] = [String.fromCharCode(frame[2] ?? 0), String.fromCharCode(frame[3] ?? 0)];
  if (sta !== 'S' && sta !== 'U') return { kind: 'invalid', why: `status "${sta}" is neither S nor U` };
  if (sign === 'F') return { kind: 'overload' };
  if (sign !== ' ' && sign !== '-') return { kind: 'invalid', why: `sign "${sign}"` };
  const unit = ascii(frame.subarray(10, 12)).trim().toLowerCase();
  if (unit !== 'kg' && unit !== 'g') return { kind: 'invalid', why: `the scale weighs in "${unit}", not kg` };
  const magnitude = decimalToGrams(ascii(frame.subarray(4, 10)), unit);
  if (magnitude === null) return { kind: 'invalid', why: `weight "${ascii(frame.subarray(4, 10))}"` };
  return { kind: 'weight', grams: sign === '-' ? -magnitude : magnitude, stable: sta === 'S' };
}

const hex = (b: number) => `0x${b.toString(16).padStart(2, '0')}`;

/**
 * The device side: a frame for a reading (the simulator answers with it). Weights are
 * written as 99.999 kg; a magnitude over that cannot be shown and is sent as overload.
 */
export function encodeCasFrame(answer: { grams: number; stable: boolean } | { overload: true; stable: boolean }): Uint8Array {
  const sta = answer.stable ? 'S' : 'U';
  let sign: string;
  let weight: string;
  if ('overload' in answer || Math.abs(answer.grams) > 99_999) {
    sign = 'F';
    weight = '99.999';
  } else {
    sign = answer.grams < 0 ? '-' : ' ';
    const g = Math.abs(answer.grams);
    weight = `${String(Math.floor(g / 1000)).padStart(2, '0')}.${String(g % 1000).padStart(3, '0')}`;
  }
  const body = Uint8Array.from(`${sta}${sign}${weight}kg`, (c) => c.charCodeAt(0));
  return Uint8Array.of(SOH, STX, ...body, bcc(body), ETX, EOT);
}
