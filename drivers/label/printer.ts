import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DeviceStatus } from '../../src/core/ports/devices.js';
import type { LabelPrinter } from '../../src/core/ports/labels.js';
import { parsePriceTags, type PriceTag, type TagTemplate } from '../../src/shared/tags/index.js';
import type { ByteTransport } from '../transports/types.js';
import { LabelFace, type LabelFontFiles } from './face.js';
import { dotsPerMm, tagLabel, type Dpi, type Label } from './label.js';
import { decodeTsplStatus, decodeZplStatus, LABEL_PROBLEMS, toLabelStatus, zplStatusLines, type LabelFlags } from './status.js';
import { encodeTspl, TSPL_STATUS_QUERY } from './tspl.js';
import { encodeZpl, ZPL_STATUS_QUERY } from './zpl.js';
import { OneAtATime, writeWithin } from '../transports/one-at-a-time.js';

/** A label printer problem; `message` is the i18n key (devices.paperOut, …), `detail` is for the log. */
export class LabelPrinterError extends Error {
  override readonly name = 'LabelPrinterError';
  constructor(readonly problem: string, readonly detail: string) {
    super(problem);
  }
}

export interface LabelPrinterOptions {
  language: 'tspl' | 'zpl';
  dpi: Dpi;
  fonts: LabelFontFiles;
  /** the gap between labels on the roll (TSPL's GAP; ZPL printers sense it) */
  gapMm?: number;
  /** no status reply within this long means offline */
  statusTimeoutMs?: number;
  /** a write that does not finish within this long means offline */
  writeTimeoutMs?: number;
}

/**
 * Price tags on a TSPL or ZPL label printer over any ByteTransport (TCP 9100, a serial
 * port, a USB printer device file). Asks the printer first, so tags are not sent into a
 * printer that cannot print them, then sends one label at a time: a run of thousands
 * never sits in memory as bytes.
 */
export class TagLabelPrinter implements LabelPrinter {
  readonly language: 'tspl' | 'zpl';
  readonly dpi: Dpi;
  private readonly face: LabelFace;
  private readonly gapMm: number;
  private readonly statusTimeoutMs: number;
  private readonly writeTimeoutMs: number;
  private readonly sequence = new OneAtATime();
  private inbox: number[] = [];
  private waiter: (() => void) | null = null;
  private readonly unsubscribe: () => void;

  constructor(private readonly transport: ByteTransport, options: LabelPrinterOptions) {
    this.language = options.language;
    this.dpi = options.dpi;
    this.face = new LabelFace(options.fonts);
    this.gapMm = options.gapMm ?? 2;
    this.statusTimeoutMs = options.statusTimeoutMs ?? 1000;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
    this.unsubscribe = transport.onData((bytes) => {
      this.inbox.push(...bytes);
      this.waiter?.();
    });
  }

  /** Whether the link carries replies (a one-way USB device file does not). */
  private get canQueryStatus(): boolean {
    return (this.transport as Partial<{ canRead: boolean }>).canRead !== false;
  }

  private send(bytes: Uint8Array): Promise<void> {
    return writeWithin(this.transport, bytes, this.writeTimeoutMs, (reason) => new LabelPrinterError(LABEL_PROBLEMS.offline, reason));
  }

  /** Resolves when `done` says the inbox holds a whole reply, or with false at the deadline. */
  private awaitReply(done: () => boolean): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.waiter = null;
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(false);
      }, this.statusTimeoutMs);
      this.waiter = check;
      check();
    });
  }

  private async readFlags(): Promise<LabelFlags | null> {
    this.inbox = [];
    this.transport.flushInput?.();
    if (this.language === 'tspl') {
      await this.send(TSPL_STATUS_QUERY);
      if (!(await this.awaitReply(() => this.inbox.length >= 1))) return null;
      return decodeTsplStatus(this.inbox[0] ?? 0);
    }
    await this.send(ZPL_STATUS_QUERY);
    const text = () => String.fromCharCode(...this.inbox);
    if (!(await this.awaitReply(() => zplStatusLines(text()) !== null))) return null;
    return decodeZplStatus(zplStatusLines(text()) ?? []);
  }

  private async statusNow(): Promise<DeviceStatus> {
    if (!this.canQueryStatus) return { ok: true, problem: null };
    try {
      const flags = await this.readFlags();
      return flags ? toLabelStatus(flags) : { ok: false, problem: LABEL_PROBLEMS.offline };
    } catch {
      return { ok: false, problem: LABEL_PROBLEMS.offline };
    }
  }

  status(): Promise<DeviceStatus> {
    return this.sequence.run(() => this.statusNow());
  }

  private encode(label: Label): Uint8Array {
    return this.language === 'tspl' ? encodeTspl(label, this.gapMm) : encodeZpl(label);
  }

  private async ensureReady(): Promise<void> {
    const s = await this.statusNow();
    if (!s.ok) throw new LabelPrinterError(s.problem ?? LABEL_PROBLEMS.error, `${this.transport.description}: ${s.problem ?? 'not ready'}`);
  }

  async print(tags: readonly PriceTag[], template: TagTemplate): Promise<void> {
    // a bad tag fails the run before the first label is sent
    const valid = parsePriceTags(tags);
    return this.sequence.run(async () => {
      await this.ensureReady();
      for (const tag of valid) {
        await this.send(this.encode(tagLabel(tag, template, this.face, this.dpi)));
        // a label is milliseconds of rasterising, and a write that drains at once does not yield: the till's other work goes in between
        await nextTurn();
      }
    });
  }

  /**
   * A service label: the language and resolution in the printer's own font (does the
   * printer speak this language at all?), a Cyrillic line as a bitmap, and an EAN-13.
   */
  printTest(label: { widthMm: number; heightMm: number } = { widthMm: 58, heightMm: 40 }): Promise<void> {
    const k = dotsPerMm(this.dpi);
    const line = this.face.render('Проверка кириллицы: Ёё ₽', 'regular', 3 * k);
    const test: Label = {
      ...label, dpi: this.dpi,
      elements: [
        { kind: 'text', x: Math.round(2 * k), y: Math.round(2 * k), height: Math.round(3 * k), text: `Lavka ${this.language.toUpperCase()} ${this.dpi} dpi` },
        { kind: 'bitmap', x: Math.round(2 * k), y: Math.round(7 * k), bitmap: line.bitmap },
        { kind: 'barcode', x: Math.round(5 * k), y: Math.round(13 * k), symbology: 'ean13', body: '460000000001', module: 2, height: Math.round(12 * k) },
      ],
    };
    return this.sequence.run(async () => {
      await this.ensureReady();
      await this.send(this.encode(test));
    });
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.transport.close();
  }
}
