/**
 * The crash test's till: `node --import tsx src/core/testing/crash-child.ts <dataDir>`.
 * Opens the core on the data folder, logs in, opens a shift if none is open, then sells
 * in a loop until it is killed. It tells the parent (one line each, written synchronously):
 *   RESTORED <n>       the open receipt found at start had n lines
 *   READY              selling starts
 *   CART <n>           a scan was acknowledged: the open receipt has n lines
 *   ACK <id> <lines>   sale.complete returned: the sale is acknowledged
 * Line i of every receipt is a known product (see `crashLineCode`), so the parent can
 * check a restored receipt line by line.
 */
import { writeSync } from 'node:fs';
import { createCore } from '../app.js';
import { uuidv7 } from '../../shared/ids.js';
import { crashLineCode } from './crash-plan.js';

interface CartView { total: number; lines: unknown[] }
interface SaleView { id: string; lines: unknown[] }

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: crash-child.ts <dataDir>\n');
  process.exit(2);
}

const say = (line: string) => writeSync(1, `${line}\n`);
const core = createCore({ dataDir, log: (err) => process.stderr.write(`${String(err)}\n`) });

async function call<T>(name: string, input: unknown, token: string | null): Promise<T> {
  const r = await core.dispatch(name, input, { token, origin: 'crash-child' });
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.result as T;
}

async function main(): Promise<void> {
  const status = await call<{ ready: boolean }>('setup.status', {}, null);
  if (!status.ready) await call('setup.demo', {}, null);
  const { token } = await call<{ token: string }>('auth.login', { pin: '1111' }, null);
  if (!(await call<unknown>('shift.current', {}, token))) await call('shift.open', { id: uuidv7(), float: 1_000_000 }, token);
  let cart = await call<CartView | null>('cart.get', {}, token);
  say(`RESTORED ${cart?.lines.length ?? 0}`);
  say('READY');
  for (let n = 0; ; n++) {
    const target = 1 + Math.floor(Math.random() * 6);
    while ((cart?.lines.length ?? 0) < target) {
      cart = await call<CartView>('cart.scan', { code: crashLineCode(cart?.lines.length ?? 0) }, token);
      say(`CART ${cart.lines.length}`);
    }
    const total = cart?.total ?? 0;
    const how = n % 3;
    const payments = how === 0 ? [{ kind: 'cash', amount: total + 1000 }]
      : how === 1 ? [{ kind: 'card', amount: total }]
        : [{ kind: 'card', amount: Math.floor(total / 2) }, { kind: 'cash', amount: total - Math.floor(total / 2) }];
    const sale = await call<SaleView>('sale.complete', { id: uuidv7(), payments: payments.filter((p) => p.amount > 0) }, token);
    say(`ACK ${sale.id} ${sale.lines.length}`);
    cart = null;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`crash child failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
