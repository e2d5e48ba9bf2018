import type { CashDrawer, DeviceStatus, PrintDoc, ReceiptPrinter } from '../../src/core/ports/devices.js';
import type { ByteTransport } from '../transports/types.js';
import { drawerKick, statusQuery, type StatusQuery } from './commands.js';
import type { CodePageChoice, PrinterProfile } from './profiles.js';
import { renderCodePageTest, renderEscPos } from './render.js';
import { decodeStatus, isStatusByte, PROBLEMS, toDeviceStatus, type PrinterFlags } from './status.js';
import { OneAtATime, writeWithin } from '../transports/one-at-a-time.js';

/**
 * A printer problem. `message` is the i18n key (devices.paperOut, …), like the core's
 * virtual printer, so the till can show it as is; `detail` is for the log.
 */
export class PrinterError extends Error {
  override readonly name = 'PrinterError';
  constructor(readonly problem: string, readonly detail: string) {
    super(problem);
  }
}

export interface EscPosPrinterOptions {
  profile: PrinterProfile;
  /** no reply to DLE EOT within this long means offline */
  statusTimeoutMs?: number;
  /** a write that does not drain within this long means offline */
  writeTimeoutMs?: number;
}

/**
 * ReceiptPrinter and CashDrawer over any ByteTransport. Operations run one at a time,
 * so a status reply is never mistaken for the answer to another query.
 */
export class EscPosPrinter implements ReceiptPrinter, CashDrawer {
  readonly profile: PrinterProfile;
  private readonly statusTimeoutMs: number;
  private readonly writeTimeoutMs: number;
  private readonly sequence = new OneAtATime();
  private inbox: number[] = [];
  private waiter: (() => void) | null = null;
  private readonly unsubscribe: () => void;

  constructor(private readonly transport: ByteTransport, options: EscPosPrinterOptions) {
    this.profile = options.profile;
    this.statusTimeoutMs = options.statusTimeoutMs ?? 500;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 5000;
    this.unsubscribe = transport.onData((bytes) => {
      for (const b of bytes) if (isStatusByte(b)) this.inbox.push(b);
      this.waiter?.();
    });
  }

  get width(): number {
    return this.profile.columns;
  }

  /** Whether we can ask the printer anything: the profile says it answers and the link carries replies. */
  get canQueryStatus(): boolean {
    const canRead = (this.transport as Partial<{ canRead: boolean }>).canRead;
    return this.profile.realtimeStatus && canRead !== false;
  }

  private send(bytes: Uint8Array): Promise<void> {
    return writeWithin(this.transport, bytes, this.writeTimeoutMs, (reason) => new PrinterError(PROBLEMS.offline, reason));
  }

  private nextByte(deadline: number): Promise<number | null> {
    return new Promise((resolve) => {
      const take = () => {
        if (this.inbox.length > 0) {
          clearTimeout(timer);
          this.waiter = null;
          resolve(this.inbox.shift() ?? null);
        }
      };
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, Math.max(deadline - Date.now(), 0));
      this.waiter = take;
      take();
    });
  }

  private async query(n: StatusQuery): Promise<number | null> {
    await this.send(statusQuery(n));
    return this.nextByte(Date.now() + this.statusTimeoutMs);
  }

  /** Raw flags, or null when the printer did not answer (offline, unplugged, wrong port). */
  private async readFlagsNow(): Promise<PrinterFlags | null> {
    // replies to earlier, timed-out queries must not answer this one
    this.inbox = [];
    this.transport.flushInput?.();
    let r1 = await this.query(1);
    if (r1 === null) {
      // a network printer that was power-cycled leaves a socket that looks alive but
      // leads nowhere: start a fresh connection and ask once more before saying offline
      const t = this.transport as Partial<{ dropConnection(): void }>;
      if (!t.dropConnection) return null;
      t.dropConnection();
      r1 = await this.query(1);
      if (r1 === null) return null;
    }
    const r2 = await this.query(2);
    const r4 = await this.query(4);
    if (r2 === null || r4 === null) return null;
    const r3 = (r2 & 0x40) !== 0 ? (await this.query(3)) ?? undefined : undefined;
    return decodeStatus(r1, r2, r4, r3);
  }

  private async statusNow(): Promise<DeviceStatus> {
    if (!this.canQueryStatus) return { ok: true, problem: null };
    let flags: PrinterFlags | null;
    try {
      flags = await this.readFlagsNow();
    } catch {
      return { ok: false, problem: PROBLEMS.offline };
    }
    return flags === null ? { ok: false, problem: PROBLEMS.offline } : toDeviceStatus(flags);
  }

  /** The printer's flags (drawer open, near end, …), or null if it did not answer. */
  flags(): Promise<PrinterFlags | null> {
    return this.sequence.run(async () => (this.canQueryStatus ? this.readFlagsNow().catch(() => null) : null));
  }

  /**
   * ok with no problem when the printer is ready; ok with devices.paperNearEnd as a
   * warning; not ok with the problem otherwise. A printer we cannot ask reports ok.
   */
  status(): Promise<DeviceStatus> {
    return this.sequence.run(() => this.statusNow());
  }

  private async ensureReady(): Promise<void> {
    const s = await this.statusNow();
    if (!s.ok) throw new PrinterError(s.problem ?? PROBLEMS.error, `${this.transport.description}: ${s.problem ?? 'not ready'}`);
  }

  /**
   * Checks the printer first, so a receipt is not sent into a printer that will not
   * print it: the caller gets a PrinterError and the sale stays for a reprint.
   */
  async print(doc: PrintDoc): Promise<void> {
    // async, so a doc that cannot be rendered (bad EAN-13) rejects rather than throws at the caller
    const bytes = renderEscPos(doc, this.profile);
    return this.sequence.run(async () => {
      await this.ensureReady();
      await this.send(bytes);
    });
  }

  /** Prints the code page test page (see renderCodePageTest). */
  async printCodePageTest(candidates?: readonly CodePageChoice[]): Promise<void> {
    const bytes = renderCodePageTest(this.profile, candidates);
    return this.sequence.run(async () => {
      await this.ensureReady();
      await this.send(bytes);
    });
  }

  /**
   * Kicks the drawer. Paper out or cover open does not stop it — the cashier still
   * needs the change — but a printer that does not answer at all does.
   */
  open(): Promise<void> {
    return this.sequence.run(async () => {
      if (this.canQueryStatus && (await this.readFlagsNow().catch(() => null)) === null) {
        throw new PrinterError(PROBLEMS.offline, `${this.transport.description}: no answer, drawer not opened`);
      }
      await this.send(drawerKick(this.profile.drawer));
    });
  }

  /** Stops listening and closes the transport. */
  async close(): Promise<void> {
    this.unsubscribe();
    await this.transport.close();
  }
}
