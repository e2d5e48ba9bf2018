import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cmd } from '../../shtrih/commands.js';
import { FiscalOutcomeUnknownError, ShtrihLinkError } from '../../shtrih/errors.js';
import { DocType } from '../../shtrih/fiscal-codes.js';
import { openSerialBench, type SerialBench } from './bench.js';
import { FAST_DRIVER, FIVE_LINES, FIVE_LINES_TOTAL, skipSerial } from './test-support.js';

/**
 * Every fault ends one of two ways: the driver recovers and the result is
 * exactly what a clean line gives (one document, five lines, no duplicate),
 * or it fails with an error that says what happened and whether the command
 * may have run.
 */
describe.skipIf(skipSerial)('Shtrih-M line faults over a socat pty pair', () => {
  let bench: SerialBench;
  let events: string[];

  beforeEach(async () => {
    events = [];
    bench = await openSerialBench({ driver: { ...FAST_DRIVER, onLinkEvent: (m) => events.push(m) } });
    await bench.registrar.openShift({ cashier: 'Иванова' });
  });
  afterEach(async () => {
    await bench.close();
  });

  /** one receipt document with exactly the five lines: nothing lost, nothing twice */
  async function expectOneCleanSale(fired: Promise<void>): Promise<void> {
    const sale = await bench.registrar.sell(FIVE_LINES);
    await fired;
    expect(sale).toMatchObject({ fiscalDocNumber: 2, total: FIVE_LINES_TOTAL });
    expect(bench.sim.registrar.lastDocumentNumber).toBe(2);
    expect(bench.sim.registrar.documents.get(2)?.lines).toHaveLength(5);
  }

  it('a NAKed command frame is sent again', async () => {
    await expectOneCleanSale(bench.sim.inject({ kind: 'nakNextCommand', command: Cmd.operationV2 }));
    expect(events).toContain('command frame NAKed, resending');
  });

  it('a command frame that loses its last byte is sent again, and the line is not added twice', async () => {
    await expectOneCleanSale(bench.sim.inject({ kind: 'dropCommandTail', command: Cmd.operationV2 }));
    expect(events.some((e) => e.startsWith('no ACK for command frame'))).toBe(true);
  });

  it('a cut answer is asked for again with ENQ, not by re-sending the command', async () => {
    await expectOneCleanSale(bench.sim.inject({ kind: 'dropAnswerTail', bytes: 3, command: Cmd.operationV2 }));
    expect(events).toContain('answer incomplete');
  });

  it('an answer with a bad LRC is NAKed and repeated by the registrar', async () => {
    await expectOneCleanSale(bench.sim.inject({ kind: 'garbleAnswerLrc', command: Cmd.closeReceiptV2 }));
    expect(events).toContain('answer checksum wrong, NAK');
  });

  it('line noise before an answer and instead of an ENQ reply is skipped', async () => {
    const a = bench.sim.inject({ kind: 'noiseBeforeAnswer', command: Cmd.closeReceiptV2 });
    const b = bench.sim.inject({ kind: 'noiseOnEnq' });
    await expectOneCleanSale(Promise.all([a, b]).then(() => undefined));
    expect(events).toContain('noise 0x7f in reply to ENQ');
  });

  it('a silent registrar is reported as no connection, and the next call works once it is back', async () => {
    bench.sim.setSilent(true);
    const err = await bench.registrar.status().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShtrihLinkError);
    expect(err).toMatchObject({ failure: 'no-connection', mayHaveExecuted: false, ru: 'Нет связи с ККТ: проверьте кабель, питание и порт' });
    bench.sim.setSilent(false);
    expect((await bench.registrar.status()).shiftOpen).toBe(true);
  });

  it('a slow command is waited for: ENQ meanwhile gets "still preparing"', async () => {
    await bench.close();
    bench = await openSerialBench({
      sim: { processingMs: (code) => (code === Cmd.xReport ? 1_200 : 0) },
      driver: { ...FAST_DRIVER, answerTimeouts: { ...FAST_DRIVER.answerTimeouts, report: 500 } },
    });
    await bench.registrar.openShift({ cashier: 'Иванова' });
    await bench.registrar.xReport();
    expect((await bench.registrar.status()).mode).toBe(2);
  });

  it('power lost right after FF45 is processed: the outcome is unknown, and the last document shows the sale', async () => {
    const r = bench.registrar;
    const before = (await r.fnStatus()).lastDocumentNumber;
    const fired = bench.sim.inject({ kind: 'powerOffAfter', command: Cmd.closeReceiptV2 });
    const sale = r.sell(FIVE_LINES).catch((e: unknown) => e);
    await fired;
    expect(bench.sim.powered).toBe(false);
    bench.sim.powerOn();

    const err = await sale;
    expect(err).toBeInstanceOf(FiscalOutcomeUnknownError);
    expect(err).toMatchObject({ lastDocBefore: before, cause: { failure: 'answer-lost', mayHaveExecuted: true } });

    // reconciliation, as the core does on start-up: a newer receipt with our total means it went through
    const last = await r.lastDocument();
    expect(last).toMatchObject({ type: DocType.receipt, fiscalDocNumber: before + 1, total: FIVE_LINES_TOTAL, receiptType: 1 });
    expect(await r.unsentCount()).toBe(2);
    // and the till carries on
    expect((await r.sell(FIVE_LINES)).fiscalDocNumber).toBe(before + 2);
  });

  it('power that stays off after FF45 is an unknown outcome too, not a failed sale', async () => {
    const fired = bench.sim.inject({ kind: 'powerOffAfter', command: Cmd.closeReceiptV2 });
    const sale = bench.registrar.sell(FIVE_LINES).catch((e: unknown) => e);
    await fired;
    const err = await sale;
    expect(err).toBeInstanceOf(FiscalOutcomeUnknownError);
    expect(err).toMatchObject({ cause: { failure: 'no-connection', mayHaveExecuted: true } });
    bench.sim.powerOn();
    expect(await bench.registrar.lastDocument()).toMatchObject({ fiscalDocNumber: 2, total: FIVE_LINES_TOTAL });
  });

  it('power lost mid-receipt fiscalises nothing and the next sale is clean', async () => {
    const fired = bench.sim.inject({ kind: 'powerOffAfter', command: Cmd.operationV2 });
    const sale = bench.registrar.sell(FIVE_LINES).catch((e: unknown) => e);
    await fired;
    bench.sim.powerOn();
    const err = await sale;
    expect(err).toBeInstanceOf(ShtrihLinkError);
    expect(err).toMatchObject({ command: Cmd.operationV2, failure: 'answer-lost' });
    expect((await bench.registrar.lastDocument())?.fiscalDocNumber).toBe(1);
    expect((await bench.registrar.status()).receiptOpen).toBe(false);
    await expectOneCleanSale(Promise.resolve());
  });
});
