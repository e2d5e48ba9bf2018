import { isValidGtin } from './ean.js';

/**
 * GS1 element strings, as read from DataMatrix marking codes (Честный ЗНАК), GS1-128
 * and GS1 QR. Runtime-neutral: strings in, plain objects out.
 *
 * An element string is AI + value, AI + value, …; values of variable length end at
 * a GS (\x1d, FNC1) unless they come last. Scanners add a symbology prefix (]d2, ]C1,
 * ]Q3) or send the leading FNC1 as GS, and many keyboard-wedge setups lose the GS
 * altogether — for marking codes we then rebuild the fields from the known layouts.
 */

export const GS = '\x1d';

export interface AiSpec {
  /** the AI, or its first digits when the last one is a parameter (310n: decimals) */
  ai: string;
  /** digits in the AI itself */
  aiLength: number;
  title: string;
  /** fixed value length, or null when variable (ends at GS) */
  fixed: number | null;
  /** longest variable value */
  max: number;
  numeric: boolean;
}

const fixed = (ai: string, len: number, title: string, aiLength = ai.length): AiSpec => ({ ai, aiLength, title, fixed: len, max: len, numeric: true });
const variable = (ai: string, max: number, title: string, numeric = false, aiLength = ai.length): AiSpec => ({ ai, aiLength, title, fixed: null, max, numeric });

/** The AIs we meet at a till. GS1 designed AIs to be prefix-free, so lookup is unambiguous. */
export const AI_TABLE: readonly AiSpec[] = [
  fixed('00', 18, 'SSCC'),
  fixed('01', 14, 'GTIN'),
  fixed('02', 14, 'CONTENT'),
  variable('10', 20, 'BATCH/LOT'),
  fixed('11', 6, 'PROD DATE'),
  fixed('13', 6, 'PACK DATE'),
  fixed('15', 6, 'BEST BEFORE'),
  fixed('16', 6, 'SELL BY'),
  fixed('17', 6, 'USE BY'),
  fixed('20', 2, 'VARIANT'),
  variable('21', 20, 'SERIAL'),
  variable('22', 20, 'CPV'),
  variable('240', 30, 'ADDITIONAL ID'),
  variable('241', 30, 'CUST. PART No.'),
  variable('250', 30, 'SECONDARY SERIAL'),
  variable('30', 8, 'VAR. COUNT', true),
  fixed('310', 6, 'NET WEIGHT (kg)', 4),
  fixed('320', 6, 'NET WEIGHT (lb)', 4),
  fixed('330', 6, 'GROSS WEIGHT (kg)', 4),
  variable('37', 8, 'COUNT', true),
  variable('390', 15, 'AMOUNT', true, 4),
  variable('392', 15, 'PRICE', true, 4),
  variable('400', 30, 'ORDER NUMBER'),
  ...['410', '411', '412', '413', '414', '415'].map((ai) => fixed(ai, 13, 'GLN')),
  fixed('422', 3, 'ORIGIN'),
  fixed('7003', 10, 'EXPIRY TIME'),
  fixed('8005', 6, 'PRICE PER UNIT'),
  // company internal; Честный ЗНАК: 91 verification key id, 92 verification code, 93 crypto tail
  ...['91', '92', '93', '94', '95', '96', '97', '98', '99'].map((ai) => variable(ai, 90, 'INTERNAL')),
];

/** Finds the AI at `at`; for parameterised AIs the full 4 digits are the AI. */
export function lookupAi(code: string, at: number): AiSpec | null {
  for (const spec of AI_TABLE) {
    if (!code.startsWith(spec.ai, at)) continue;
    const ai = code.slice(at, at + spec.aiLength);
    if (ai.length === spec.aiLength && /^\d+$/.test(ai)) return spec;
  }
  return null;
}

export interface Gs1Element {
  ai: string;
  value: string;
  title: string;
}

