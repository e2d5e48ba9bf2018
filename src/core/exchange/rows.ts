import type { MessageKey } from '../../shared/i18n/index.js';

/**
 * One row of a table file. `row` is the row number a person sees in Excel (1-based; a quoted
 * cell with line breaks is still one row), so an error message can send them straight to it.
 */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** A value an import refuses: the row (or XML line), the field, why (an i18n key), and what was there. */
export interface RowError {
  row: number;
  field: string;
  message: MessageKey;
  value: string;
}

/** The file itself cannot be read on (bad encoding, an unclosed quote, not an XLSX…): the import stops. */
export class ExchangeError extends Error {
  constructor(
    readonly key: MessageKey,
    /** the row or XML line where reading stopped, when there is one */
    readonly row: number | null,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${key}${row === null ? '' : ` (row ${row})`}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'ExchangeError';
  }
}
