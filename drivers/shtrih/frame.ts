/**
 * The message of the standard low level: STX, LEN, CMD (one byte, or FFh and a
 * second byte), DATA, LRC. LEN counts CMD and DATA; LRC is the XOR of LEN, CMD
 * and DATA. A "payload" here is CMD + DATA, what LEN counts.
 */

export const STX = 0x02;
export const ENQ = 0x05;
export const ACK = 0x06;
export const NAK = 0x15;

/** LEN is one byte, so CMD + DATA is at most 255 bytes. */
export const MAX_PAYLOAD = 255;

export function lrc(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i] ?? 0;
  return x;
}

export function encodeFrame(payload: Uint8Array): Uint8Array {
  if (payload.length === 0 || payload.length > MAX_PAYLOAD) {
    throw new RangeError(`payload of ${payload.length} bytes does not fit a frame`);
  }
  const out = new Uint8Array(payload.length + 3);
  out[0] = STX;
  out[1] = payload.length;
  out.set(payload, 2);
  out[out.length - 1] = lrc(out, 1, out.length - 1);
  return out;
}

/** A whole frame in one buffer (tests, simulator): the payload, or why it is not one. */
export function decodeFrame(frame: Uint8Array): { ok: true; payload: Uint8Array } | { ok: false; reason: string } {
  if (frame.length < 4) return { ok: false, reason: 'too short' };
  if (frame[0] !== STX) return { ok: false, reason: 'no STX' };
  const len = frame[1] ?? 0;
  if (frame.length !== len + 3) return { ok: false, reason: `LEN ${len} but ${frame.length - 3} bytes` };
  if (lrc(frame, 1, frame.length - 1) !== frame[frame.length - 1]) return { ok: false, reason: 'bad LRC' };
  return { ok: true, payload: frame.slice(2, frame.length - 1) };
}

/** Command codes above FFh are two bytes on the wire: FF then the low byte. */
export function commandBytes(code: number): Uint8Array {
  if (code >= 0xff00 && code <= 0xffff) return Uint8Array.of(0xff, code & 0xff);
  if (code >= 0 && code < 0xff) return Uint8Array.of(code);
  throw new RangeError(`bad command code ${code.toString(16)}`);
}

export function commandLength(code: number): number {
  return code > 0xff ? 2 : 1;
}

/** Splits a payload into its command code and the bytes after it. */
export function splitCommand(payload: Uint8Array): { code: number; rest: Uint8Array } {
  const first = payload[0];
  if (first === undefined) throw new RangeError('empty payload');
  if (first === 0xff) {
    const second = payload[1];
    if (second === undefined) throw new RangeError('FF without a second command byte');
    return { code: 0xff00 | second, rest: payload.subarray(2) };
  }
  return { code: first, rest: payload.subarray(1) };
}

export function commandName(code: number): string {
  return code > 0xff ? `FF${(code & 0xff).toString(16).toUpperCase().padStart(2, '0')}h` : `${code.toString(16).toUpperCase().padStart(2, '0')}h`;
}
