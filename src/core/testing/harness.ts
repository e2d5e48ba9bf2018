import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../app.js';
import type { CheckpointerOptions } from '../db/checkpointer.js';
import type { CommandInput, CommandName, CommandOutput } from '../../shared/contract/commands.js';
import type { ErrorBody } from '../../shared/contract/errors.js';
import { VirtualPrinter } from '../ports/virtual-printer.js';
import type { FiscalRegistrar } from '../ports/fiscal.js';
import { uuidv7 } from '../../shared/ids.js';

export class CommandFailed extends Error {
  constructor(readonly body: ErrorBody) {
    super(`${body.code}: ${body.message} ${JSON.stringify(body.details ?? {})}`);
  }
}

/** A core on a real SQLite file in a temp folder, with typed helpers, for integration tests. */
export class TestTill {
  readonly printer = new VirtualPrinter();
  readonly core: Core;
  token: string | null = null;
  now = new Date('2026-11-23T09:00:00Z');

  constructor(readonly dir = mkdtempSync(join(tmpdir(), 'lavka-test-')), fiscal: FiscalRegistrar | null = null, checkpoints?: CheckpointerOptions) {
    this.core = createCore({
      dataDir: dir, devices: { printer: this.printer, drawer: this.printer, fiscal }, checkOutputs: true,
      clock: () => this.now, log: () => undefined, checkpoints,
    });
  }

  static async demo(fiscal: FiscalRegistrar | null = null, checkpoints?: CheckpointerOptions): Promise<TestTill> {
    const till = new TestTill(undefined, fiscal, checkpoints);
    await till.call('setup.demo', {});
    return till;
  }

  /** The demo shop with a cashier logged in and a shift open: ready to sell. */
  static async selling(fiscal: FiscalRegistrar | null = null, checkpoints?: CheckpointerOptions): Promise<TestTill> {
    const till = await TestTill.demo(fiscal, checkpoints);
    await till.login(PIN.cashier);
    await till.openShift();
    return till;
  }

  async send<N extends CommandName>(name: N, input: CommandInput<N>, token: string | null = this.token) {
    return this.core.dispatch(name, input, { token, origin: 'test' });
  }

  async call<N extends CommandName>(name: N, input: CommandInput<N>, token: string | null = this.token): Promise<CommandOutput<N>> {
    const r = await this.send(name, input, token);
    if (!r.ok) throw new CommandFailed(r.error);
    return r.result as CommandOutput<N>;
  }

  async fail<N extends CommandName>(name: N, input: CommandInput<N>, token: string | null = this.token): Promise<ErrorBody> {
    const r = await this.send(name, input, token);
    if (r.ok) throw new Error(`${name} was expected to fail but returned ${JSON.stringify(r.result)}`);
    return r.error;
  }

  async login(pin: string): Promise<string> {
    const { token } = await this.call('auth.login', { pin }, null);
    this.token = token;
    return token;
  }

  async openShift(float = 500000): Promise<void> {
    await this.call('shift.open', { id: uuidv7(), float });
  }

  close(): void {
    this.core.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Demo barcodes the tests lean on. */
export const MILK = '4600070000373'; // Молоко 2,5% Простоквашино 0,9 л, 88.99, VAT 10
export const PIN = { owner: '0000', manager: '2222', senior: '3333', cashier: '1111' } as const;
