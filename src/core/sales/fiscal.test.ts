import { afterEach, describe, expect, it } from 'vitest';
import { TestTill, MILK, PIN } from '../testing/harness.js';
import { uuidv7 } from '../../shared/ids.js';
import { openReader } from '../db/open.js';
import { verifyLedger } from '../verify.js';
import { migrationsDir } from '../app.js';
import { loopback } from '../../../drivers/transports/loopback.js';
import { ShtrihSimulator } from '../../../drivers/simulators/shtrih/simulator.js';
import { ShtrihRegistrar } from '../../../drivers/shtrih/registrar.js';
import { ShtrihFiscal } from '../../../drivers/shtrih/fiscal-port.js';
import { Cmd } from '../../../drivers/shtrih/commands.js';
import { demoCatalog } from '../setup/demo-catalog.js';

const WATER = demoCatalog().find((p) => p.marked && p.name.startsWith('Вода питьевая'));
/** A DataMatrix from a water bottle: GTIN, a 13-character serial, GS, the 93 crypto tail. */
function waterCode(serial: string): string {
  return `010${WATER?.barcodes[0]}21${serial}\u001d93Ab1x`;
}

/** The real Shtrih-M driver and the virtual registrar, back to back in memory; the registrar outlives till restarts. */
class Counter {
  now = new Date('2026-11-23T09:00:00Z');
  readonly link = loopback();
  readonly sim = new ShtrihSimulator(this.link[1], { now: () => this.now });
  private registrar: ShtrihRegistrar | null = null;

  port(): ShtrihFiscal {
    this.registrar?.dispose();
    this.registrar = new ShtrihRegistrar(this.link[0], {
      timings: { enqReplyMs: 60, ackMs: 60, interByteMs: 60, enqAttempts: 3 },
      answerTimeouts: { query: 500, operation: 500, document: 1000, report: 2000 },
    });
    return new ShtrihFiscal(this.registrar);
  }

  receipts(): number {
    return this.docs().filter((d) => d.receiptType !== undefined).length;
  }

  docs() {
    return [...this.sim.registrar.documents.values()];
  }

  close(): void {
    this.registrar?.dispose();
    this.sim.dispose();
  }
}

let counter: Counter;
let till: TestTill;
afterEach(() => {
  till?.close();
  counter?.close();
});

async function sellingTill(): Promise<TestTill> {
  counter = new Counter();
  till = new TestTill(undefined, counter.port());
  till.now = counter.now;
  await till.call('setup.demo', {});
  await till.login(PIN.cashier);
  await till.openShift();
  return till;
}

function ledgerProblems(dir: string): string[] {
  const db = openReader(`${dir}/lavka.sqlite`);
  try {
    return verifyLedger(db, migrationsDir()).problems;
  } finally {
    db.close();
  }
}