/** The Честный ЗНАК layouts we can rebuild when the GS separators were lost. */
export type MarkingLayout =
  | 'serial13-key-code44' // shoes, clothes and linen, tyres, perfume, cameras, medicines
  | 'serial13-key-code88'
  | 'serial6-tail' // dairy
  | 'serial6-tail-weight' // dairy sold by weight (3103)
  | 'serial13-tail' // packaged water
  | 'serial7-tail' // beer and other groups with 7-character serials
  | 'serial8-tail'
  | 'serial7-price-tail' // tobacco blocks and packs in GS1 form (8005 = maximum retail price)
  | 'tobacco-pack'; // the 29-character pack code: GTIN, serial 7, price code 4, crypto 4, no AIs

export interface Gs1Fields {
  gtin?: string;
  serial?: string;
  batch?: string;
  /** ISO date from AI 17 */
  expiry?: string;
  /** from AI 310n, in grams */
  netWeightGrams?: number;
  /** 91: verification key id */
  cryptoKey?: string;
  /** 92: verification code (the long crypto part) */
  cryptoCode?: string;
  /** 93 (or the tobacco pack's last 4 characters): the short crypto tail */
  cryptoTail?: string;
  /** 8005, or the tobacco pack's 4-character encoded price */
  price?: string;
}

export interface Gs1Code {
  elements: Gs1Element[];
  fields: Gs1Fields;
  /** the symbology identifier the scanner sent, if any */
  symbology: ']d2' | ']C1' | ']Q3' | ']e0' | null;
  /** a known marking layout matched */
  layout: MarkingLayout | null;
  /** GS separators were missing and we put them back from the layout */
  recovered: boolean;
}

export type Gs1Result = { ok: true; code: Gs1Code } | { ok: false; error: string; at: number };

/** GS1's 82 "invariant" characters (ISO 646 subset): what AI values may contain. */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;

function stripPrefix(raw: string): { body: string; symbology: Gs1Code['symbology'] } {
  // scanners end a read with CR/LF; a GS at the very end is a stray FNC1
  let body = raw.replace(/[\r\n]+$/, '');
  let symbology: Gs1Code['symbology'] = null;
  const m = /^\](d2|C1|Q3|e0)/.exec(body);
  if (m) {
    symbology = `]${m[1]}` as Gs1Code['symbology'];
    body = body.slice(3);
  }
  // the leading FNC1 that marks the symbol as GS1, sent as GS by most scanners
  while (body.startsWith(GS)) body = body.slice(1);
  while (body.endsWith(GS)) body = body.slice(0, -1);
  return { body, symbology };
}

