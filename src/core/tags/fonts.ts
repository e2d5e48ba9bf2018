import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { outlineFontMetrics, type TagFont, type TagFontMetrics } from '../../shared/tags/index.js';
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

export interface TagFaces {
  fonts: Record<TagFont, fontkit.Font>;
  metrics: TagFontMetrics;
}

const opened = new WeakMap<TagFontFiles, TagFaces>();

/**
 * The fonts parsed once per set of files and kept: every PDF shares them (pdfkit takes
 * fontkit fonts as they are), so a run does not parse 1.5 MB of font again, and glyphs
 * shaped for one document are at hand for the next.
 */
export function tagFaces(bytes: TagFontFiles): TagFaces {
  let faces = opened.get(bytes);
  if (!faces) {
    const fonts = { regular: openFont(bytes.regular), bold: openFont(bytes.bold) };
    faces = { fonts, metrics: outlineFontMetrics(fonts) };
    opened.set(bytes, faces);
  }
  return faces;
}
