import { layoutTag, type PriceTag, type TagTemplate } from '../../src/shared/tags/index.js';
import type { Bitmap } from './bitmap.js';
import type { LabelFace } from './face.js';

export type Dpi = 203 | 300;

/** Dots per millimetre: 203 dpi heads are 8 dots/mm, 300 dpi heads 11.8. */
export function dotsPerMm(dpi: Dpi): number {
  return dpi / 25.4;
}

/** What goes on one label, in dots from its top-left corner: the language encoders' input. */
export type LabelElement =
  | { kind: 'bitmap'; x: number; y: number; bitmap: Bitmap }
  /** `body` without the check digit: the printer adds it (12 digits for EAN-13, 7 for EAN-8) */
  | { kind: 'barcode'; x: number; y: number; symbology: 'ean13' | 'ean8'; body: string; module: number; height: number }
  /** printable ASCII in the printer's own font, `height` in dots (service labels only: it has no Cyrillic) */
  | { kind: 'text'; x: number; y: number; height: number; text: string };

export interface Label {
  widthMm: number;
  heightMm: number;
  dpi: Dpi;
  elements: LabelElement[];
}

/**
 * One price tag as a label: the shared layout in dots, every text run rasterised from the
 * tag font (Cyrillic, ₽), and the EAN as the printer's own barcode so its bars are exact
 * dots. The module is rounded down to whole dots (never visibly wider than the layout gave it); frames are left
 * off, since labels on a roll are die-cut already.
 */
export function tagLabel(tag: PriceTag, template: TagTemplate, face: LabelFace, dpi: Dpi): Label {
  const k = dotsPerMm(dpi);
  const elements: LabelElement[] = [];
  for (const box of layoutTag(tag, template, face.metrics).boxes) {
    if (box.kind === 'text') {
      const image = face.render(box.text, box.font, box.size * k);
      elements.push({ kind: 'bitmap', x: Math.round(box.x * k), y: Math.round(box.baseline * k) - image.baseline, bitmap: image.bitmap });
    } else if (box.kind === 'barcode') {
      // a twentieth of a dot over is no wider to the eye: 0.25 mm is 2 dots at 203 dpi, 3 at 300
      const module = Math.max(Math.floor(box.module * k + 0.05), 1);
      elements.push({
        kind: 'barcode', symbology: box.symbology, body: box.data.slice(0, -1), module,
        x: Math.round((box.x + box.quietLeft * box.module) * k), y: Math.round(box.y * k), height: Math.round(box.barHeight * k),
      });
    }
  }
  return { widthMm: template.label.width, heightMm: template.label.height, dpi, elements };
}
