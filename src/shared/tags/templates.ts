import type { TagInset } from './layout.js';

/**
 * Price tag templates: the label's size, how labels sit on the page, and the type sizes.
 * All lengths are millimetres; type sizes are the em size in millimetres (1 pt ≈ 0.353 mm).
 * Sheet templates print several tags on an A4 page (sticker sheets or plain paper cut by
 * hand); label templates are one tag per page, the size of a roll label, for a label
 * printer or a PDF printed on one.
 */
export interface TagTemplate {
  id: TagTemplateId;
  name: { ru: string; en: string };
  media: 'sheet' | 'label';
  page: { width: number; height: number };
  label: { width: number; height: number };
  /** where the first label's top-left corner is, and the steps between labels */
  grid: { columns: number; rows: number; left: number; top: number; gapX: number; gapY: number };
  padding: number;
  /** thin lines around each tag, for plain paper cut with scissors; sticker sheets are cut already */
  cutLines: boolean;
  type: {
    /** the shop's name on top; null leaves it off (small tags) */
    shop: number | null;
    name: number;
    nameLines: 2 | 3;
    /** the roubles at most; smaller when the number is long or the tag short */
    price: number;
    /** caption, unit price, article, date */
    small: number;
  };
  /** the EAN module (narrowest bar) at most; narrower when the tag is */
  moduleMm: number;
  /**
   * How close to the sheet's edge an office printer prints (about 4 mm on most lasers):
   * tags in the outer rows and columns keep their content inside it. 0 for labels.
   */
  unprintable: number;
}

export const A4 = { width: 210, height: 297 } as const;

const sheet = (columns: number, rows: number, width: number, height: number) => ({
  columns, rows,
  // centred on the sheet, as sticker sheets are cut
  left: (A4.width - columns * width) / 2,
  top: (A4.height - rows * height) / 2,
  gapX: 0, gapY: 0,
});

const single = { columns: 1, rows: 1, left: 0, top: 0, gapX: 0, gapY: 0 };

export const TAG_TEMPLATES = {
  'a4-3x8': {
    id: 'a4-3x8', name: { ru: 'A4, 3 × 8 (70 × 37 мм)', en: 'A4, 3 × 8 (70 × 37 mm)' }, media: 'sheet',
    page: A4, label: { width: 70, height: 37 }, grid: sheet(3, 8, 70, 37), padding: 2, cutLines: false,
    type: { shop: 1.9, name: 3.2, nameLines: 2, price: 11, small: 2 }, moduleMm: 0.25, unprintable: 4,
  },
  'a4-3x7': {
    id: 'a4-3x7', name: { ru: 'A4, 3 × 7 (70 × 42,3 мм)', en: 'A4, 3 × 7 (70 × 42.3 mm)' }, media: 'sheet',
    page: A4, label: { width: 70, height: 42.3 }, grid: sheet(3, 7, 70, 42.3), padding: 2.2, cutLines: false,
    type: { shop: 2, name: 3.4, nameLines: 3, price: 12, small: 2.1 }, moduleMm: 0.26, unprintable: 4,
  },
  'a4-2x5': {
    // plain paper cut by hand: smaller than the sheet, so every line is inside the printable area
    id: 'a4-2x5', name: { ru: 'A4, 2 × 5 (95 × 55 мм)', en: 'A4, 2 × 5 (95 × 55 mm)' }, media: 'sheet',
    page: A4, label: { width: 95, height: 55 }, grid: sheet(2, 5, 95, 55), padding: 3, cutLines: true,
    type: { shop: 2.6, name: 4.6, nameLines: 3, price: 20, small: 2.8 }, moduleMm: 0.33, unprintable: 4,
  },
  'label-58x40': {
    id: 'label-58x40', name: { ru: 'Этикетка 58 × 40 мм', en: 'Label 58 × 40 mm' }, media: 'label',
    page: { width: 58, height: 40 }, label: { width: 58, height: 40 }, grid: single, padding: 2, cutLines: false,
    type: { shop: 2, name: 3.2, nameLines: 3, price: 12, small: 2.1 }, moduleMm: 0.25, unprintable: 0,
  },
  'label-43x25': {
    id: 'label-43x25', name: { ru: 'Этикетка 43 × 25 мм', en: 'Label 43 × 25 mm' }, media: 'label',
    page: { width: 43, height: 25 }, label: { width: 43, height: 25 }, grid: single, padding: 1.5, cutLines: false,
    type: { shop: null, name: 2.5, nameLines: 2, price: 8, small: 1.8 }, moduleMm: 0.2, unprintable: 0,
  },
} as const satisfies Record<string, Omit<TagTemplate, 'id'> & { id: string }>;

export type TagTemplateId = keyof typeof TAG_TEMPLATES;

export const TAG_TEMPLATE_IDS = Object.keys(TAG_TEMPLATES) as [TagTemplateId, ...TagTemplateId[]];

export function tagTemplate(id: string): TagTemplate {
  if (!(id in TAG_TEMPLATES)) throw new RangeError(`no price tag template "${id}" (there are ${TAG_TEMPLATE_IDS.join(', ')})`);
  return TAG_TEMPLATES[id as TagTemplateId];
}

export function tagsPerPage(t: TagTemplate): number {
  return t.grid.columns * t.grid.rows;
}

/** Where the n-th tag of a page (row by row) has its top-left corner, in mm from the page's. */
export function slotOrigin(t: TagTemplate, n: number): { x: number; y: number } {
  const column = n % t.grid.columns;
  const row = Math.floor(n / t.grid.columns);
  return { x: t.grid.left + column * (t.label.width + t.grid.gapX), y: t.grid.top + row * (t.label.height + t.grid.gapY) };
}

/** How much of the n-th tag of a page lies within the printer's unprintable margin, side by side. */
export function slotInset(t: TagTemplate, n: number): TagInset {
  const { x, y } = slotOrigin(t, n);
  const clear = (distance: number) => Math.max(t.unprintable - distance, 0);
  return {
    left: clear(x),
    right: clear(t.page.width - x - t.label.width),
    top: clear(y),
    bottom: clear(t.page.height - y - t.label.height),
  };
}
