import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open.js';

export type Cell = string | number | null;

/** SQLite's limit on the values one statement binds (better-sqlite3 builds it with the default) */
const MAX_VALUES = 32_766;
/** statements kept per shape, for the few sizes runs come in */
const KEEP = 4;

/**
 * One statement for a run of rows whose values are bound, `VALUES (?, …), (?, …)`, as the import's
 * write pass sends them. Rows sent as one JSON array cost SQLite a parse of each row for every column
 * it reads (`v ->> n`): about 4 µs of a new product row's 14 columns, a fifth of inserting it with its
 * indexes and full-text entry. A statement is prepared per number of rows and the last few are kept (new
 * products come in runs of one size; updates in as many sizes as their changed columns vary, so those
 * mostly prepare anew, ≈ 0.6 ms a run). Still one statement per run, so FTS5 writes out what it has
 * gathered once a run, not once a row.
 */
export class BoundRows {
  private readonly width: number;
  private readonly perStatement: number;
  private readonly statements = new Map<number, Statement>();

  /** `tuple` is one row's `(?, …)`, and may name a parameter (`@now`) that `run` binds for all rows */
  constructor(private readonly db: Db, private readonly tuple: string, private readonly sql: (values: string) => string) {
    this.width = tuple.split('?').length - 1;
    // each named parameter takes one of the statement's slots too, however many rows name it
    const named = new Set(sql(tuple).match(/[@:$][A-Za-z_]\w*/g)).size;
    this.perStatement = Math.floor((MAX_VALUES - named) / this.width);
  }

  run(rows: readonly (readonly Cell[])[], named?: Record<string, Cell>): void {
    for (let from = 0; from < rows.length; from += this.perStatement) {
      const part = rows.slice(from, from + this.perStatement);
      const values = part.flat();
      const statement = this.statement(part.length);
      if (named) statement.run(values, named);
      else statement.run(values);
    }
  }

  private statement(rows: number): Statement {
    let statement = this.statements.get(rows);
    if (statement) this.statements.delete(rows);
    else statement = this.db.prepare(this.sql(Array.from({ length: rows }, () => this.tuple).join(', ')));
    this.statements.set(rows, statement);
    const oldest = this.statements.keys().next().value;
    if (this.statements.size > KEEP && oldest !== undefined) this.statements.delete(oldest);
    return statement;
  }
}
