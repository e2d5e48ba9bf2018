import { formatScaled } from '../../shared/money.js';

/**
 * What a column holds, which decides how its numbers are written:
 * money — integer kopecks; qty — integer thousandths; int — an integer; percent — hundredths of
 * a percent (550 = 5,5 %, as discounts and markups are kept); date — an ISO date or date-time;
 * text — anything, as is.
 */
export type ColumnKind = 'text' | 'money' | 'qty' | 'int' | 'date' | 'percent';

export interface TableColumn {
  key: string;
  title: string;
  kind: ColumnKind;
}

export type TableValue = string | number | null;
export type TableRecord = Readonly<Record<string, TableValue>>;

/** A cell ready for either writer: the decimal as a plain exact string, never a float. */
export type Cell =
  | { type: 'empty' }
  | { type: 'text'; text: string }
  /** `value` is the exact decimal a cell holds ("1234.56", a percent as a fraction "0.0550"); `text` is how the CSV writes it ("1234,56", "5,5%") */
  | { type: 'number'; kind: Exclude<ColumnKind, 'text' | 'date'>; value: string; text: string }
  /** `serial` is Excel's day number; `text` the Russian spelling ("05.01.2026 10:30") */
  | { type: 'date'; withTime: boolean; serial: number; text: string };

const SCALE: Record<Exclude<ColumnKind, 'text' | 'date'>, number> = { money: 2, qty: 3, int: 0, percent: 4 };

export function cellOf(column: TableColumn, value: TableValue | undefined, row: number): Cell {
  if (value === null || value === undefined || value === '') return { type: 'empty' };
  if (column.kind === 'text' || typeof value === 'string') {
    return column.kind === 'date' && typeof value === 'string' ? dateCell(value, column, row) : { type: 'text', text: String(value) };
  }
  if (column.kind === 'date') throw new TypeError(`row ${row}, column "${column.key}": a date must be an ISO string, got ${value}`);
  if (!Number.isSafeInteger(value)) {
    // a float here would be a money bug upstream: refuse it rather than round it away
    throw new TypeError(`row ${row}, column "${column.key}" (${column.kind}): ${value} is not an integer`);
  }
  const kind = column.kind;
  const exact = formatScaled(value, SCALE[kind]);
  switch (kind) {
    case 'money': return { type: 'number', kind, value: exact, text: exact.replace('.', ',') };
    case 'qty': return { type: 'number', kind, value: exact, text: trimZeros(exact).replace('.', ',') };
    case 'int': return { type: 'number', kind, value: exact, text: exact };
    // 550 hundredths of a percent: four decimals make it the fraction 0.0550 a cell holds; the CSV says "5,5%"
    case 'percent': return { type: 'number', kind, value: exact, text: `${trimZeros(formatScaled(value, 2)).replace('.', ',')}%` };
  }
}

function trimZeros(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/\.?0+$/, '') : decimal;
}

/**
 * A date-time with a zone (what the ledger stores) is written in this machine's local time, the
 * shop's; a bare date or a zone-less date-time is written as it is.
 */
function dateCell(iso: string, column: TableColumn, row: number): Cell {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(iso);
  if (!m) throw new TypeError(`row ${row}, column "${column.key}": "${iso}" is not an ISO date`);
  let [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (m[7]) {
    const local = new Date(iso);
    [y, mo, d, h, mi, s] = [local.getFullYear(), local.getMonth() + 1, local.getDate(), local.getHours(), local.getMinutes(), local.getSeconds()];
  }
  const withTime = m[4] !== undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  // days since 1899-12-30, which absorbs the 1900 leap-year bug for every date after February 1900
  const days = (Date.UTC(y, mo - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
  const serial = days + (h * 3600 + mi * 60 + s) / 86_400;
  const text = `${two(d)}.${two(mo)}.${y}${withTime ? ` ${two(h)}:${two(mi)}` : ''}`;
  return { type: 'date', withTime, serial, text };
}
