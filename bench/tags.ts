/**
 * Price tag figures of issue #4: PDF rendering time per 100 tags on the A4 3 × 8 sheet, a
 * 10,000-tag run streamed to a sink (time and how much the heap grew: it must not hold the
 * run), and label printer encoding (layout, rasterised text, TSPL bytes) per 100 tags.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LabelFace } from '../drivers/label/face.js';
import { tagLabel } from '../drivers/label/label.js';
import { encodeTspl } from '../drivers/label/tspl.js';
import { withCheckDigit } from '../src/shared/barcode/ean.js';
import { TAG_TEMPLATES, type PriceTag } from '../src/shared/tags/index.js';
import { renderTagsPdf, tagFontFiles, tagsPdfStream } from '../src/core/tags/index.js';
import { detailOf, emit, figure, msSince, progress, round, summarize } from './stats.js';

/** A realistic mix: packaged goods with EAN-13 and a price per kg or litre, weighed goods, long names. */
function tag(i: number): PriceTag {
  const base = { printedOn: '2026-03-12', shop: 'Лавка «У дома»' };
  switch (i % 4) {
    case 0: return { ...base, name: `Молоко «Домик в деревне» 3,2% 930 мл №${i}`, price: 8_990 + i, unit: 'pcs', unitPrice: { per: 'l', price: 9_667 }, barcode: withCheckDigit(`46000${String(i).padStart(7, '0')}`), article: String(10_000 + i) };
    case 1: return { ...base, name: `Яблоки Голден, весовые (${i})`, price: 14_990, unit: 'kg', plu: String(i % 1000) };
    case 2: return { ...base, name: `Сыр полутвёрдый «Российский молодой» 50% жирности, нарезка в вакуумной упаковке ${i}`, price: 129_999, unit: 'pcs', unitPrice: { per: 'kg', price: 866_660 }, barcode: withCheckDigit(`46070${String(i).padStart(7, '0')}`) };
    default: return { ...base, name: `Жевательная резинка мятная ${i}`, price: 4_500, unit: 'pcs', barcode: withCheckDigit(`460${String(i % 10_000).padStart(4, '0')}`) };
  }
}

const tags = (n: number) => Array.from({ length: n }, (_, i) => tag(i));

async function pdfPer100(iterations: number): Promise<void> {
  progress(`tags: PDF of 100 tags on A4 3 × 8, ${iterations} times`);
  const batch = tags(100);
  for (let i = 0; i < 3; i++) await renderTagsPdf(batch, 'a4-3x8');
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    bytes = (await renderTagsPdf(batch, 'a4-3x8')).length;
    samples.push(msSince(start));
  }
  const s = summarize(samples);
  emit(figure('tags_pdf_ms_per_100', s.p50, 'ms', {}, undefined, { ...detailOf(s), template: 'a4-3x8', pages: Math.ceil(100 / 24), pdf_bytes: bytes }));
}

/** A collector we may call: the run's retained heap is what is left after one. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function pdfRun(count: number): Promise<void> {
  progress(`tags: a ${count}-tag PDF streamed to a sink`);
  const gc = collector();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let retained = 0;
  let bytes = 0;
  function* source(): Generator<PriceTag> {
    for (let i = 0; i < count; i++) {
      if (i % 1000 === 999) {
        gc();
        retained = Math.max(retained, process.memoryUsage().heapUsed - heapBefore);
      }
      yield tag(i);
    }
  }
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  const start = process.hrtime.bigint();
  await pipeline(tagsPdfStream(source(), 'a4-3x8'), sink);
  const ms = msSince(start);
  emit(figure('tags_pdf_stream_ms_per_100', (ms * 100) / count, 'ms', {}, undefined, {
    tags: count, pages: Math.ceil(count / 24), total_s: round(ms / 1000, 2), pdf_mb: round(bytes / 2 ** 20, 1),
    // live heap after a collection, every 1,000 tags: what the run holds (pdfkit keeps each distinct word's shaping)
    heap_retained_max_mb: round(retained / 2 ** 20, 1),
  }));
}

function labelsPer100(iterations: number): void {
  progress(`tags: TSPL labels 58 × 40 at 203 dpi, 100 tags, ${iterations} times`);
  const face = new LabelFace(tagFontFiles());
  const batch = tags(100);
  const template = TAG_TEMPLATES['label-58x40'];
  const once = () => batch.reduce((n, t) => n + encodeTspl(tagLabel(t, template, face, 203)).length, 0);
  once();
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    bytes = once();
    samples.push(msSince(start));
  }
  const s = summarize(samples);
  emit(figure('tags_tspl_ms_per_100', s.p50, 'ms', {}, undefined, { ...detailOf(s), template: 'label-58x40', dpi: 203, bytes_per_label: Math.round(bytes / 100) }));
}

export async function runTagFigures(options: { iterations: number; run: number }): Promise<void> {
  await pdfPer100(options.iterations);
  await pdfRun(options.run);
  labelsPer100(Math.max(Math.round(options.iterations / 2), 3));
}
