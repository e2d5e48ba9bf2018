import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ShtrihDeviceError, ShtrihUsageError } from '../../shtrih/errors.js';
import { DocType } from '../../shtrih/fiscal-codes.js';
import { openSerialBench, type SerialBench } from './bench.js';
import { FAST_DRIVER, FIVE_LINES, FIVE_LINES_TOTAL, skipSerial } from './test-support.js';

const HOUR = 3_600_000;

describe.skipIf(skipSerial)('Shtrih-M driver ↔ simulator over a socat pty pair at 115200', () => {
  let bench: SerialBench;
  let clock: Date;

  beforeEach(async () => {
    clock = new Date(2026, 0, 15, 9, 0);
    bench = await openSerialBench({ sim: { now: () => clock }, driver: FAST_DRIVER });
  });
  afterEach(async () => {
    await bench.close();
  });

  it('identifies the device and reads its status', async () => {
    const t = await bench.registrar.deviceType();
    expect(t).toMatchObject({ model: 250, name: 'ШТРИХ-М-01Ф' });
    const st = await bench.registrar.status();
    expect(st).toMatchObject({ mode: 4, submode: 0, shiftOpen: false, receiptOpen: false, operator: 30 });
    const fn = await bench.registrar.fnStatus();
    expect(fn).toMatchObject({ fnNumber: '9960440300123456', lastDocumentNumber: 0, shiftOpen: false });
    expect(fn.at).toEqual(clock);
  });

  it('runs a full sale cycle: shift, five lines with mixed VAT, cash + card, fiscal answer', async () => {
    const r = bench.registrar;
    const shift = await r.openShift({ cashier: 'Старший кассир Иванова А. П.', inn: '500100732259' });
    expect(shift).toMatchObject({ shiftNumber: 1, fiscalDocNumber: 1, alreadyOpen: false });

    const sale = await r.sell({ ...FIVE_LINES, buyerContact: 'buyer@example.ru' });
    expect(sale).toMatchObject({
      fiscalDocNumber: 2,
      fnNumber: '9960440300123456',
      shiftNumber: 1,
      receiptNumber: 1,
      total: FIVE_LINES_TOTAL,
      change: 120_000 - FIVE_LINES_TOTAL,
      receiptType: 1,
      printPending: false,
    });
    expect(sale.at).toEqual(clock);
    expect(sale.qr).toBe(`t=20260115T0900&s=1109.45&fn=9960440300123456&i=2&fp=${sale.fiscalSign}&n=1`);

    // what the registrar put in its fiscal storage, field by field
    const doc = bench.sim.registrar.documents.get(2);
    expect(doc?.payments?.slice(0, 2)).toEqual([80_000, 40_000]);
    expect(doc?.taxSystem).toBe(0b1);
    expect(doc?.lines?.map((l) => [l.name, l.qty, l.sum, l.taxMask])).toEqual([
      ['Молоко «Домик в деревне» 3,2% 1 л', 2_000_000, 17_980, 0b10],
      ['Сыр Российский, весовой', 350_000, 27_965, 0b10],
      ['Кофе молотый 250 г', 1_000_000, 45_000, 0b1],
      ['Детское пюре яблоко', 3_000_000, 19_500, 0b100],
      ['Пакет-майка', 1_000_000, 500, 0b1000],
    ]);
    expect(doc?.tlvs.map((t) => t.tag)).toEqual([1008]);
    const opening = bench.sim.registrar.documents.get(1);
    expect(opening?.tlvs.map((t) => t.tag)).toEqual([1021, 1203]);

    const last = await r.lastDocument();
    expect(last).toMatchObject({ type: DocType.receipt, fiscalDocNumber: 2, fiscalSign: sale.fiscalSign, total: FIVE_LINES_TOTAL, receiptType: 1 });
    expect(await r.unsentCount()).toBe(2);
    bench.sim.registrar.ofdCatchUp();
    expect(await r.unsentCount()).toBe(0);
  });

  it('opening an open shift is a no-op that reports the shift', async () => {
    await bench.registrar.openShift({ cashier: 'Иванова' });
    expect(await bench.registrar.openShift({ cashier: 'Петров' })).toMatchObject({ shiftNumber: 1, alreadyOpen: true });
  });

  it('cash in and out, X report, and the drawer guard', async () => {
    const r = bench.registrar;
    await r.openShift({ cashier: 'Иванова' });
    const a = await r.cashIn(500_000);
    const b = await r.cashOut(120_000);
    expect(b.documentNumber).toBe(a.documentNumber + 1);
    expect(bench.sim.registrar.cashInDrawer).toBe(380_000);
    await expect(r.cashOut(1_000_000)).rejects.toMatchObject({ errorCode: 0x46, en: 'Not enough cash in the drawer' });
    await r.xReport();
  });

  it('bad input is refused before a byte is sent', async () => {
    const r = bench.registrar;
    await r.openShift({ cashier: 'Иванова' });
    await expect(r.sell({ ...FIVE_LINES, payments: { cash: 1 } })).rejects.toBeInstanceOf(ShtrihUsageError);
    await expect(r.sell({ ...FIVE_LINES, lines: [{ name: 'Товар', price: 100, qty: 1_000, vat: 9 }] })).rejects.toThrow(/no tax group/);
    await expect(r.sell({ ...FIVE_LINES, lines: [{ name: 'Товар', price: 10.5, qty: 1_000, vat: 1 }] })).rejects.toThrow(/invalid receipt/);
    await expect(r.openShift({ cashier: 'Иванова', inn: '123' })).rejects.toBeInstanceOf(ShtrihUsageError);
    expect((await r.status()).receiptOpen).toBe(false);
    expect((await r.fnStatus()).lastDocumentNumber).toBe(1);
  });

  it('a refusal mid-receipt or at the close cancels the receipt and fiscalises nothing', async () => {
    const r = bench.registrar;
    await r.openShift({ cashier: 'Иванова' });
    // the second line overflows the receipt total: the registrar refuses it
    const huge = { name: 'Слиток', price: 2 ** 39, qty: 1_000, vat: 1 };
    await expect(r.sell({ lines: [huge, { ...huge, price: 2 ** 39 - 1 }], payments: { cash: 2 ** 39, electronic: 2 ** 39 }, taxSystem: 'osn' })).rejects.toMatchObject({ command: 0xff46, errorCode: 0x48 });
    expect((await r.status()).receiptOpen).toBe(false);
    // card over the total is refused at the close
    const closeErr = await r.sell({ lines: [{ name: 'Товар', price: 100, qty: 1_000, vat: 1 }], payments: { cash: 100, electronic: 200 }, taxSystem: 'osn' }).catch((e: unknown) => e);
    expect(closeErr).toBeInstanceOf(ShtrihDeviceError);
    expect(closeErr).toMatchObject({ command: 0xff45, errorCode: 0x4d });
    expect((await r.status()).receiptOpen).toBe(false);
    expect((await r.fnStatus()).lastDocumentNumber).toBe(1);
  });

  it('a receipt left open by a crash is cancelled before the next sale', async () => {
    const r = bench.registrar;
    await r.openShift({ cashier: 'Иванова' });
    // one FF46 line straight into the firmware, behind the driver's back
    const line = Uint8Array.of(0xff, 0x46, 30, 0, 0, 0, 1, 0x40, 0x42, 0x0f, 0, 0, 0, 100, 0, 0, 0, 0, ...new Array<number>(10).fill(0xff), 1, 1, 4, 1);
    expect(Array.from(bench.sim.registrar.execute(line))).toEqual([0xff, 0x46, 0]);
    expect((await r.status()).receiptOpen).toBe(true);
    expect(await r.cancel()).toBe(true);
    expect(await r.cancel()).toBe(false);
    bench.sim.registrar.execute(line);
    const sale = await r.sell(FIVE_LINES);
    expect(sale.fiscalDocNumber).toBe(2);
    expect(bench.sim.registrar.documents.get(2)?.lines).toHaveLength(5);
  });

  it('closes the shift with the cashier (Z report) and opens the next one', async () => {
    const r = bench.registrar;
    await r.openShift({ cashier: 'Иванова' });
    await r.sell(FIVE_LINES);
    const z = await r.closeShift({ cashier: 'Иванова', inn: '500100732259' });
    expect(z).toMatchObject({ shiftNumber: 1, fiscalDocNumber: 3 });
    expect(bench.sim.registrar.documents.get(3)).toMatchObject({ type: DocType.closeShift, shiftNumber: 1 });
    expect(bench.sim.registrar.documents.get(3)?.tlvs.map((t) => t.tag)).toEqual([1021, 1203]);
    expect((await r.status()).shiftOpen).toBe(false);
    await expect(r.sell(FIVE_LINES)).rejects.toMatchObject({ errorCode: 0x73 });
    expect((await r.openShift({ cashier: 'Петров' })).shiftNumber).toBe(2);
    // the classic 41h Z report closes it too
    await r.zReport();
    expect(await r.lastDocument()).toMatchObject({ type: DocType.closeShift, shiftNumber: 2 });
  });

  it('blocks sales once the shift is over 24 hours, until it is closed', async () => {
    const r = bench.registrar;
    await r.openShift({ cashier: 'Иванова' });
    clock = new Date(clock.getTime() + 23 * HOUR);
    await r.sell(FIVE_LINES);
    clock = new Date(clock.getTime() + HOUR + 60_000);
    const st = await r.status();
    expect(st).toMatchObject({ mode: 3, shiftExpired: true });
    const err = await r.sell(FIVE_LINES).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShtrihDeviceError);
    expect(err).toMatchObject({ errorCode: 0x4e, ru: 'Смена превысила 24 часа, закройте смену' });
    await expect(r.cashIn(100)).rejects.toMatchObject({ errorCode: 0x4e });
    expect((await r.status()).receiptOpen).toBe(false);
    await r.closeShift({ cashier: 'Иванова' });
    await r.openShift({ cashier: 'Иванова' });
    expect((await r.sell(FIVE_LINES)).shiftNumber).toBe(2);
  });

  it('paper out refuses the sale; a roll running out mid-print keeps the sale and waits for B0h', async () => {
    const r = bench.registrar;
    await r.openShift({ cashier: 'Иванова' });
    bench.sim.paperOut();
    expect(await r.status()).toMatchObject({ paperOut: true, submode: 1 });
    await expect(r.sell(FIVE_LINES)).rejects.toMatchObject({ errorCode: 0x6b, en: 'Receipt paper is out', ru: 'Нет чековой ленты' });
    expect((await r.status()).receiptOpen).toBe(false);
    bench.sim.loadPaper();

    bench.sim.paperRunsOutDuringNextPrint();
    const sale = await r.sell(FIVE_LINES);
    expect(sale.printPending).toBe(true);
    expect(await r.status()).toMatchObject({ submode: 2, paperOut: true });
    await expect(r.xReport()).rejects.toMatchObject({ errorCode: 0x6b });
    bench.sim.loadPaper();
    expect(await r.status()).toMatchObject({ submode: 3, awaitingContinue: true });
    await r.continuePrint();
    expect((await r.status()).submode).toBe(0);

    // and the driver continues by itself before the next document
    bench.sim.paperRunsOutDuringNextPrint();
    await r.sell(FIVE_LINES);
    bench.sim.loadPaper();
    const next = await r.sell(FIVE_LINES);
    expect(next.printPending).toBe(false);
    expect(next.fiscalDocNumber).toBe(sale.fiscalDocNumber + 2);
  });

  it('sells marked goods: each code checked and accepted before the receipt, bound to its line', async () => {
    const r = bench.registrar;
    await r.openShift({ cashier: 'Иванова' });
    const code = '0104600439931256215Ag8Pq\u001d91EE06\u001d92YWCXbmK6SN8vvwoxZFk7WAY8WoJNMG';
    const marked = { name: 'Молоко маркированное', price: 9_900, qty: 1_000, vat: 2, subject: 33, markingCode: code };
    const sale = await r.sell({ ...FIVE_LINES, lines: [...FIVE_LINES.lines, marked], payments: { cash: 130_000 } });
    const lines = bench.sim.registrar.documents.get(sale.fiscalDocNumber)?.lines ?? [];
    expect(lines.map((l) => l.markingCode ?? null)).toEqual([null, null, null, null, null, code]);

    const check = await r.checkMarkingCode(code);
    expect(check).toMatchObject({ valid: true, result: 0x0f });
    expect(await r.acceptMarkingCode(false)).toBe(0x0f);

    const before = bench.sim.registrar.lastDocumentNumber;
    await expect(r.sell({ ...FIVE_LINES, lines: [{ ...marked, markingCode: 'BAD' + code }] })).rejects.toThrow(/failed the check/);
    expect(bench.sim.registrar.lastDocumentNumber).toBe(before);
    expect((await r.status()).receiptOpen).toBe(false);
    // accepting is out of order without a check first
    await expect(r.acceptMarkingCode(true)).rejects.toMatchObject({ errorCode: 0xa1 });
  });

  it('rejects a wrong password with a clear message', async () => {
    bench.registrar.dispose();
    const { ShtrihRegistrar } = await import('../../shtrih/registrar.js');
    const wrong = new ShtrihRegistrar(bench.host, { ...FAST_DRIVER, adminPassword: 31 });
    try {
      await expect(wrong.fnStatus()).rejects.toMatchObject({ errorCode: 0x4f, ru: 'Неверный пароль' });
    } finally {
      wrong.dispose();
    }
  });
});
