import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tagFaces, tagFontFiles } from '../../core/tags/fonts.js';
import { withCheckDigit } from '../barcode/ean.js';
import { layoutTag, type TagBox, type TagTextBox } from './layout.js';
import { formatTagPrice, pricePerKgOrLitre, priceParts } from './price.js';
import { parsePriceTags, type PriceTag } from './tag.js';
import { TAG_TEMPLATE_IDS, TAG_TEMPLATES, slotInset, slotOrigin, tagTemplate, tagsPerPage } from './templates.js';

const m = tagFaces(tagFontFiles()).metrics;

const base: PriceTag = { name: 'Хлеб Бородинский нарезной 400 г', price: 5_490, unit: 'pcs', barcode: '4600070000373', printedOn: '2026-03-12', shop: 'Лавка' };

const texts = (boxes: TagBox[], role: TagTextBox['role']) => boxes.filter((b): b is TagTextBox => b.kind === 'text' && b.role === role);

/** The box a text run's ink can take: cap height above the baseline, descender below. */
function extent(b: TagBox): { x0: number; y0: number; x1: number; y1: number } {
  if (b.kind === 'text') return { x0: b.x, y0: b.baseline - b.size * 0.93, x1: b.x + b.width, y1: b.baseline + b.size * m.descender };
  return { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
}

const overlaps = (a: TagBox, b: TagBox) => {
  const p = extent(a);
  const q = extent(b);
  return p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1;
};

describe('price tag layout', () => {
  const tagArb = fc.record({
    name: fc.array(fc.constantFrom('Молоко', 'пастеризованное', 'Простоквашино', '3,2%', '930 мл', 'Сверхдлинноеназваниебезпробелов', 'чай', '«Лавка»'), { minLength: 1, maxLength: 14 }).map((w) => w.join(' ')),
    price: fc.integer({ min: 0, max: 99_999_999 }),
    unit: fc.constantFrom('pcs', 'kg', 'l'),
    barcode: fc.option(fc.constantFrom('4600070000373', '46009333', withCheckDigit('200000101250')), { nil: undefined }),
    article: fc.option(fc.constantFrom('1', 'АРТ-000123456789'), { nil: undefined }),
    withUnitPrice: fc.boolean(),
  });

  it('keeps every box inside the label and the barcode clear of the price, for any tag on any template', () => {
    fc.assert(
      fc.property(tagArb, fc.constantFrom(...TAG_TEMPLATE_IDS), fc.nat(), (g, id, slot) => {
        const tag: PriceTag = {
          name: g.name, price: g.price, unit: g.unit, printedOn: '2026-03-12', shop: 'ИП Петрова «Лавка у дома», г. Тверь',
          ...(g.barcode ? { barcode: g.barcode } : {}), ...(g.article ? { article: g.article } : {}),
          ...(g.withUnitPrice && g.unit === 'pcs' ? { unitPrice: { per: 'kg' as const, price: g.price * 3 } } : {}),
        };
        const t = tagTemplate(id);
        const n = slot % tagsPerPage(t);
        const { boxes } = layoutTag(tag, t, m, slotInset(t, n));
        // on a sheet, every mark stays inside what an office printer can print
        const at = slotOrigin(t, n);
        const margin = t.unprintable;
        for (const b of boxes) {
          if (b.kind === 'frame') continue;
          const e = extent(b);
          const firstMark = b.kind === 'barcode' ? b.x + (b.quietLeft - (b.symbology === 'ean13' ? 8 : 0)) * b.module : e.x0;
          expect(at.x + firstMark, `${b.kind} in slot ${n} of ${id}`).toBeGreaterThanOrEqual(margin - 1e-9);
          expect(at.y + e.y0).toBeGreaterThanOrEqual(margin - 1e-9);
          expect(at.x + e.x1 - (b.kind === 'barcode' ? 7 * b.module : 0)).toBeLessThanOrEqual(t.page.width - margin + 1e-9);
          expect(at.y + e.y1).toBeLessThanOrEqual(t.page.height - margin + 1e-9);
        }
        for (const b of boxes) {
          const e = extent(b);
          expect(e.x0, `${b.kind} ${JSON.stringify(b)}`).toBeGreaterThanOrEqual(-1e-9);
          expect(e.y0, `${b.kind} ${JSON.stringify(b)}`).toBeGreaterThanOrEqual(-1e-9);
          expect(e.x1, `${b.kind} ${JSON.stringify(b)}`).toBeLessThanOrEqual(t.label.width + 1e-9);
          expect(e.y1, `${b.kind} ${JSON.stringify(b)}`).toBeLessThanOrEqual(t.label.height + 1e-9);
        }
        const barcode = boxes.find((b) => b.kind === 'barcode');
        const price = boxes.filter((b) => b.kind === 'text' && ['roubles', 'kopecks', 'currency', 'caption'].includes(b.role));
        if (barcode) for (const p of price) expect(overlaps(barcode, p), `barcode and ${JSON.stringify(p)}`).toBe(false);
        expect(texts(boxes, 'name').length).toBeLessThanOrEqual(t.type.nameLines);
        expect(texts(boxes, 'name').every((b) => b.width <= t.label.width - 2 * t.padding + 1e-9)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('says what the price is for: 1 kg for weighed goods, 1 pc with the price per litre for a pack', () => {
    const t = TAG_TEMPLATES['a4-3x8'];
    const weighed = layoutTag({ ...base, name: 'Яблоки', unit: 'kg', price: 14_990 }, t, m).boxes;
    expect(texts(weighed, 'caption').map((b) => b.text)).toEqual(['Цена за 1 кг']);
    expect(texts(weighed, 'unitPrice')).toEqual([]);
    const pack = layoutTag({ ...base, unitPrice: { per: 'l', price: 9_667 } }, t, m).boxes;
    expect(texts(pack, 'caption').map((b) => b.text)).toEqual(['Цена за 1 шт']);
    expect(texts(pack, 'unitPrice').map((b) => b.text)).toEqual(['Цена за 1 л: 96,67\u00a0₽']);
  });

  it('sets roubles big and kopecks small, the kopecks raised to the top of the roubles', () => {
    const { boxes } = layoutTag(base, TAG_TEMPLATES['label-58x40'], m);
    const [r] = texts(boxes, 'roubles');
    const [k] = texts(boxes, 'kopecks');
    expect([r?.text, k?.text]).toEqual(['54', '90']);
    expect(k!.size).toBeLessThan(r!.size / 2);
    expect(k!.x).toBeGreaterThan(r!.x + r!.width - 1e-9);
    expect(Math.abs((k!.baseline - k!.size * m.capHeight) - (r!.baseline - r!.size * m.capHeight))).toBeLessThan(1e-9);
  });

  it('wraps a long name to the template\'s lines and ends it with an ellipsis', () => {
    const long = { ...base, name: 'Сыр полутвёрдый «Российский молодой» 50% жирности, нарезка в вакуумной упаковке, Белебеевский молочный комбинат' };
    const three = texts(layoutTag(long, TAG_TEMPLATES['label-58x40'], m).boxes, 'name').map((b) => b.text);
    expect(three).toHaveLength(3);
    expect(three[0]).toMatch(/^Сыр полутвёрдый/);
    expect(three[2]).toMatch(/…$/);
    const two = texts(layoutTag(long, TAG_TEMPLATES['label-43x25'], m).boxes, 'name');
    expect(two).toHaveLength(2);
    // a short name keeps the template's size
    const short = texts(layoutTag(base, TAG_TEMPLATES['label-43x25'], m).boxes, 'name');
    expect(short[0]?.size).toBe(TAG_TEMPLATES['label-43x25'].type.name);
  });

  it('keeps the outer tags of a sheet clear of the printer\'s margin, and the inner ones as they are', () => {
    const t = TAG_TEMPLATES['a4-3x8'];
    expect(slotInset(t, 0)).toEqual({ left: 4, right: 0, top: 3.5, bottom: 0 });
    expect(slotInset(t, 4)).toEqual({ left: 0, right: 0, top: 0, bottom: 0 });
    expect(slotInset(t, 23)).toEqual({ left: 0, right: 4, top: 0, bottom: 3.5 });
    expect(slotInset(TAG_TEMPLATES['label-58x40'], 0)).toEqual({ left: 0, right: 0, top: 0, bottom: 0 });
  });

  it('places 24 tags on an A4 sheet of 70 × 37 without running off the page', () => {
    const t = TAG_TEMPLATES['a4-3x8'];
    const last = slotOrigin(t, 23);
    expect(last.x + t.label.width).toBeLessThanOrEqual(210);
    expect(last.y + t.label.height).toBeLessThanOrEqual(297);
    expect(slotOrigin(t, 1).x - slotOrigin(t, 0).x).toBe(70);
  });
});

describe('tag prices', () => {
  it('groups roubles by thousands and keeps kopecks two digits', () => {
    expect(priceParts(5)).toEqual({ roubles: '0', kopecks: '05' });
    expect(priceParts(129_999)).toEqual({ roubles: '1\u00a0299', kopecks: '99' });
    expect(priceParts(1_234_567_800)).toEqual({ roubles: '12\u00a0345\u00a0678', kopecks: '00' });
    expect(formatTagPrice(866_660)).toBe('8\u00a0666,60\u00a0₽');
  });

  it('works out the price per kg or litre of a pack, to the kopeck', () => {
    expect(pricePerKgOrLitre(8_990, 930)).toBe(9_667);
    expect(pricePerKgOrLitre(12_990, 150)).toBe(86_600);
    expect(() => pricePerKgOrLitre(100, 0)).toThrow(/positive/);
  });

  it('rejects a bad tag naming it and the field', () => {
    expect(() => parsePriceTags([base, { ...base, name: 'Кефир', price: 10.5 }])).toThrow('tag 2 (Кефир), price: price is whole kopecks');
    expect(() => parsePriceTags([{ ...base, printedOn: '12.03.2026' }])).toThrow(/tag 1 .*printedOn: printedOn is a date/);
  });
});
