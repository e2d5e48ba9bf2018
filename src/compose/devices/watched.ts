import type { CashDrawer, DeviceStatus, PrintDoc, ReceiptPrinter } from '../../core/ports/devices.js';
import { FiscalError, type FiscalDocument, type FiscalFailure, type FiscalReceipt, type FiscalRegistrar, type FiscalState, type StoredReceipt } from '../../core/ports/fiscal.js';
import { ScaleError, type Scale, type WeighOptions, type WeightReading } from '../../core/ports/scale.js';
import type { CustomerDisplay } from '../../core/ports/customer-display.js';
import type { LabelPrinter } from '../../core/ports/labels.js';
import type { PriceTag, TagTemplate } from '../../shared/tags/index.js';
import { askPrinter, errorDetail, heardOfError, heardOfFiscal, heardOfPrinter, OK, type Heard } from '../../core/devices/ask.js';
import type { DeviceName } from '../../shared/contract/devices.js';
import { scaleError } from '../../../drivers/scale/errors.js';
import type { StatusBoard } from './board.js';

/*
 * The devices as the core gets them: each answer and each failure goes on the status board,
 * and a failure the driver did not name (a port that vanished mid-call) is turned into the
 * error the core knows how to handle, so it never reaches the till as an internal error.
 */

/** A call to a device whose answer (as `heard` reads it) or failure goes on the board as the device's state. */
async function watch<T>(board: StatusBoard, device: DeviceName, call: () => Promise<T>, heard: (answer: T) => Heard): Promise<T> {
  let answer: T;
  try {
    answer = await call();
  } catch (err) {
    board.heard(device, heardOfError(err));
    throw err;
  }
  board.heard(device, heard(answer));
  return answer;
}

const ok = (): Heard => OK;

/** The receipt printer and the drawer on its port. */
export class WatchedPrinter implements ReceiptPrinter, CashDrawer {
  constructor(private readonly inner: ReceiptPrinter & CashDrawer, private readonly board: StatusBoard) {}

  get width(): number {
    return this.inner.width;
  }

  async print(doc: PrintDoc): Promise<void> {
    try {
      await this.inner.print(doc);
    } catch (err) {
      this.board.heard('printer', heardOfError(err));
      throw err;
    }
    // it printed: if it was in trouble before, ask how it is now (paper may be near its end)
    if (this.board.get('printer').state === 'problem') this.board.heard('printer', await askPrinter(this.inner));
  }

  status(): Promise<DeviceStatus> {
    return watch(this.board, 'printer', () => this.inner.status(), heardOfPrinter);
  }

  open(): Promise<void> {
    return watch(this.board, 'drawer', () => this.inner.open(), ok);
  }
}

/** The fiscal registrar. */
export class WatchedFiscal implements FiscalRegistrar {
  constructor(private readonly inner: FiscalRegistrar, private readonly board: StatusBoard) {}

  /**
   * `unnamed` is what an error the driver did not name means: for a receipt, that it may
   * have gone through (the core reconciles it), for anything else, that nothing happened.
   */
  private async run<T>(call: () => Promise<T>, unnamed: FiscalFailure): Promise<T> {
    try {
      const result = await call();
      if (this.board.get('fiscal').state === 'problem') this.board.heard('fiscal', OK);
      return result;
    } catch (err) {
      const named = err instanceof FiscalError ? err : new FiscalError(unnamed, `Нет связи с ККТ: ${errorDetail(err)}`, errorDetail(err));
      // a refusal is about the document, not the device; the link failing is about the device
      if (named.failure === 'no-connection' || named.failure === 'outcome-unknown') this.board.heard('fiscal', heardOfError(named));
      throw named;
    }
  }

  async state(): Promise<FiscalState> {
    const state = await this.run(() => this.inner.state(), 'no-connection');
    this.board.heard('fiscal', heardOfFiscal(state));
    return state;
  }

  openShift(cashier: FiscalReceipt['cashier']): Promise<void> {
    return this.run(() => this.inner.openShift(cashier), 'no-connection');
  }

  closeShift(cashier: FiscalReceipt['cashier']): Promise<void> {
    return this.run(() => this.inner.closeShift(cashier), 'no-connection');
  }

  fiscalise(receipt: FiscalReceipt): Promise<FiscalDocument> {
    return this.run(() => this.inner.fiscalise(receipt), 'outcome-unknown');
  }

  lastReceipt(): Promise<StoredReceipt | null> {
    return this.run(() => this.inner.lastReceipt(), 'no-connection');
  }

  cashIn(amount: number): Promise<void> {
    return this.run(() => this.inner.cashIn(amount), 'no-connection');
  }

  cashOut(amount: number): Promise<void> {
    return this.run(() => this.inner.cashOut(amount), 'no-connection');
  }

  xReport(): Promise<void> {
    return this.run(() => this.inner.xReport(), 'no-connection');
  }
}

/** Failures of the scale itself; an empty platform or a swinging load is the cashier's, not the device's. */
const SCALE_TROUBLE = new Set(['no-connection', 'bad-answer', 'not-ready']);

/** The scale at the till. */
export class WatchedScale implements Scale {
  constructor(private readonly inner: Scale, private readonly board: StatusBoard) {}

  private async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      this.board.heard('scale', OK);
      return result;
    } catch (err) {
      const named = err instanceof ScaleError ? err : scaleError('no-connection', errorDetail(err));
      this.board.heard('scale', SCALE_TROUBLE.has(named.failure) ? { state: 'problem', problem: `scale.${named.failure}`, detail: named.message } : OK);
      throw named;
    }
  }

  readWeight(): Promise<WeightReading> {
    return this.run(() => this.inner.readWeight());
  }

  weigh(options?: WeighOptions): Promise<number> {
    return this.run(() => this.inner.weigh(options));
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

/** The pole display. */
export class WatchedDisplay implements CustomerDisplay {
  constructor(private readonly inner: CustomerDisplay, private readonly board: StatusBoard) {}

  get width(): number {
    return this.inner.width;
  }

  show(lines: readonly [string, string]): Promise<void> {
    return watch(this.board, 'display', () => this.inner.show(lines), ok);
  }

  clear(): Promise<void> {
    return watch(this.board, 'display', () => this.inner.clear(), ok);
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

/** The price tag label printer. */
export class WatchedLabelPrinter implements LabelPrinter {
  constructor(private readonly inner: LabelPrinter, private readonly board: StatusBoard) {}

  get language(): LabelPrinter['language'] {
    return this.inner.language;
  }

  get dpi(): LabelPrinter['dpi'] {
    return this.inner.dpi;
  }

  // it printed, so it is ready: asking again would only hold the next chunk up
  print(tags: readonly PriceTag[], template: TagTemplate): Promise<void> {
    return watch(this.board, 'labelPrinter', () => this.inner.print(tags, template), ok);
  }

  printTest(): Promise<void> {
    return watch(this.board, 'labelPrinter', () => this.inner.printTest(), ok);
  }

  status(): Promise<DeviceStatus> {
    return watch(this.board, 'labelPrinter', () => this.inner.status(), heardOfPrinter);
  }
}
