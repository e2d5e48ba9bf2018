import { Readable } from 'node:stream';
import bwipjs from 'bwip-js/node';
import PDFDocument from 'pdfkit';
import {
  layoutTag, parsePriceTag, slotInset, slotOrigin, tagTemplate, tagsPerPage,
  type PriceTag, type TagBarcodeBox, type TagFontMetrics, type TagLayout, type TagTemplate,
} from '../../shared/tags/index.js';
import { tagFaces, tagFontFiles, type TagFontFiles } from './fonts.js';

/** PDF points per millimetre */
const PT = 72 / 25.4;

export interface TagsPdfOptions {
  /** the bundled fonts unless given */
  fonts?: TagFontFiles;
}

type TagSource = Iterable<unknown> | AsyncIterable<unknown>;

/** Where each digit's 7-module cell starts, in modules from the first bar (the lone first digit of an EAN-13 stands in the quiet zone). */
function digitCells(box: TagBarcodeBox): number[] {
  const cells = (from: number, n: number) => Array.from({ length: n }, (_, k) => from + 7 * k);
  return box.symbology === 'ean13' ? [-8, ...cells(3, 6), ...cells(50, 6)] : [...cells(3, 4), ...cells(36, 4)];
}

/**
 * The bars of an EAN as bwip-js encodes them, drawn as filled rectangles so they stay
 * sharp at any zoom and any printer's resolution; the digits are set in the tag's font.
 */
function drawBarcode(doc: PDFKit.PDFDocument, box: TagBarcodeBox, ox: number, oy: number, m: TagFontMetrics): void {
  const [symbol] = bwipjs.raw({ bcid: box.symbology, text: box.data });
  if (!symbol || !('sbs' in symbol)) throw new Error(`bwip-js gave no bars for ${box.symbology} ${box.data}`);
  const { sbs, bhs } = symbol;
  const left = ox + box.x + box.quietLeft * box.module;
  const top = oy + box.y;
  let x = left;
  for (let i = 0; i < sbs.length; i++) {
    const w = (sbs[i] ?? 0) * box.module;
    if (i % 2 === 0) {
      // bwip-js gives bar heights in inches of a 72-module-high symbol: the guards run 5 modules longer
      const extra = ((bhs[i / 2] ?? 1) - 1) * 72 * box.module;
      doc.rect(x * PT, top * PT, w * PT, (box.barHeight + extra) * PT);
    }
    x += w;
  }
  doc.fillColor('black').fill();
  const baseline = top + box.barHeight + box.module + m.capHeight * box.digitSize;
  doc.font('regular').fontSize(box.digitSize * PT);
  digitCells(box).forEach((cell, i) => {
    const digit = box.data[i] ?? '';
    const dx = (7 * box.module - m.width(digit, 'regular', box.digitSize)) / 2;
    doc.text(digit, (left + cell * box.module + dx) * PT, baseline * PT, { lineBreak: false, baseline: 'alphabetic' });
  });
}

function drawTag(doc: PDFKit.PDFDocument, layout: TagLayout, ox: number, oy: number, m: TagFontMetrics): void {
  for (const box of layout.boxes) {
    switch (box.kind) {
      case 'frame':
        doc.lineWidth(0.3).strokeColor('#999999').rect((ox + box.x) * PT, (oy + box.y) * PT, box.width * PT, box.height * PT).stroke();
        break;
      case 'text':
        doc.font(box.font).fontSize(box.size * PT).fillColor('black')
          .text(box.text, (ox + box.x) * PT, (oy + box.baseline) * PT, { lineBreak: false, baseline: 'alphabetic' });
        break;
      case 'barcode':
        drawBarcode(doc, box, ox, oy, m);
        break;
    }
  }
}

/** Takes up to `n` tags from the source, validating each (the error names the tag and the field). */
async function takePage(source: AsyncIterator<unknown>, n: number, counter: { seen: number }): Promise<PriceTag[]> {
  const page: PriceTag[] = [];
  while (page.length < n) {
    const next = await source.next();
    if (next.done) break;
    page.push(parsePriceTag(next.value, counter.seen++));
  }
  return page;
}

function iteratorOf(tags: TagSource): AsyncIterator<unknown> {
  if (Symbol.asyncIterator in tags) return tags[Symbol.asyncIterator]();
  const it = tags[Symbol.iterator]();
  return { next: async () => it.next(), return: async () => it.return?.() ?? { done: true, value: undefined } };
}

/**
 * Price tags as a PDF stream, one page at a time: a page is laid out only when the
 * reader wants more bytes, and tags are pulled from `tags` (an array, or an async
 * iterable paging the catalogue) only for that page, so a run of 10,000 tags holds
 * about one page in memory. Errors (a bad tag, an unknown template) end the stream.
 */
export function tagsPdfStream(tags: TagSource, templateId: string, options: TagsPdfOptions = {}): Readable {
  const template: TagTemplate = tagTemplate(templateId);
  const { fonts, metrics } = tagFaces(options.fonts ?? tagFontFiles());
  const source = iteratorOf(tags);
  const perPage = tagsPerPage(template);
  const counter = { seen: 0 };
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: [template.page.width * PT, template.page.height * PT],
    margin: 0,
    info: { Title: 'Ценники', Creator: 'Lavka', Producer: 'Lavka' },
  });
  // pdfkit 0.20 takes parsed fontkit fonts; its 0.17 types know only paths and buffers
  doc.registerFont('regular', fonts.regular as unknown as Buffer);
  doc.registerFont('bold', fonts.bold as unknown as Buffer);

  let pages = 0;
  let working = false;
  /** the reader asked for more while a page was being laid out: Node asks once and waits for a push */
  let asked = false;
  let finished = false;
  const out = new Readable({
    read() {
      asked = true;
      void pump();
    },
    destroy(err, callback) {
      finished = true;
      void source.return?.();
      callback(err);
    },
  });
  doc.on('data', (chunk: Buffer) => out.push(chunk));
  doc.on('end', () => out.push(null));
  doc.on('error', (err: Error) => out.destroy(err));

  async function pump(): Promise<void> {
    if (working || finished) return;
    working = true;
    try {
      // lay out pages until the reader's buffer is full; read() calls again when it drains. A read() wants a
      // page even when the buffer looks full: Node asks as it is about to take from it, then waits for a push.
      while (!finished && (asked || out.readableLength < out.readableHighWaterMark)) {
        asked = false;
        const page = await takePage(source, perPage, counter);
        if (finished) return;
        if (page.length === 0) {
          if (pages === 0) throw new RangeError('no price tags to print');
          finished = true;
          doc.end();
          return;
        }
        doc.addPage();
        pages++;
        page.forEach((tag, n) => {
          const at = slotOrigin(template, n);
          drawTag(doc, layoutTag(tag, template, metrics, slotInset(template, n)), at.x, at.y, metrics);
        });
      }
    } catch (err) {
      finished = true;
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    } finally {
      working = false;
      // a read() that came while working found the pump busy; it will not come again until something is pushed
      if (asked && !finished) void pump();
    }
  }

  return out;
}

/** The whole PDF in memory: for a sheet or a few; runs of thousands should use tagsPdfStream. */
export async function renderTagsPdf(tags: TagSource, templateId: string, options: TagsPdfOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of tagsPdfStream(tags, templateId, options)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
