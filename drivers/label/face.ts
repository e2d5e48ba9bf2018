import * as fontkit from 'fontkit';
import { outlineFontMetrics, type TagFont, type TagFontMetrics } from '../../src/shared/tags/index.js';
import type { Bitmap } from './bitmap.js';
import { fillContours, flattenPath, type Point } from './raster.js';

/** The font files the tags are set in (the core's bundled DejaVu Sans, handed over by the composition root). */
export interface LabelFontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** A line of text as a 1-bit image, and where its baseline and left edge fall in it. */
export interface TextImage {
  bitmap: Bitmap;
  /** row of the baseline, from the image's top */
  baseline: number;
}

function open(bytes: Uint8Array): fontkit.Font {
  const font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!('layout' in font)) throw new Error('a label font is a single TrueType font, not a collection');
  return font;
}

/**
 * The tag fonts for label printers: the same metrics as the PDF (so the same layout), and
 * text rasterised from the glyph outlines, since a printer's own fonts have no Cyrillic.
 */
export class LabelFace {
  readonly metrics: TagFontMetrics;
  private readonly faces: Record<TagFont, fontkit.Font>;

  constructor(files: LabelFontFiles) {
    this.faces = { regular: open(files.regular), bold: open(files.bold) };
    this.metrics = outlineFontMetrics(this.faces);
  }

  /** `text` at an em size of `sizeDots` dots, as ink. */
  render(text: string, font: TagFont, sizeDots: number): TextImage {
    const face = this.faces[font];
    const scale = sizeDots / face.unitsPerEm;
    const run = face.layout(text);
    const baseline = Math.ceil(face.ascent * scale);
    const height = baseline + Math.ceil(-face.descent * scale);
    const width = Math.ceil(run.advanceWidth * scale) + 1;
    const contours: Point[][] = [];
    let pen = 0;
    run.glyphs.forEach((glyph, i) => {
      const pos = run.positions[i];
      const gx = pen + (pos?.xOffset ?? 0);
      const gy = pos?.yOffset ?? 0;
      contours.push(...flattenPath(glyph.path.commands, (x, y) => [(gx + x) * scale, baseline - (gy + y) * scale]));
      pen += pos?.xAdvance ?? glyph.advanceWidth;
    });
    return { bitmap: fillContours(contours, width, height), baseline };
  }
}
