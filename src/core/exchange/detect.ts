import { open } from 'node:fs/promises';
import { ExchangeError } from './rows.js';

export type FileFormat = 'csv' | 'xlsx' | 'commerceml';

/**
 * What an import file is, by its first bytes rather than its name (a price list mailed as
 * "прайс.xls" is often a CSV, and an .xlsx renamed .csv is still a workbook). An old binary .xls
 * is refused here with the advice to save it as .xlsx.
 */
export async function detectFormat(path: string): Promise<FileFormat> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
    if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) throw new ExchangeError('import.xlsOld', null);
    const text = bytes.toString('latin1').replace(/^\xEF\xBB\xBF/, '').trimStart();
    return text.startsWith('<') ? 'commerceml' : 'csv';
  } finally {
    await file.close();
  }
}
