import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestTill } from '../core/testing/harness.js';
import { exportCommand, importCommand } from './exchange.js';
import { withCheckDigit } from '../shared/barcode/ean.js';
import { readXlsx } from '../core/exchange/index.js';
import type { CliOutput } from './output.js';

let dir: string;
let data: string;

function capture(): CliOutput & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lavka-cli-'));
  const till = await TestTill.demo();
  data = till.dir;
  till.core.close();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
});

describe('lavka import / export', () => {
  const TEA = withCheckDigit('460222222222');

  it('imports a price list and says what it did; a bad file is refused with the row, field and reason', async () => {
    const good = join(dir, 'прайс.csv');
    writeFileSync(good, `Наименование;Штрихкод;Цена\nЧай зелёный;${TEA};99,90\n`);
    const io = capture();
    expect(await importCommand(['catalog', good, '--data', data], io)).toBe(0);
    expect(io.errors[0]).toBe('columns: name=1, barcodes=2, price=3');
    expect(io.lines.at(-1)).toBe('created 1, updated 0, new groups 0');

    const bad = join(dir, 'плохой.csv');
    writeFileSync(bad, 'Наименование;Цена\nКофе;дорого\n');
    const refused = capture();
    expect(await importCommand(['catalog', bad, '--data', data], refused)).toBe(1);
    expect(refused.lines[0]).toMatch(/^row 2, price: /);
    expect(refused.lines.at(-1)).toMatch(/^refused: 1 bad rows; nothing was written/);
    expect(await importCommand(['catalog', '--data', data], capture())).toBe(2);
  });

  it('exports the catalogue to XLSX that reads back', async () => {
    const out = join(dir, 'каталог.xlsx');
    const io = capture();
    expect(await exportCommand(['catalog', '--format', 'xlsx', '-o', out, '--data', data], io)).toBe(0);
    expect(io.errors[0]).toMatch(/^551 rows written to /);
    const names: string[] = [];
    for await (const row of readXlsx(out)) names.push(row.cells[0] ?? '');
    expect(names).toContain('Чай зелёный');
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(await exportCommand(['everything', '--data', data], capture())).toBe(2);
  });
});
