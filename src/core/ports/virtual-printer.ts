import type { DeviceStatus, PrintDoc, ReceiptPrinter, CashDrawer } from './devices.js';
import { renderText } from '../receipts/render-text.js';

/**
 * The demo shop's printer and drawer: keeps what was printed as text, in memory.
 * Tests and the demo read `printed`; `fail` makes it report a problem, like paper out.
 */
export class VirtualPrinter implements ReceiptPrinter, CashDrawer {
  readonly printed: string[][] = [];
  drawerOpenings = 0;
  fail: string | null = null;

  constructor(readonly width = 42) {}

  async print(doc: PrintDoc): Promise<void> {
    if (this.fail) throw new Error(this.fail);
    this.printed.push(renderText(doc, this.width));
    if (this.printed.length > 100) this.printed.shift();
  }

  async status(): Promise<DeviceStatus> {
    return { ok: this.fail === null, problem: this.fail };
  }

  async open(): Promise<void> {
    if (this.fail) throw new Error(this.fail);
    this.drawerOpenings++;
  }
}