/** YYMMDD → YYYY-MM-DD; day 00 means the last day of the month (GS1 rule). Century: 20xx. */
export function gs1Date(yymmdd: string): string | null {
  const m = /^(\d\d)(\d\d)(\d\d)$/.exec(yymmdd);
  if (!m) return null;
  const year = 2000 + Number(m[1]);
  const month = Number(m[2]);
  let day = Number(m[3]);
  if (month < 1 || month > 12) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day === 0) day = last;
  if (day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fieldsOf(elements: Gs1Element[]): Gs1Fields {
  const f: Gs1Fields = {};
  for (const { ai, value } of elements) {
    if (ai === '01') f.gtin = value;
    else if (ai === '21') f.serial = value;
    else if (ai === '10') f.batch = value;
    else if (ai === '17') f.expiry = gs1Date(value) ?? value;
    else if (ai === '91') f.cryptoKey = value;
    else if (ai === '92') f.cryptoCode = value;
    else if (ai === '93') f.cryptoTail = value;
    else if (ai === '8005') f.price = value;
    else if (/^310[0-5]$/.test(ai)) {
      const decimals = Number(ai[3]);
      // value has `decimals` decimal places in kg; grams = value × 10^(3 − decimals)
      f.netWeightGrams = Math.round(Number(value) * 10 ** (3 - decimals));
    }
  }
  return f;
}

function validate(elements: Gs1Element[]): { error: string; ai: string } | null {
  for (const e of elements) {
    const spec = AI_TABLE.find((s) => e.ai.startsWith(s.ai) && e.ai.length === s.aiLength);
    if (!spec) return { error: `unknown AI ${e.ai}`, ai: e.ai };
    if (spec.numeric && !/^\d+$/.test(e.value)) return { error: `AI ${e.ai} must be digits`, ai: e.ai };
    if (!CSET82.test(e.value)) return { error: `AI ${e.ai} has characters GS1 does not allow`, ai: e.ai };
    if (e.value.length === 0 || e.value.length > spec.max) return { error: `AI ${e.ai} value length ${e.value.length}`, ai: e.ai };
    if ((e.ai === '01' || e.ai === '02') && !isValidGtin(e.value)) return { error: `GTIN ${e.value} has a wrong check digit`, ai: e.ai };
    if (['11', '13', '15', '16', '17'].includes(e.ai) && gs1Date(e.value) === null) return { error: `AI ${e.ai}: ${e.value} is not a date`, ai: e.ai };
  }
  return null;
}

/** Reads the element string strictly: fixed lengths from the table, variable values to the next GS. */
export function parseElements(body: string): { elements: Gs1Element[] } | { error: string; at: number } {
  const elements: Gs1Element[] = [];
  let at = 0;
  while (at < body.length) {
    if (body[at] === GS) {
      at++;
      continue;
    }
    const spec = lookupAi(body, at);
    if (!spec) return { error: `unknown AI at ${at}: ${body.slice(at, at + 4)}`, at };
    const ai = body.slice(at, at + spec.aiLength);
    const start = at + spec.aiLength;
    let end: number;
    if (spec.fixed !== null) {
      end = start + spec.fixed;
      if (end > body.length) return { error: `AI ${ai} needs ${spec.fixed} characters`, at };
      if (body.slice(start, end).includes(GS)) return { error: `AI ${ai} cut short by GS`, at };
    } else {
      const gs = body.indexOf(GS, start);
      end = gs < 0 ? body.length : gs;
      if (end - start > spec.max) return { error: `AI ${ai} longer than ${spec.max}: a GS separator is probably missing`, at };
    }
    elements.push({ ai, value: body.slice(start, end), title: spec.title });
    at = end;
  }
  return { elements };
}

interface Layout {
  name: Exclude<MarkingLayout, 'tobacco-pack'>;
  serial: number;
  tail: readonly (readonly [ai: string, length: number])[];
}

/** Most specific first: a crypto tail that lands on its AI is strong evidence. */
const LAYOUTS: readonly Layout[] = [
  { name: 'serial13-key-code44', serial: 13, tail: [['91', 4], ['92', 44]] },
  { name: 'serial13-key-code88', serial: 13, tail: [['91', 4], ['92', 88]] },
  { name: 'serial7-price-tail', serial: 7, tail: [['8005', 6], ['93', 4]] },
  { name: 'serial6-tail-weight', serial: 6, tail: [['93', 4], ['3103', 6]] },
  { name: 'serial6-tail', serial: 6, tail: [['93', 4]] },
  { name: 'serial7-tail', serial: 7, tail: [['93', 4]] },
  { name: 'serial8-tail', serial: 8, tail: [['93', 4]] },
  { name: 'serial13-tail', serial: 13, tail: [['93', 4]] },
];

/**
 * Cuts a marking code by a known layout. Used with or without GS: every GS that is
 * there must fall on a boundary, the ones missing are what we recover.
 */
function byLayout(body: string): { elements: Gs1Element[]; layout: Layout['name']; recovered: boolean } | null {
  const flat = body.split(GS).join('');
  // where the GS were, in flat-string offsets
  const gsAt = new Set<number>();
  let removed = 0;
  for (let i = 0; i < body.length; i++) if (body[i] === GS) gsAt.add(i - removed++);
  if (!flat.startsWith('01') || flat.slice(16, 18) !== '21') return null;
  for (const layout of LAYOUTS) {
    const total = 18 + layout.serial + layout.tail.reduce((n, [ai, len]) => n + ai.length + len, 0);
    if (flat.length !== total) continue;
    const elements: Gs1Element[] = [
      { ai: '01', value: flat.slice(2, 16), title: 'GTIN' },
      { ai: '21', value: flat.slice(18, 18 + layout.serial), title: 'SERIAL' },
    ];
    const boundaries = new Set<number>([16]); // a GS after the GTIN is tolerated, not needed
    const needed: number[] = [];
    let at = 18 + layout.serial;
    let fits = true;
    for (const [ai, len] of layout.tail) {
      needed.push(at);
      boundaries.add(at);
      if (flat.slice(at, at + ai.length) !== ai) {
        fits = false;
        break;
      }
      const spec = lookupAi(flat, at);
      elements.push({ ai, value: flat.slice(at + ai.length, at + ai.length + len), title: spec?.title ?? 'INTERNAL' });
      at += ai.length + len;
    }
    if (!fits || [...gsAt].some((g) => !boundaries.has(g))) continue;
    if (validate(elements) !== null) continue;
    return { elements, layout: layout.name, recovered: needed.some((n) => !gsAt.has(n)) };
  }
  return null;
}

/** The 29-character cigarette pack code: GTIN 14, serial 7, price code 4, crypto tail 4; no AIs. */
function tobaccoPack(body: string): Gs1Element[] | null {
  if (body.length !== 29 || !/^\d{14}$/.test(body.slice(0, 14)) || !isValidGtin(body.slice(0, 14))) return null;
  if (!CSET82.test(body.slice(14))) return null;
  return [
    { ai: '01', value: body.slice(0, 14), title: 'GTIN' },
    { ai: '21', value: body.slice(14, 21), title: 'SERIAL' },
  ];
}

/** Parses a scanned GS1 code: prefixes and FNC1 forms accepted, lost GS recovered for marking codes. */
export function parseGs1(raw: string): Gs1Result {
  const { body, symbology } = stripPrefix(raw);
  if (body.length === 0) return { ok: false, error: 'empty code', at: 0 };

  const laid = byLayout(body);
  if (laid) {
    return { ok: true, code: { elements: laid.elements, fields: fieldsOf(laid.elements), symbology, layout: laid.layout, recovered: laid.recovered } };
  }

  const strict = parseElements(body);
  if ('elements' in strict) {
    const bad = validate(strict.elements);
    if (!bad) return { ok: true, code: { elements: strict.elements, fields: fieldsOf(strict.elements), symbology, layout: null, recovered: false } };
    if (!body.includes(GS)) {
      const pack = tobaccoPack(body);
      if (pack) return { ok: true, code: tobaccoPackCode(body, pack, symbology) };
    }
    return { ok: false, error: bad.error, at: 0 };
  }
  const pack = body.includes(GS) ? null : tobaccoPack(body);
  if (pack) return { ok: true, code: tobaccoPackCode(body, pack, symbology) };
  return { ok: false, error: strict.error, at: strict.at };
}

function tobaccoPackCode(body: string, elements: Gs1Element[], symbology: Gs1Code['symbology']): Gs1Code {
  return {
    elements,
    fields: { ...fieldsOf(elements), price: body.slice(21, 25), cryptoTail: body.slice(25, 29) },
    symbology,
    layout: 'tobacco-pack',
    recovered: false,
  };
}

/** The canonical element string (no prefix, GS after each variable value but the last): what a registrar wants. */
export function formatGs1(elements: readonly Gs1Element[]): string {
  let out = '';
  elements.forEach((e, i) => {
    out += e.ai + e.value;
    const spec = lookupAi(e.ai + e.value, 0);
    if (spec?.fixed === null && i < elements.length - 1) out += GS;
  });
  return out;
}

/** "(01)04607001771524(21)…" — for screens and logs; GS is invisible. */
export function humanReadable(elements: readonly Gs1Element[]): string {
  return elements.map((e) => `(${e.ai})${e.value}`).join('');
}
