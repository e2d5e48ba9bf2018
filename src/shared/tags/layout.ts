import { formatTagDate, formatTagPrice, priceParts } from './price.js';
import type { PriceTag } from './tag.js';
import type { TagTemplate } from './templates.js';

export type TagFont = 'regular' | 'bold';

/** What the layout needs to know of the font it is set in; PDF and label bitmaps use the same font. */
export interface TagFontMetrics {
  /** width in mm of `text` at an em size of `size` mm */
  width(text: string, font: TagFont, size: number): number;
  /** height of capitals and digits, per em */
  capHeight: number;
  /** depth below the baseline, per em (positive) */
  descender: number;
}

export type TagTextRole = 'shop' | 'name' | 'caption' | 'roubles' | 'kopecks' | 'currency' | 'unitPrice' | 'footer' | 'date';

/** A run of text, already aligned: `x` is its left edge and `baseline` its baseline, mm from the tag's top-left. */
export interface TagTextBox {
  kind: 'text';
  role: TagTextRole;
  text: string;
  font: TagFont;
  size: number;
  x: number;
  baseline: number;
  width: number;
}

/**
 * An EAN symbol with its digits. `x` is the left edge of the left quiet zone (the first
 * digit of an EAN-13 sits in it), `y` the top of the bars; `width` spans both quiet zones.
 */
export interface TagBarcodeBox {
  kind: 'barcode';
  symbology: 'ean13' | 'ean8';
  data: string;
  x: number;
  y: number;
  module: number;
  barHeight: number;
  /** em size of the digits under the bars */
  digitSize: number;
  quietLeft: number;
  width: number;
  height: number;
}

/** A thin frame around the tag: the line to cut along on plain paper. */
export interface TagFrameBox {
  kind: 'frame';
  x: number;
  y: number;
  width: number;
  height: number;
}

export type TagBox = TagTextBox | TagBarcodeBox | TagFrameBox;

