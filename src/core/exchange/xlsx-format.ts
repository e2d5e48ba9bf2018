/**
 * A number cell as the text a person reads in Russian Excel: decimal comma, the decimals its
 * format asks for, dates as ДД.ММ.ГГГГ. Two departures, both so an import loses nothing:
 * no digit grouping (a barcode formatted "# ##0" must stay one run of digits), and a number in
 * scientific format is written out in full (the file holds all of its digits even where Excel
 * shows 4,6007E+12).
 */
export function formatCellNumber(value: number, format: string, date1904: boolean): string {
  if (!Number.isFinite(value)) return '';
  const section = firstSection(format);
  if (isDateFormat(section)) return formatSerialDate(value, section, date1904);
  if (section.includes('%')) return `${fixed(value * 100, decimalsOf(section))}%`;
  const decimals = section.includes('E+') || section.includes('e+') ? null : decimalsOf(section);
  return decimals === null || /general|@/i.test(section) ? general(value) : fixed(value, decimals);
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

/** The positive-number section, with literals ("…", \x) and [colours/locales] taken out. */
function firstSection(format: string): string {
  const bare = format.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, '').replace(/_./g, '');
  return bare.split(';')[0] ?? '';
}

function isDateFormat(section: string): boolean {
  return !/general/i.test(section) && /[dmyhs]/i.test(section.replace(/E\+/gi, ''));
}

function decimalsOf(section: string): number {
  const m = /\.([0#?]+)/.exec(section);
  return m?.[1]?.length ?? 0;
}

/** Up to 15 significant digits, as Excel keeps them, with trailing zeros dropped. */
function general(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return comma(value.toFixed(0));
  const text = Math.abs(value) >= 1e-6 && Math.abs(value) < 1e21 ? value.toPrecision(15) : String(value);
  return comma(text.includes('e') ? text : text.replace(/\.?0+$/, ''));
}

/**
 * `decimals` places, rounded half away from zero on the 15-digit decimal Excel works with, not
 * on the binary float (which would make 1.005 → "1,00").
 */
function fixed(value: number, decimals: number): string {
  const precise = Math.abs(value) >= 1e-6 && Math.abs(value) < 1e15 ? value.toPrecision(15) : value.toFixed(20);
  const m = /^(-)?(\d+)(?:\.(\d*))?$/.exec(precise);
  if (!m) return general(value);
  const digits = (m[2] ?? '') + (m[3] ?? '').padEnd(decimals + 1, '0').slice(0, decimals + 1);
  let n = BigInt(digits.slice(0, -1) || '0');
  if (Number(digits.slice(-1)) >= 5) n += 1n;
  const text = n.toString().padStart(decimals + 1, '0');
  const whole = decimals ? `${text.slice(0, -decimals)},${text.slice(-decimals)}` : text;
  return m[1] && n !== 0n ? `-${whole}` : whole;
}

function comma(text: string): string {
  return text.replace('.', ',');
}

/** Serial day numbers: 1900 system (with Lotus's day 60, 29 Feb 1900) or 1904 system. */
function formatSerialDate(serial: number, section: string, date1904: boolean): string {
  const days = Math.floor(serial);
  const seconds = Math.round((serial - days) * 86_400);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 31);
  const offset = !date1904 && days >= 60 ? days - 1 : days;
  const when = new Date(epoch + offset * 86_400_000 + seconds * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  const hasDate = /[dy]/i.test(section) || (/m/i.test(section) && !/[hs]/i.test(section));
  const hasTime = /[hs]/i.test(section);
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