describe('the two-phase fiscal sale', () => {
  it('fiscalises the sale and keeps the registrar answer with it, printed with its QR', async () => {
    await sellingTill();
    await till.call('cart.scan', { code: MILK });
    const sale = await till.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'cash', amount: 10000 }] });
    const doc = counter.docs().at(-1);
    expect(sale.fiscal).toMatchObject({ fiscalDocNumber: doc?.number, fnNumber: counter.sim.registrar.fnNumber });
    expect(sale.fiscal?.qr).toMatch(/^t=\d{8}T\d{4}&s=88\.99&fn=\d+&i=\d+&fp=\d+&n=1$/);
    expect(counter.receipts()).toBe(1);
    expect(await till.call('sale.get', { id: sale.id })).toEqual(sale);
    const printed = (await till.call('sale.receipt', { id: sale.id })).lines.join('\n');
    expect(printed).toContain(`ФД ${sale.fiscal?.fiscalDocNumber}`);
    expect(printed).toContain(`[qr ${sale.fiscal?.qr}]`);
  });

  it('a registrar refusal completes nothing and leaves the receipt open', async () => {
    await sellingTill();
    await till.call('cart.scan', { code: MILK });
    counter.sim.paperOut();
    const error = await till.fail('sale.complete', { id: uuidv7(), payments: [{ kind: 'card', amount: 8899 }] });
    expect(error.code).toBe('rejected');
    expect(counter.receipts()).toBe(0);
    expect((await till.call('cart.get', {}))?.lines).toHaveLength(1);
    counter.sim.loadPaper();
    const sale = await till.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'card', amount: 8899 }] });
    expect(sale.fiscal).not.toBeNull();
    expect(counter.receipts()).toBe(1);
  });

  it('power lost after the registrar closed the receipt: reconciled at restart, never fiscalised twice', async () => {
    await sellingTill();
    await till.call('cart.scan', { code: MILK });
    await till.call('cart.scan', { code: MILK });
    void counter.sim.inject({ kind: 'powerOffAfter', command: Cmd.closeReceiptV2 });
    const id = uuidv7();
    const error = await till.fail('sale.complete', { id, payments: [{ kind: 'cash', amount: 20000 }] });
    expect(error).toMatchObject({ code: 'conflict', message: 'errors.fiscalUnknown' });
    expect(counter.receipts()).toBe(1);
    expect((await till.fail('cart.scan', { code: MILK })).message).toBe('errors.fiscalPending');

    // the till restarts with the registrar back on
    const dir = till.dir;
    till.core.close();
    counter.sim.powerOn();
    till = new TestTill(dir, counter.port());
    till.now = counter.now;
    expect(await till.core.reconcile()).toBe(1);
    await till.login(PIN.cashier);
    const sale = await till.call('sale.get', { id });
    expect(sale.total).toBe(17798);
    expect(sale.fiscal?.fiscalDocNumber).toBe(counter.docs().at(-1)?.number);
    expect(await till.call('cart.get', {})).toBeNull();
    expect(counter.receipts()).toBe(1);
    expect(ledgerProblems(dir)).toEqual([]);
  });

  it('a retry of the same payment after an unknown outcome settles it once, without a second receipt', async () => {
    await sellingTill();
    await till.call('cart.scan', { code: MILK });
    void counter.sim.inject({ kind: 'powerOffAfter', command: Cmd.closeReceiptV2 });
    const id = uuidv7();
    const payments = [{ kind: 'cash' as const, amount: 10000 }];
    expect((await till.fail('sale.complete', { id, payments })).message).toBe('errors.fiscalUnknown');
    counter.sim.powerOn();
    const sale = await till.call('sale.complete', { id, payments });
    expect(sale.fiscal?.fiscalDocNumber).toBe(counter.docs().at(-1)?.number);
    expect(counter.receipts()).toBe(1);
    expect(await till.call('cart.get', {})).toBeNull();
  });

  it('power lost before the close: nothing fiscalised, the receipt is paid again once', async () => {
    await sellingTill();
    await till.call('cart.scan', { code: MILK });
    void counter.sim.inject({ kind: 'powerOffAfter', command: Cmd.operationV2 });
    const error = await till.fail('sale.complete', { id: uuidv7(), payments: [{ kind: 'cash', amount: 10000 }] });
    expect(['conflict', 'rejected']).toContain(error.code);
    const dir = till.dir;
    till.core.close();
    counter.sim.powerOn();
    till = new TestTill(dir, counter.port());
    till.now = counter.now;
    expect(await till.core.reconcile()).toBe(0);
    await till.login(PIN.cashier);
    expect((await till.call('cart.get', {}))?.lines).toHaveLength(1);
    await till.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'cash', amount: 10000 }] });
    expect(counter.receipts()).toBe(1);
    expect(ledgerProblems(dir)).toEqual([]);
  });

  it('a shift over 24 hours blocks sales until the Z report', async () => {
    await sellingTill();
    counter.now = new Date(counter.now.getTime() + 25 * 3600_000);
    till.now = counter.now;
    expect((await till.fail('cart.scan', { code: MILK })).message).toBe('errors.shiftOver24h');
    const z = await till.call('shift.close', { counted: 500000 });
    expect(z.kind).toBe('z');
    expect(counter.docs().some((d) => d.shiftNumber !== undefined)).toBe(true);
    await till.openShift();
    await till.call('cart.scan', { code: MILK });
    const sale = await till.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'cash', amount: 8899 }] });
    expect(sale.fiscal).not.toBeNull();
  });

  it('sells marked goods only by their DataMatrix, each code once, and binds the code in the registrar', async () => {
    await sellingTill();
    const ean = WATER?.barcodes[0] ?? '';
    expect((await till.fail('cart.scan', { code: ean })).message).toBe('errors.markRequired');
    await till.call('cart.scan', { code: waterCode('5Qbag!Xk3mN7p') });
    expect((await till.fail('cart.scan', { code: waterCode('5Qbag!Xk3mN7p') })).message).toBe('errors.markInReceipt');
    const cart = await till.call('cart.scan', { code: waterCode('7Zr2Lq9WcVb1e') });
    expect(cart.lines).toHaveLength(2);
    const sale = await till.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'card', amount: cart.total }] });
    const receipt = counter.docs().at(-1);
    expect(receipt?.lines?.map((l) => l.markingCode)).toEqual([
      expect.stringContaining('5Qbag!Xk3mN7p'), expect.stringContaining('7Zr2Lq9WcVb1e'),
    ]);

    // sold: the same bottle cannot be sold again, until it comes back
    await till.call('cart.scan', { code: MILK });
    expect((await till.fail('cart.scan', { code: waterCode('5Qbag!Xk3mN7p') })).message).toBe('errors.markSold');
    await till.call('cart.cancel', {}, await till.login(PIN.senior));
    await till.call('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 1, qty: 1000 }] });
    const back = counter.docs().at(-1);
    expect(back?.receiptType).toBe(2);
    expect(back?.lines?.[0]?.markingCode).toContain('5Qbag!Xk3mN7p');
    const again = await till.call('cart.scan', { code: waterCode('5Qbag!Xk3mN7p') });
    expect(again.lines).toHaveLength(1);
  });
});
