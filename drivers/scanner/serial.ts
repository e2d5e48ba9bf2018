import type { Scanner } from '../../src/core/ports/scanner.js';
import { SerialTransport } from '../transports/serial.js';
import type { ByteTransport } from '../transports/types.js';
import { ScanFramer, type ScanFraming } from './framer.js';
import { ScanListeners } from './listeners.js';

/** RS-232 scanners leave the factory at 9600 8N1; a USB-CDC one ignores the speed. */
export const SCANNER_DEFAULT_BAUD = 9600;

export interface SerialScannerOptions extends ScanFraming {
  /**
   * A pause this long also ends a code: for scanners set up to send no suffix. Off by
   * default, because a slow line could split one code in two.
   */
  idleMs?: number;
  /** close the transport on dispose (the driver opened it) */
  ownsTransport?: boolean;
}

/** A scanner in serial or USB-CDC (virtual COM port) mode. */
export class SerialScanner implements Scanner {
  private readonly framer: ScanFramer;
  private readonly listeners = new ScanListeners();
  private readonly off: () => void;
  private idle: NodeJS.Timeout | null = null;

  constructor(private readonly transport: ByteTransport, private readonly options: SerialScannerOptions = {}) {
    if (options.suffix === '' && options.idleMs === undefined) throw new Error('a scanner that sends no suffix needs idleMs to tell its codes apart');
    this.framer = new ScanFramer(options);
    this.off = transport.onData((bytes) => this.onBytes(bytes));
  }

  /** Opens the serial port (9600 8N1 unless told otherwise); dispose() closes it. */
  static async open(options: { path: string; baudRate?: number } & Omit<SerialScannerOptions, 'ownsTransport'>): Promise<SerialScanner> {
    const transport = await SerialTransport.open({ path: options.path, baudRate: options.baudRate ?? SCANNER_DEFAULT_BAUD });
    return new SerialScanner(transport, { ...options, ownsTransport: true });
  }

  private onBytes(bytes: Uint8Array): void {
    for (const code of this.framer.push(bytes)) this.listeners.emit(code);
    const idleMs = this.options.idleMs;
    if (idleMs === undefined) return;
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      this.idle = null;
      const code = this.framer.flush();
      if (code !== null) this.listeners.emit(code);
    }, idleMs);
  }

  onScan(listener: (code: string) => void): () => void {
    return this.listeners.add(listener);
  }

  async dispose(): Promise<void> {
    this.off();
    if (this.idle) clearTimeout(this.idle);
    this.listeners.clear();
    if (this.options.ownsTransport) await this.transport.close();
  }
}