/** Extra room to keep clear on each side of a tag, in mm: where a sheet's tag runs into the printer's unprintable margin. */
export interface TagInset {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const NO_INSET: TagInset = { left: 0, right: 0, top: 0, bottom: 0 };

export interface TagLayout {
  width: number;
  height: number;
  boxes: TagBox[];
}

const ELLIPSIS = '…';
const LINE = 1.2;
/** digits under the bars, in modules: a little smaller than OCR-B's, as DejaVu's digits are wider */
const DIGIT_EM_MODULES = 10;

export const EAN_GEOMETRY = {
  ean13: { bars: 95, quietLeft: 11, quietRight: 7 },
  ean8: { bars: 67, quietLeft: 7, quietRight: 7 },
} as const;

const UNIT_WORD = { pcs: 'шт', kg: 'кг', l: 'л' } as const;

/** Cuts `text` to `width`, ending in "…" when it had to cut. */
export function fitText(text: string, font: TagFont, size: number, width: number, m: TagFontMetrics): string {
  if (m.width(text, font, size) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (m.width(text.slice(0, mid).trimEnd() + ELLIPSIS, font, size) <= width) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo).trimEnd() + ELLIPSIS;
}

/**
 * Greedy word wrap into at most `maxLines`; a word wider than the line is split between
 * letters. `cut` tells whether the text did not fit and the last line ends in "…".
 */
export function wrapText(text: string, font: TagFont, size: number, width: number, maxLines: number, m: TagFontMetrics): { lines: string[]; cut: boolean } {
  const fits = (s: string) => m.width(s, font, size) <= width;
  const lines: string[] = [];
  let current = '';
  for (const whole of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${whole}` : whole;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    let word = whole;
    while (word.length > 1 && !fits(word)) {
      let n = word.length - 1;
      while (n > 1 && !fits(word.slice(0, n))) n--;
      lines.push(word.slice(0, n));
      word = word.slice(n);
    }
    current = word;
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return { lines, cut: false };
  const kept = lines.slice(0, maxLines);
  const rest = lines.slice(maxLines - 1).join(' ');
  kept[maxLines - 1] = fitText(rest + ELLIPSIS, font, size, width, m);
  if (!kept[maxLines - 1]?.endsWith(ELLIPSIS)) kept[maxLines - 1] += ELLIPSIS;
  return { lines: kept, cut: true };
}

/** The name at the template's size, or a step or two smaller if that is what it takes to fit whole. */
function wrapName(name: string, t: TagTemplate, width: number, m: TagFontMetrics): { lines: string[]; size: number } {
  const sizes = [1, 0.9, 0.8].map((k) => t.type.name * k);
  for (const size of sizes) {
    const r = wrapText(name, 'bold', size, width, t.type.nameLines, m);
    if (!r.cut) return { lines: r.lines, size };
  }
  const size = sizes[sizes.length - 1] ?? t.type.name;
  return { lines: wrapText(name, 'bold', size, width, t.type.nameLines, m).lines, size };
}

/**
 * Lays one tag out on its label: shop, name (2–3 lines), the price with roubles big and
 * kopecks small (and what the price is for: 1 шт, 1 кг, 1 л), the unit price of a pack,
 * the EAN with its digits, article or PLU, and the date printed. Pure: the same tag and
 * template give the same boxes, which the PDF and the label printers both draw.
 */
export function layoutTag(tag: PriceTag, t: TagTemplate, m: TagFontMetrics, inset: TagInset = NO_INSET): TagLayout {
  const { width: w, height: h } = t.label;
  const p = t.padding;
  // the content's edges: padding, plus whatever of the tag lies where the printer cannot print
  const L = p + inset.left;
  const R = w - p - inset.right;
  const T = p + inset.top;
  const B = h - p - inset.bottom;
  const inner = R - L;
  const cap = m.capHeight;
  const small = t.type.small;
  const boxes: TagBox[] = [];
  const text = (role: TagTextRole, s: string, font: TagFont, size: number, x: number, baseline: number): TagTextBox => {
    const box: TagTextBox = { kind: 'text', role, text: s, font, size, x, baseline, width: m.width(s, font, size) };
    boxes.push(box);
    return box;
  };
  const right = (role: TagTextRole, s: string, font: TagFont, size: number, rightEdge: number, baseline: number) =>
    text(role, s, font, size, rightEdge - m.width(s, font, size), baseline);

  if (t.cutLines) boxes.push({ kind: 'frame', x: 0, y: 0, width: w, height: h });

  let y = T;
  const shopSize = t.type.shop;
  if (shopSize !== null && tag.shop.trim()) {
    text('shop', fitText(tag.shop.trim(), 'regular', shopSize, inner, m), 'regular', shopSize, L, y + cap * shopSize);
    y += shopSize * LINE;
  }

  const name = wrapName(tag.name, t, inner, m);
  name.lines.forEach((line, i) => text('name', line, 'bold', name.size, L, y + cap * name.size + i * name.size * LINE));
  y += cap * name.size + (name.lines.length - 1) * name.size * LINE + m.descender * name.size + small * 0.4;

  // footer: article / PLU on the left, the date on the right
  const footerBaseline = B - m.descender * small;
  const date = right('date', formatTagDate(tag.printedOn), 'regular', small, R, footerBaseline);
  const ids = [tag.article ? `Арт. ${tag.article}` : '', tag.plu ? `PLU ${tag.plu}` : ''].filter(Boolean).join('  ');
  if (ids) text('footer', fitText(ids, 'regular', small, inner - date.width - small, m), 'regular', small, L, footerBaseline);
  let bottom = footerBaseline - cap * small - small * 0.8;

  if (tag.unitPrice) {
    const line = `Цена за 1 ${UNIT_WORD[tag.unitPrice.per]}: ${formatTagPrice(tag.unitPrice.price)}`;
    text('unitPrice', fitText(line, 'regular', small, inner, m), 'regular', small, L, bottom);
    bottom -= cap * small + small * 0.5;
  }

  let priceLeft = L;
  if (tag.barcode) {
    const symbology = tag.barcode.length === 13 ? 'ean13' : 'ean8';
    const g = EAN_GEOMETRY[symbology];
    const modules = g.quietLeft + g.bars + g.quietRight;
    // the symbol gets at most 55 % of the width: the price is what the tag is for
    const module = Math.min(t.moduleMm, (inner * 0.55) / modules);
    const digitSize = DIGIT_EM_MODULES * module;
    const under = module + cap * digitSize + module;
    // a symbol taller than 0.6 of its width adds nothing for the scanner
    const barHeight = Math.max(Math.min(bottom - y - under, 0.6 * modules * module), 4);
    const height = barHeight + under;
    const box: TagBarcodeBox = {
      kind: 'barcode', symbology, data: tag.barcode, module, barHeight, digitSize, quietLeft: g.quietLeft,
      // the quiet zone may run into the padding: it is white either way
      x: Math.max(L - g.quietLeft * module, 0), y: bottom - height, width: modules * module, height,
    };
    boxes.push(box);
    priceLeft = box.x + box.width + small * 0.5;
  }

  const caption = right('caption', `Цена за 1 ${UNIT_WORD[tag.unit]}`, 'regular', small, R, y + cap * small);
  const priceTop = caption.baseline + small * 0.6;
  const { roubles, kopecks } = priceParts(tag.price);
  const KOP = 0.45;
  const gap = 0.06;
  const widthAt1 = m.width(roubles, 'bold', 1) + gap + Math.max(m.width(kopecks, 'bold', KOP), m.width('₽', 'bold', KOP));
  const big = Math.max(Math.min(t.type.price, (bottom - priceTop) / cap, (R - priceLeft) / widthAt1), small);
  const left = R - widthAt1 * big;
  const r = text('roubles', roubles, 'bold', big, left, bottom);
  const kx = r.x + r.width + gap * big;
  text('kopecks', kopecks, 'bold', big * KOP, kx, bottom - cap * big + cap * big * KOP);
  text('currency', '₽', 'bold', big * KOP, kx, bottom);

  return { width: w, height: h, boxes };
}

/** What metrics need of an outline font: fontkit's Font has this shape. */
export interface OutlineFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  layout(text: string): { advanceWidth: number };
  glyphForCodePoint(codePoint: number): { bbox: { maxY: number } };
}

/** How many words' widths a metrics object remembers before it starts afresh. */
const WORD_CACHE = 10_000;

/**
 * Metrics from the fonts' own advances, as pdfkit sets the text: shaped word by word
 * (kerning inside words; pdfkit shapes per word too), each word's width remembered, since
 * shaping is the costly part and wrapping measures the same words again and again.
 */
export function outlineFontMetrics(faces: Record<TagFont, OutlineFont>): TagFontMetrics {
  const regular = faces.regular;
  const caches: Record<TagFont, Map<string, number>> = { regular: new Map(), bold: new Map() };
  const wordWidth = (word: string, font: TagFont): number => {
    const cache = caches[font];
    let w = cache.get(word);
    if (w === undefined) {
      if (cache.size >= WORD_CACHE) cache.clear();
      w = faces[font].layout(word).advanceWidth / faces[font].unitsPerEm;
      cache.set(word, w);
    }
    return w;
  };
  // digits stand a little taller than capitals; the price is digits
  const height = (ch: string) => regular.glyphForCodePoint(ch.codePointAt(0) ?? 0).bbox.maxY;
  return {
    width: (text, font, size) => {
      let em = 0;
      // words with the space after them, as pdfkit splits text to shape it
      for (const word of text.match(/[^ \t]*[ \t]?/g) ?? []) if (word) em += wordWidth(word, font);
      return em * size;
    },
    capHeight: Math.max(height('H'), height('0')) / regular.unitsPerEm,
    descender: -regular.descent / regular.unitsPerEm,
  };
}
