import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import type { TagFont, TagFontMetrics } from '../../shared/tags/index.js';
import { packageRoot } from '../paths.js';

/** The bundled font files (DejaVu Sans, with Cyrillic and ₽), as bytes for pdfkit and label printers. */
export interface TagFontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
}

let files: TagFontFiles | null = null;

/** Reads assets/fonts once: from the source tree, dist/ and the packaged app alike (see paths.ts). */
export function tagFontFiles(): TagFontFiles {
  if (!files) {
    const dir = join(packageRoot(), 'assets', 'fonts');
    files = { regular: readFileSync(join(dir, 'DejaVuSans.ttf')), bold: readFileSync(join(dir, 'DejaVuSans-Bold.ttf')) };
  }
  return files;
}

function openFont(bytes: Uint8Array): fontkit.Font {
  const font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!('layout' in font)) throw new Error('a tag font is a single TrueType font, not a collection');
  return font;
}

/** Widths from the fonts' own advances (kerning included), as pdfkit sets the text. */
export function fontMetrics(bytes: TagFontFiles): TagFontMetrics {
  const faces: Record<TagFont, fontkit.Font> = { regular: openFont(bytes.regular), bold: openFont(bytes.bold) };
  const regular = faces.regular;
  // digits stand a little taller than capitals; the price is digits
  const height = (ch: string) => regular.glyphForCodePoint(ch.codePointAt(0) ?? 0).bbox.maxY;
  return {
    width: (text, font, size) => {
      const face = faces[font];
      return (face.layout(text).advanceWidth / face.unitsPerEm) * size;
    },
    capHeight: Math.max(height('H'), height('0')) / regular.unitsPerEm,
    descender: -regular.descent / regular.unitsPerEm,
  };
}
