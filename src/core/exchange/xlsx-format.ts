/**
 * A number cell as the text a person reads in Russian Excel: decimal comma, the decimals its
 * format asks for, dates as ДД.ММ.ГГГГ. Two departures, both so an import loses nothing:
 * no digit grouping (a barcode formatted "# ##0" must stay one run of digits), and a number in
 * scientific format is written out in full (the file holds all of its digits even where Excel
 * shows 4,6007E+12).
 *
 * The cell's own decimal text is rounded as text, never through a binary float, so 1.005 shown
 * with two decimals is "1,01" as in Excel; only a value with more than 15 significant digits (a
 * formula's 0.30000000000000004) is first cut to the 15 Excel works with.
 */
export type CellFormatter = (value: string) => string;

export function cellFormatter(format: string, date1904: boolean): CellFormatter {
  const section = firstSection(format);
  if (isDateFormat(section)) return (v) => formatSerialDate(Number(v), section, date1904);
  const decimals = decimalsOf(section);
  if (section.includes('%')) return (v) => `${fixed(shiftPoint(v, 2), decimals)}%`;
  if (/E\+|general|@/i.test(section) || !/[0#?]/.test(section)) return general;
  return (v) => fixed(v, decimals);
}

/** The codes of Excel's built-in formats the reader needs to tell (ECMA-376 §18.8.30). */
const BUILT_IN: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'dd.mm.yyyy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss',
  22: 'dd.mm.yyyy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

export function builtInFormat(id: number): string {
  return BUILT_IN[id] ?? 'General';
}

/** The positive-number section, with literals ("…", \x, _x) and [colours/locales] taken out. */
function firstSection(format: string): string {
  const bare = format.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, '').replace(/_./g, '');
  return bare.split(';')[0] ?? '';
}

function isDateFormat(section: string): boolean {
  return !/general/i.test(section) && /[dmyhs]/i.test(section.replace(/E\+/gi, ''));
}

function decimalsOf(section: string): number {
  return /\.([0#?]+)/.exec(section)?.[1]?.length ?? 0;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** A plain decimal (sign, digits, point) of at most 15 significant digits, from whatever the cell holds. */
function decimalText(v: string): RegExpExecArray | null {
  const m = DECIMAL.exec(v);
  if (m && ((m[2] ?? '') + (m[3] ?? '')).replace(/^0+/, '').length <= 15) return m;
  // exponent forms, or more digits than a double carries: through the number, to 15 digits
  const n = Number(v);
  if (!Number.isFinite(n)) return null;
  const abs = Math.abs(n);
  const text = abs === 0 ? '0' : abs >= 1e-6 && abs < 1e21 ? n.toPrecision(15) : n.toFixed(20);
  return DECIMAL.exec(text.includes('e') ? n.toFixed(0) : text);
}

/** Up to 15 significant digits, trailing zeros dropped (Excel's General). */
function general(v: string): string {
  const m = decimalText(v);
  if (!m) return v;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  return `${m[1] ?? ''}${m[2]}${frac ? `,${frac}` : ''}`;
}

/** Rounded half away from zero to `places` decimals, on the decimal text. */
function fixed(v: string, places: number): string {
  const m = decimalText(v);
  if (!m) return v;
  const whole = m[2] ?? '0';
  const frac = m[3] ?? '';
  let digits = whole + frac.padEnd(places, '0').slice(0, places);
  if (frac.length > places && (frac.charCodeAt(places) - 48) >= 5) {
    digits = (BigInt(digits) + 1n).toString().padStart(digits.length, '0');
  }
  digits = digits.replace(/^0+(?=\d)/, '').padStart(places + 1, '0');
  const text = places ? `${digits.slice(0, -places)},${digits.slice(-places)}` : digits;
  return m[1] && /[1-9]/.test(digits) ? `-${text}` : text;
}

/** × 10^places by moving the point in the text: a percent cell's fraction 0.055 → "5.5". */
function shiftPoint(v: string, places: number): string {
  const m = decimalText(v);
  if (!m) return v;
  const frac = (m[3] ?? '').padEnd(places, '0');
  return `${m[1] ?? ''}${m[2]}${frac.slice(0, places)}${frac.length > places ? `.${frac.slice(places)}` : ''}`;
}

/** Serial day numbers: 1900 system (with Lotus's day 60, 29 Feb 1900) or 1904 system. */
function formatSerialDate(serial: number, section: string, date1904: boolean): string {
  if (!Number.isFinite(serial)) return '';
  const days = Math.floor(serial);
  const seconds = Math.round((serial - days) * 86_400);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 31);
  const offset = !date1904 && days >= 60 ? days - 1 : days;
  const when = new Date(epoch + offset * 86_400_000 + seconds * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  const hasTime = /[hs]/i.test(section);
  const hasDate = /[dy]/i.test(section) || (/m/i.test(section) && !hasTime);
  const date = `${two(when.getUTCDate())}.${two(when.getUTCMonth() + 1)}.${when.getUTCFullYear()}`;
  const time = `${two(when.getUTCHours())}:${two(when.getUTCMinutes())}${/s/i.test(section) ? `:${two(when.getUTCSeconds())}` : ''}`;
  if (hasDate && hasTime) return `${date} ${time}`;
  return hasTime ? time : date;
}

/** An ISO date from a `t="d"` cell, in the same shape as a formatted serial date. */
export function formatIsoDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(iso);
  if (!m) return iso;
  const date = `${m[3]}.${m[2]}.${m[1]}`;
  return m[4] && `${m[4]}${m[5]}${m[6] ?? '00'}` !== '000000' ? `${date} ${m[4]}:${m[5]}` : date;
}
