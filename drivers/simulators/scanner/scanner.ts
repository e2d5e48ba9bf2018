import { latin1Bytes } from '../../scanner/framer.js';
import type { ByteTransport } from '../../transports/types.js';

export interface ScannerSimulatorOptions {
  /** sent after each code; CR, as scanners leave the factory */
  suffix?: string;
  /** sent before each code */
  prefix?: string;
}

/**
 * A scanner in serial / USB-CDC mode: each code goes out as its bytes, unchanged (a
 * DataMatrix keeps its GS separators), between the prefix and the suffix.
 */
export class ScannerSimulator {
  private readonly prefix: number[];
  private readonly suffix: number[];
  /** codes sent so far */
  sent = 0;

  constructor(private readonly link: ByteTransport, options: ScannerSimulatorOptions = {}) {
    this.prefix = latin1Bytes(options.prefix ?? '', 'prefix');
    this.suffix = latin1Bytes(options.suffix ?? '\r', 'suffix');
  }

  /** Sends one code; rejects for a character no scanner sends (past U+00FF). */
  async scan(code: string): Promise<void> {
    await this.link.write(Uint8Array.from([...this.prefix, ...latin1Bytes(code, 'code'), ...this.suffix]));
    this.sent++;
  }
}
