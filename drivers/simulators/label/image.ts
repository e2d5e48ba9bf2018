import bwipjs from 'bwip-js/node';
import { blankBitmap, drawBitmap, inkSpan, type Bitmap } from '../../label/bitmap.js';
import type { DecodedLabel } from './decoded.js';

/**
 * What the label would look like: its bitmaps where they were put, barcodes as the bars
 * their payload encodes (bwip-js), and the printer-font texts as outlined boxes (the
 * simulator has no printer fonts). Digits under the bars are left off.
 */
export function labelImage(label: DecodedLabel): Bitmap {
  const image = blankBitmap(label.width, label.height);
  for (const b of label.bitmaps) drawBitmap(image, b.bitmap, b.x, b.y);
  for (const code of label.barcodes) {
    const [symbol] = bwipjs.raw({ bcid: code.symbology, text: code.data });
    if (!symbol || !('sbs' in symbol)) continue;
    let x = code.x;
    symbol.sbs.forEach((w, i) => {
      const width = w * code.module;
      if (i % 2 === 0) for (let y = code.y; y < code.y + code.height; y++) inkSpan(image, y, x, x + width);
      x += width;
    });
  }
  for (const t of label.texts) {
    const right = t.x + Math.round(t.text.length * t.height * 0.6);
    inkSpan(image, t.y, t.x, right);
    inkSpan(image, t.y + t.height - 1, t.x, right);
    for (let y = t.y; y < t.y + t.height; y++) {
      inkSpan(image, y, t.x, t.x + 1);
      inkSpan(image, y, right - 1, right);
    }
  }
  return image;
}
