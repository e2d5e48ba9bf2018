/** A 1-bit image, rows packed most significant bit first, 1 = ink: what a thermal head burns. */
export interface Bitmap {
  width: number;
  height: number;
  bytesPerRow: number;
  bits: Uint8Array;
}

export function blankBitmap(width: number, height: number): Bitmap {
  const w = Math.max(Math.ceil(width), 1);
  const h = Math.max(Math.ceil(height), 1);
  const bytesPerRow = Math.ceil(w / 8);
  return { width: w, height: h, bytesPerRow, bits: new Uint8Array(bytesPerRow * h) };
}

export function inkAt(b: Bitmap, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= b.width || y >= b.height) return false;
  return ((b.bits[y * b.bytesPerRow + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

/** Inks pixels [x0, x1) of row y, clipped to the bitmap. */
export function inkSpan(b: Bitmap, y: number, x0: number, x1: number): void {
  if (y < 0 || y >= b.height) return;
  const row = y * b.bytesPerRow;
  for (let x = Math.max(x0, 0); x < Math.min(x1, b.width); x++) b.bits[row + (x >> 3)]! |= 0x80 >> (x & 7);
}

/** Dots of ink in a rectangle (the whole bitmap by default). */
export function inkCount(b: Bitmap, x0 = 0, y0 = 0, x1 = b.width, y1 = b.height): number {
  let n = 0;
  for (let y = Math.max(y0, 0); y < Math.min(y1, b.height); y++) {
    for (let x = Math.max(x0, 0); x < Math.min(x1, b.width); x++) if (inkAt(b, x, y)) n++;
  }
  return n;
}

/** Copies `src`'s ink onto `dst` with its top-left at (x, y). */
export function drawBitmap(dst: Bitmap, src: Bitmap, x: number, y: number): void {
  for (let sy = 0; sy < src.height; sy++) {
    for (let sx = 0; sx < src.width; sx++) if (inkAt(src, sx, sy)) inkSpan(dst, y + sy, x + sx, x + sx + 1);
  }
}
