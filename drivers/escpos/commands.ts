/** The few ESC/POS commands we send by hand rather than through the encoder. */

export const DLE = 0x10;
export const EOT = 0x04;
export const ESC = 0x1b;
export const GS = 0x1d;

/** DLE EOT n, real-time status: 1 printer, 2 offline cause, 3 error cause, 4 paper sensors. */
export type StatusQuery = 1 | 2 | 3 | 4;

export function statusQuery(n: StatusQuery): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/**
 * ESC p m t1 t2 — all five bytes; some clones hang waiting for t2 when sent a short form.
 * t1/t2 are in 2 ms units, clamped to a byte.
 */
export function drawerKick(drawer: { pin: 0 | 1; onMs: number; offMs: number }): Uint8Array {
  const units = (ms: number) => Math.max(1, Math.min(255, Math.round(ms / 2)));
  return Uint8Array.of(ESC, 0x70, drawer.pin, units(drawer.onMs), units(drawer.offMs));
}

/** GS V 1: partial cut, leaving a tab so the receipt does not fall on the floor. */
export function partialCut(): Uint8Array {
  return Uint8Array.of(GS, 0x56, 0x01);
}
