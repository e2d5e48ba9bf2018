import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where a till keeps its ledger unless told otherwise: LAVKA_DATA, else ~/.lavka (%APPDATA%\Lavka on Windows). */
export function defaultDataDir(): string {
  if (process.env.LAVKA_DATA) return resolve(process.env.LAVKA_DATA);
  if (process.platform === 'win32' && process.env.APPDATA) return join(process.env.APPDATA, 'Lavka');
  return join(homedir(), '.lavka');
}
