/**
 * Device figures of issue #3: one full fiscal sale cycle through the real Shtrih-M driver
 * and the virtual registrar over a socat pty pair at 115200 baud, against the pure wire
 * time of the bytes it exchanges; and ESC/POS rendering time of one realistic receipt.
 */
import { PROFILES } from '../drivers/escpos/profiles.js';
import { renderEscPos } from '../drivers/escpos/render.js';
import type { ReceiptInput } from '../drivers/shtrih/receipt.js';
import { openSerialBench } from '../drivers/simulators/shtrih/bench.js';
import type { PrintDoc, PrintItem } from '../src/core/ports/devices.js';
import { renderText } from '../src/core/receipts/render-text.js';
import { scaleReading, scanLatency } from './peripherals.js';
import { detailOf, emit, figure, msSince, progress, round, summarize } from './stats.js';

const BAUD = 115_200;
/** 8N1: start bit, 8 data bits, stop bit */
const BITS_PER_BYTE = 10;

/** Five counted lines, VAT 22 % and 10 %, paid in cash to the kopeck. */
function fiveLines(): ReceiptInput {
  const items: [string, number, 1 | 2][] = [
    ['Молоко «Домик в деревне» 3,2% 1 л', 8_990, 2],
    ['Хлеб Бородинский нарезной 400 г', 5_490, 2],
    ['Кофе молотый «Жокей» 250 г', 45_000, 1],
    ['Шоколад горький 70% 100 г', 12_990, 1],
    ['Пакет-майка', 500, 1],
  ];
  const lines = items.map(([name, price, vat]) => ({ name, price, qty: 1_000, total: price, vat }));
  const total = lines.reduce((s, l) => s + l.total, 0);
  return { kind: 'sale', lines, payments: { cash: total }, taxSystem: 'osn' };
}

export interface SaleCycleOptions {
  sales: number;
  warmup: number;
}

/**
 * What a fiscal sale costs over the line. `sell` is ten commands (status, FN status, five
 * FF46 lines, FF45 close, shift parameters, status), each a full conversation of the
 * Shtrih link — ENQ→NAK, frame→ACK, answer→ACK — so about 45 direction changes per sale
 * (counted below), every one crossing both pty ends, socat and the event loops of the
 * driver and the simulator. The bytes themselves are ~700: about 60 ms at 115200 baud.
 *
 * A pty does not pace bytes at its baud rate (the termios speed is only recorded), so the
 * measured cycle carries no wire time at all: it is the protocol's turnarounds and the
 * pty/socat/event-loop latency, ~0.3 ms each, and comes out *below* the wire baseline
 * (ratio < 1). On a real 115200 line the floor is wire time + these turnarounds
 * (`real_line_floor_ms`), before the adapter's own latency (a USB-serial latency timer,
 * up to 16 ms per turnaround on FTDI defaults) and the firmware's printing.
 */
export async function fiscalSaleCycle(options: SaleCycleOptions): Promise<void> {
  progress(`devices: fiscal sale cycle over a socat pty pair at ${BAUD} baud (${options.sales} sales)`);
  const bench = await openSerialBench({ baudRate: BAUD });
  try {
    // Count the bytes both ways as the other end receives them, and how often the direction flips.
    let toDevice = 0;
    let toHost = 0;
    let turnarounds = 0;
    let last: 'host' | 'device' | null = null;
    const offDevice = bench.device.onData((b) => {
      toDevice += b.length;
      if (last !== 'host') turnarounds++;
      last = 'host';
    });
    const offHost = bench.host.onData((b) => {
      toHost += b.length;
      if (last !== 'device') turnarounds++;
      last = 'device';
    });

    const shift = await bench.registrar.openShift({ cashier: 'Кассир' });
    if (shift.shiftNumber < 1) throw new Error('no shift opened');
    const receipt = fiveLines();
    for (let i = 0; i < options.warmup; i++) await bench.registrar.sell(receipt);

    const samples: number[] = [];
    const bytesPerCycle: number[] = [];
    const turnsPerCycle: number[] = [];
    let toDevicePerCycle = 0;
    let toHostPerCycle = 0;
    for (let i = 0; i < options.sales; i++) {
      toDevice = 0;
      toHost = 0;
      turnarounds = 0;
      last = null;
      const start = process.hrtime.bigint();
      const sale = await bench.registrar.sell(receipt);
      samples.push(msSince(start));
      if (sale.fiscalSign === 0) throw new Error('sale without a fiscal sign');
      // the last ACK to the status answer may still be on its way: let it land before reading the counters
      await new Promise((r) => setTimeout(r, 5));
      bytesPerCycle.push(toDevice + toHost);
      turnsPerCycle.push(turnarounds);
      toDevicePerCycle = toDevice;
      toHostPerCycle = toHost;
    }
    offDevice();
    offHost();

    const docs = bench.sim.registrar.documents.size;
    // medians: under load a last ACK may land after the 5 ms and count in the next cycle
    const bytes = summarize(bytesPerCycle).p50;
    const turns = summarize(turnsPerCycle).p50;
    const spread = `${Math.min(...bytesPerCycle)}..${Math.max(...bytesPerCycle)}`;
    const wireMs = (bytes * BITS_PER_BYTE * 1000) / BAUD;
    const s = summarize(samples);
    emit(figure('fiscal_sale_cycle_ms', s.p50, 'ms', {}, wireMs, {
      ...detailOf(s),
      baud: BAUD,
      lines: 5,
      bytes_per_cycle: bytes,
      bytes_per_cycle_range: spread,
      bytes_host_to_device: toDevicePerCycle,
      bytes_device_to_host: toHostPerCycle,
      wire_ms: round(wireMs),
      turnarounds_per_cycle: turns,
      ms_per_turnaround_p50: round(s.p50 / turns),
      // a pty moves bytes at memory speed: the measured cycle holds no wire time, so a real line costs at least both
      real_line_floor_ms: round(wireMs + s.p50),
      fiscal_documents: docs,
      baseline: 'pure wire time of the bytes exchanged, 10 bits/byte',
    }));
  } finally {
    await bench.close();
  }
}

