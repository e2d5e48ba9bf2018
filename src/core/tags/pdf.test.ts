import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { renderTagsPdf, tagsPdfStream } from './pdf.js';
import { mustRunPdfTools, readPdf, SAMPLE_TAGS } from './test-support.js';
import { withCheckDigit } from '../../shared/barcode/ean.js';
import type { PriceTag } from '../../shared/tags/index.js';

/** Page objects in a PDF (pdfkit writes them uncompressed). */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

describe.skipIf(!mustRunPdfTools)('price tags as a PDF, read back with poppler and zbar', () => {
  it('prints an A4 sheet whose barcodes scan back to the products and whose text reads in Russian', async () => {
    const pdf = await renderTagsPdf(SAMPLE_TAGS, 'a4-3x8');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(pdf)).toBe(1);
    const { text, barcodes } = readPdf(pdf);
    expect(barcodes).toEqual([['4600070000373', '46009333', '4607004650642']]);
    // the weighed product's price is per kilo, the pack's per litre beside it
    expect(text).toContain('Яблоки Голден, весовые');
    expect(text).toContain('Цена за 1 кг');
    expect(text).toMatch(/149\s+90/);
    expect(text).toMatch(/Цена за 1 л: 96,67\s₽/);
    expect(text).toMatch(/89\s+90/);
    // roubles grouped by thousands, kopecks apart
    expect(text).toMatch(/1\s299\s+99/);
    expect(text).toMatch(/Цена за 1 кг: 8\s666,60\s₽/);
    // the long name wraps onto the template's two lines and is cut with an ellipsis, not dropped
    expect(text).toMatch(/Сыр полутвёрдый «Российский\s+молодой»[^…]*…/);
    expect(text).not.toContain('комбинат');
    expect(text).toContain('12.03.2026');
    expect(text).toContain('PLU 1');
    expect(text).toContain('Арт. 10023');
  });

  it('prints one tag per page on a label template, each page its own product', async () => {
    const pdf = await renderTagsPdf(SAMPLE_TAGS, 'label-43x25');
    expect(pageCount(pdf)).toBe(4);
    const { barcodes } = readPdf(pdf);
    expect(barcodes).toEqual([['4600070000373'], [], ['4607004650642'], ['46009333']]);
  });

  it('fills as many A4 pages as the tags need', async () => {
    // distinct codes: zbarimg reports a code once per page however often it appears
    const many: PriceTag[] = Array.from({ length: 25 }, (_, i) => ({
      ...SAMPLE_TAGS[0]!, name: `Товар ${i + 1}`, barcode: withCheckDigit(`4600000${String(i).padStart(5, '0')}`),
    }));
    const pdf = await renderTagsPdf(many, 'a4-3x8');
    expect(pageCount(pdf)).toBe(2);
    const { text, barcodes } = readPdf(pdf);
    expect(barcodes.map((page) => page.length)).toEqual([24, 1]);
    expect(barcodes[1]).toEqual([withCheckDigit('460000000024')]);
    expect(text).toContain('Товар 25');
  });
});

describe('price tags as a PDF stream', () => {
  it('pulls tags page by page as the reader reads, not the whole run at once', async () => {
    let pulled = 0;
    function* run(): Generator<PriceTag> {
      for (let i = 0; i < 10_000; i++) {
        pulled++;
        yield { ...SAMPLE_TAGS[0]!, name: `Товар ${i}` };
      }
    }
    const stream = tagsPdfStream(run(), 'a4-3x8');
    const first = await new Promise<Buffer>((resolve, reject) => {
      stream.once('readable', () => resolve(stream.read() as Buffer));
      stream.once('error', reject);
    });
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    await new Promise((r) => setTimeout(r, 50));
    // the reader has stopped: only the pages that fill its buffer have been laid out
    expect(pulled).toBeLessThan(24 * 20);
    stream.destroy();
  });

  it('takes tags from an async source, as a catalogue paged from the database gives them', async () => {
    async function* paged(): AsyncGenerator<PriceTag> {
      for (let page = 0; page < 3; page++) {
        await new Promise((r) => setImmediate(r));
        for (let i = 0; i < 10; i++) yield { ...SAMPLE_TAGS[1]!, name: `Товар ${page}-${i}` };
      }
    }
    const pdf = await renderTagsPdf(paged(), 'a4-3x8');
    expect(pageCount(pdf)).toBe(2);
  });

  it('finishes a run of a thousand piped to a file while its source pauses between pages', async () => {
    // Node asks for more as it is about to take from a full buffer, then waits for a push: a pump that
    // answered such a read with nothing stalled the run half way, and the command never answered
    async function* paged(): AsyncGenerator<PriceTag> {
      for (let i = 0; i < 1_000; i++) {
        if (i % 500 === 0) await new Promise((r) => setTimeout(r, 5));
        yield { ...SAMPLE_TAGS[0]!, name: `Товар ${i}` };
      }
    }
    const dir = mkdtempSync(join(tmpdir(), 'lavka-tags-'));
    try {
      const file = join(dir, 'tags.pdf');
      await pipeline(tagsPdfStream(paged(), 'a4-3x8'), createWriteStream(file));
      expect(pageCount(readFileSync(file))).toBe(Math.ceil(1_000 / 24));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says which tag and field is wrong, and prints nothing', async () => {
    const bad = [SAMPLE_TAGS[0], { ...SAMPLE_TAGS[1], name: 'Груши', barcode: '4600070000374' }];
    await expect(renderTagsPdf(bad, 'a4-3x8')).rejects.toThrow('tag 2 (Груши), barcode: not an EAN-13 or EAN-8 with a valid check digit');
    await expect(renderTagsPdf([{ ...SAMPLE_TAGS[1], unitPrice: { per: 'kg', price: 100 } }], 'a4-3x8')).rejects.toThrow(/tag 1 .*unitPrice: a weighed product has no unit price/);
  });

  it('refuses an empty run and an unknown template', async () => {
    await expect(renderTagsPdf([], 'a4-3x8')).rejects.toThrow('no price tags to print');
    expect(() => tagsPdfStream(SAMPLE_TAGS, 'a4-4x10')).toThrow(/no price tag template "a4-4x10"/);
  });
});
