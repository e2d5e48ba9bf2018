/**
 * The file layer of imports and exports: streaming readers (CSV, XLSX, CommerceML 2), the
 * catalogue column mapping and row validation, and the CSV/XLSX table writer. Pure: no database.
 */
export { mapRow, type MapResult } from './catalog-row.js';
export { readCommerceMl, type CmlGroup, type CmlInvalid, type CmlOffer, type CmlOptions, type CmlPriceTypes, type CmlProduct, type CmlRecord } from './cml-read.js';
export { readCsv, type CsvEncoding, type CsvOptions, type CsvSeparator } from './csv-read.js';
export { detectFormat, type FileFormat } from './detect.js';
export { guessMapping } from './mapping.js';
export { ExchangeError, type RowError, type SheetRow } from './rows.js';
export type { ByteSource, ReadOptions } from './source.js';
export { writeTable, type ColumnKind, type TableColumn, type TableRecord, type TableValue, type WriteTableOptions } from './write-table.js';
export { readXlsx, type XlsxOptions } from './xlsx-read.js';
