import type { DeviceStatus } from '../../src/core/ports/devices.js';

/**
 * DLE EOT replies, decoded. Each reply is one byte shaped 0xx1xx10 (bits 1 and 4 set,
 * 0 and 7 clear), which is how we tell it apart from stray bytes on the line.
 */
export interface PrinterFlags {
  offline: boolean;
  drawerOpen: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  /** cutter jam, overheating, or an error that needs a power cycle */
  error: boolean;
  cutterError: boolean;
}

export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

export const PROBLEMS = {
  offline: 'devices.offline',
  coverOpen: 'devices.coverOpen',
  paperOut: 'devices.paperOut',
  paperNearEnd: 'devices.paperNearEnd',
  cutterError: 'devices.cutterError',
  error: 'devices.printerError',
} as const;

export type ProblemKey = (typeof PROBLEMS)[keyof typeof PROBLEMS];

/** Replies to DLE EOT 1, 2, 4 and optionally 3, in that order of meaning. */
export function decodeStatus(r1: number, r2: number, r4: number, r3?: number): PrinterFlags {
  return {
    drawerOpen: (r1 & 0x04) !== 0,
    offline: (r1 & 0x08) !== 0,
    coverOpen: (r2 & 0x04) !== 0,
    // bit 5 of n=2: printing stopped at paper end; bits 5+6 of n=4: roll end sensor
    paperOut: (r2 & 0x20) !== 0 || (r4 & 0x60) === 0x60,
    paperNearEnd: (r4 & 0x0c) === 0x0c,
    error: (r2 & 0x40) !== 0 || (r3 !== undefined && (r3 & 0x60) !== 0),
    cutterError: r3 !== undefined && (r3 & 0x08) !== 0,
  };
}

/**
 * What the cashier is told, most actionable first: a closed cover fixes "paper out"
 * readings on some models, so it comes first. Near end still prints: ok with a warning.
 */
export function toDeviceStatus(flags: PrinterFlags): DeviceStatus {
  if (flags.coverOpen) return { ok: false, problem: PROBLEMS.coverOpen };
  if (flags.paperOut) return { ok: false, problem: PROBLEMS.paperOut };
  if (flags.cutterError) return { ok: false, problem: PROBLEMS.cutterError };
  if (flags.error) return { ok: false, problem: PROBLEMS.error };
  if (flags.offline) return { ok: false, problem: PROBLEMS.offline };
  if (flags.paperNearEnd) return { ok: true, problem: PROBLEMS.paperNearEnd };
  return { ok: true, problem: null };
}
