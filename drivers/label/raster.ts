import { blankBitmap, inkSpan, type Bitmap } from './bitmap.js';

export type Point = readonly [number, number];

/**
 * Fills closed contours by the non-zero winding rule, sampling each pixel at its centre:
 * a scanline fill, enough for glyph outlines at label sizes without a canvas library.
 */
export function fillContours(contours: readonly (readonly Point[])[], width: number, height: number): Bitmap {
  const bitmap = blankBitmap(width, height);
  const edges: { x0: number; y0: number; x1: number; y1: number; dir: 1 | -1 }[] = [];
  for (const c of contours) {
    for (let i = 0; i < c.length; i++) {
      const a = c[i]!;
      const b = c[(i + 1) % c.length]!;
      if (a[1] === b[1]) continue;
      edges.push(a[1] < b[1] ? { x0: a[0], y0: a[1], x1: b[0], y1: b[1], dir: 1 } : { x0: b[0], y0: b[1], x1: a[0], y1: a[1], dir: -1 });
    }
  }
  const crossings: { x: number; dir: number }[] = [];
  for (let y = 0; y < bitmap.height; y++) {
    const yc = y + 0.5;
    crossings.length = 0;
    for (const e of edges) {
      if (yc < e.y0 || yc >= e.y1) continue;
      crossings.push({ x: e.x0 + ((yc - e.y0) * (e.x1 - e.x0)) / (e.y1 - e.y0), dir: e.dir });
    }
    crossings.sort((p, q) => p.x - q.x);
    let winding = 0;
    let start = 0;
    for (const c of crossings) {
      const was = winding;
      winding += c.dir;
      if (was === 0 && winding !== 0) start = c.x;
      else if (was !== 0 && winding === 0) inkSpan(bitmap, y, Math.ceil(start - 0.5), Math.ceil(c.x - 0.5));
    }
  }
  return bitmap;
}

export interface PathCommand {
  command: string;
  args: number[];
}

/**
 * Turns an outline (moveTo/lineTo/quadratic/cubic/closePath, as fontkit gives glyphs) into
 * polygons through `map`, splitting curves finely enough that no chord strays a visible dot.
 */
export function flattenPath(commands: readonly PathCommand[], map: (x: number, y: number) => Point): Point[][] {
  const contours: Point[][] = [];
  let current: Point[] = [];
  let pen: Point = [0, 0];
  const close = () => {
    if (current.length > 2) contours.push(current);
    current = [];
  };
  const curve = (at: (t: number) => Point, controls: Point[]) => {
    let length = 0;
    for (let i = 1; i < controls.length; i++) length += Math.hypot(controls[i]![0] - controls[i - 1]![0], controls[i]![1] - controls[i - 1]![1]);
    const steps = Math.min(Math.max(Math.ceil(length / 1.5), 2), 32);
    for (let s = 1; s <= steps; s++) current.push(at(s / steps));
  };
  for (const { command, args } of commands) {
    const p = (i: number): Point => map(args[i] ?? 0, args[i + 1] ?? 0);
    switch (command) {
      case 'moveTo':
        close();
        pen = p(0);
        current.push(pen);
        break;
      case 'lineTo':
        pen = p(0);
        current.push(pen);
        break;
      case 'quadraticCurveTo': {
        const [a, c, b] = [pen, p(0), p(2)];
        curve((t) => [(1 - t) ** 2 * a[0] + 2 * (1 - t) * t * c[0] + t ** 2 * b[0], (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * c[1] + t ** 2 * b[1]], [a, c, b]);
        pen = b;
        break;
      }
      case 'bezierCurveTo': {
        const [a, c1, c2, b] = [pen, p(0), p(2), p(4)];
        const k = (t: number, i: 0 | 1) => (1 - t) ** 3 * a[i] + 3 * (1 - t) ** 2 * t * c1[i] + 3 * (1 - t) * t ** 2 * c2[i] + t ** 3 * b[i];
        curve((t) => [k(t, 0), k(t, 1)], [a, c1, c2, b]);
        pen = b;
        break;
      }
      case 'closePath':
        close();
        break;
    }
  }
  close();
  return contours;
}