/** A realistic 80 mm receipt: header, ten goods with their pairs, totals, VAT, fiscal data, QR, barcode, cut (45 items). */
export function sampleReceipt(): PrintDoc {
  const goods: [string, string, string][] = [
    ['Молоко «Домик в деревне» 3,2% 1 л', '2 x 89,90', '179,80'],
    ['Сыр Российский, весовой', '0,350 кг x 799,00', '279,65'],
    ['Кофе молотый «Жокей» 250 г', '1 x 450,00', '450,00'],
    ['Детское пюре яблоко 90 г', '3 x 65,00', '195,00'],
    ['Хлеб Бородинский нарезной 400 г', '1 x 54,90', '54,90'],
    ['Яйцо куриное С1, 10 шт', '1 x 129,90', '129,90'],
    ['Масло сливочное 82,5% 180 г', '2 x 239,00', '478,00'],
    ['Бананы, весовые', '1,126 кг x 119,90', '135,01'],
    ['Вода питьевая «Шишкин лес» 1,5 л', '6 x 49,90', '299,40'],
    ['Пакет-майка', '1 x 5,00', '5,00'],
  ];
  const items: PrintItem[] = [
    { kind: 'text', text: 'ООО «Лавка у дома»', align: 'center', bold: true },
    { kind: 'text', text: 'г. Москва, ул. Профсоюзная, д. 12', align: 'center' },
    { kind: 'text', text: 'ИНН 7701234567', align: 'center' },
    { kind: 'rule' },
    { kind: 'text', text: 'КАССОВЫЙ ЧЕК — ПРИХОД', align: 'center', double: true },
    { kind: 'pair', left: 'Чек № 0042', right: '15.01.2026 09:41' },
    { kind: 'pair', left: 'Кассир', right: 'Иванова А. П.' },
    { kind: 'rule' },
  ];
  for (const [name, qty, sum] of goods) {
    items.push({ kind: 'text', text: name });
    items.push({ kind: 'pair', left: `  ${qty}`, right: `${sum} ₽` });
  }
  items.push(
    { kind: 'rule' },
    { kind: 'pair', left: 'ИТОГО', right: '2 206,66 ₽', bold: true },
    { kind: 'pair', left: 'Наличными', right: '2 500,00 ₽' },
    { kind: 'pair', left: 'Сдача', right: '293,34 ₽' },
    { kind: 'pair', left: 'в т.ч. НДС 22%', right: '196,87 ₽' },
    { kind: 'pair', left: 'в т.ч. НДС 10%', right: '130,24 ₽' },
    { kind: 'rule' },
    { kind: 'pair', left: 'СНО', right: 'ОСН' },
    { kind: 'pair', left: 'ФН', right: '9960440300123456' },
    { kind: 'pair', left: 'ФД', right: '1234' },
    { kind: 'pair', left: 'ФП', right: '3522968128' },
    { kind: 'text', text: 'Сайт ФНС: www.nalog.gov.ru', align: 'center' },
    { kind: 'qr', data: 't=20260115T0941&s=2206.66&fn=9960440300123456&i=1234&fp=3522968128&n=1' },
    { kind: 'barcode', data: 'R0042-20260115', symbology: 'code128' },
    { kind: 'text', text: 'Спасибо за покупку!', align: 'center' },
    { kind: 'feed', lines: 4 },
    { kind: 'cut' },
  );
  return { items };
}

/** Per-call times in ms of `fn`, `iterations` times after `warmup` untimed calls. */
function sampleSync(fn: () => unknown, warmup: number, iterations: number): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    fn();
    out.push(msSince(start));
  }
  return out;
}

/** ESC/POS rendering of one receipt; baseline: the core's plain-text rendering of the same doc. */
export function escposRender(options: { iterations: number; warmup: number }): void {
  progress(`devices: ESC/POS rendering, ${options.iterations} receipts`);
  const doc = sampleReceipt();
  const profile = PROFILES['epson-80'];
  let bytes = 0;
  const esc = summarize(sampleSync(() => (bytes = renderEscPos(doc, profile).length), options.warmup, options.iterations));
  let lines = 0;
  const text = summarize(sampleSync(() => (lines = renderText(doc, profile.columns).length), options.warmup, options.iterations));
  emit(figure('escpos_render_ms', esc.p50, 'ms', {}, text.p50, {
    ...detailOf(esc),
    profile: profile.id,
    items: doc.items.length,
    bytes,
    text_lines: lines,
    baseline: 'renderText of the same doc (core, plain text)',
    baseline_p99: round(text.p99, 4),
    baseline_p50_us: round(text.p50 * 1000, 2),
  }));
}

export async function runDeviceFigures(options: { sales: number; renders: number; readings: number }): Promise<void> {
  await fiscalSaleCycle({ sales: options.sales, warmup: 3 });
  escposRender({ iterations: options.renders, warmup: 300 });
  for (const protocol of ['cas', 'massak'] as const) await scaleReading(protocol, { reads: options.readings, warmup: 5 });
  await scanLatency({ scans: options.readings });
}
