import type { DeviceStatus } from '../../src/core/ports/devices.js';

export const LABEL_PROBLEMS = {
  offline: 'devices.offline',
  paperOut: 'devices.paperOut',
  paperJam: 'devices.paperJam',
  coverOpen: 'devices.coverOpen',
  ribbonOut: 'devices.ribbonOut',
  paused: 'devices.paused',
  error: 'devices.printerError',
} as const;

export interface LabelFlags {
  headOpen: boolean;
  paperJam: boolean;
  paperOut: boolean;
  ribbonOut: boolean;
  paused: boolean;
  /** temperature out of range, corrupt RAM and the like */
  error: boolean;
}

/** TSPL's ESC ! ? byte: bit 0 head open, 1 paper jam, 2 paper out, 3 ribbon out, 4 pause, 5 printing, 6 cover open, 7 other error. */
export function decodeTsplStatus(byte: number): LabelFlags {
  return {
    headOpen: (byte & 0x41) !== 0,
    paperJam: (byte & 0x02) !== 0,
    paperOut: (byte & 0x04) !== 0,
    ribbonOut: (byte & 0x08) !== 0,
    paused: (byte & 0x10) !== 0,
    error: (byte & 0x80) !== 0,
  };
}

export function encodeTsplStatus(f: LabelFlags): number {
  return (f.headOpen ? 0x01 : 0) | (f.paperJam ? 0x02 : 0) | (f.paperOut ? 0x04 : 0) | (f.ribbonOut ? 0x08 : 0) | (f.paused ? 0x10 : 0) | (f.error ? 0x80 : 0);
}

const STX = '\x02';
const ETX = '\x03';

/** The framed lines of a ~HS reply found in `text`, or null until all three have come. */
export function zplStatusLines(text: string): string[][] | null {
  const frames = [...text.matchAll(/\x02([^\x02\x03]*)\x03/g)].map((m) => (m[1] ?? '').split(','));
  return frames.length >= 3 ? frames.slice(0, 3) : null;
}

/**
 * ~HS, decoded: line 1 field 2 paper out, field 3 pause, fields 10–12 corrupt RAM and
 * temperature; line 2 field 3 head up, field 4 ribbon out. ZPL has no paper-jam flag.
 */
export function decodeZplStatus(lines: string[][]): LabelFlags {
  const [one = [], two = []] = lines;
  const flag = (line: string[], i: number) => line[i]?.trim() === '1';
  return {
    paperOut: flag(one, 1),
    paused: flag(one, 2),
    error: flag(one, 9) || flag(one, 10) || flag(one, 11),
    headOpen: flag(two, 2),
    ribbonOut: flag(two, 3),
    paperJam: false,
  };
}

/** A ~HS reply for these flags, as a ZPL printer frames it (the simulator answers with it). */
export function encodeZplStatus(f: LabelFlags, labelLengthDots: number): string {
  const b = (v: boolean) => (v ? '1' : '0');
  const line1 = `030,${b(f.paperOut)},${b(f.paused)},${String(labelLengthDots).padStart(4, '0')},000,0,0,0,000,${b(f.error)},0,0`;
  const line2 = `001,0,${b(f.headOpen)},${b(f.ribbonOut)},1,2,6,0,00000000,1,000`;
  const line3 = '1234,0';
  return [line1, line2, line3].map((l) => `${STX}${l}${ETX}\r\n`).join('');
}

/** What the shop is told, most actionable first. */
export function toLabelStatus(f: LabelFlags): DeviceStatus {
  if (f.headOpen) return { ok: false, problem: LABEL_PROBLEMS.coverOpen };
  if (f.paperJam) return { ok: false, problem: LABEL_PROBLEMS.paperJam };
  if (f.paperOut) return { ok: false, problem: LABEL_PROBLEMS.paperOut };
  if (f.ribbonOut) return { ok: false, problem: LABEL_PROBLEMS.ribbonOut };
  if (f.error) return { ok: false, problem: LABEL_PROBLEMS.error };
  if (f.paused) return { ok: false, problem: LABEL_PROBLEMS.paused };
  return { ok: true, problem: null };
}
