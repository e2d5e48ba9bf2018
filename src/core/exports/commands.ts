import { stat } from 'node:fs/promises';
import type { Handlers } from '../rpc/context.js';
import type { Services } from '../services.js';
import { LavkaError } from '../../shared/contract/errors.js';
import { ExchangeError, writeTable } from '../exchange/index.js';
import { uuidv7 } from '../../shared/ids.js';
import { exportTable } from './exports.js';

export function exportHandlers(s: Services): Pick<Handlers, 'export.run'> {
  return {
    'export.run': async (input) => {
      const table = exportTable(s, input.source);
      const id = `${uuidv7()}.${input.format}`;
      const name = `${table.name}.${input.format}`;
      try {
        const { rows } = await writeTable({ format: input.format, columns: table.columns, rows: table.rows, out: s.files.name(id, name), sheetName: table.name });
        return { rows, file: { id, name, size: (await stat(s.files.path(id))).size } };
      } catch (err) {
        if (err instanceof ExchangeError) throw new LavkaError('validation', err.key, { row: err.row, ...err.params });
        throw err;
      }
    },
  };
}
