import type { CustomerDisplay } from '../../src/core/ports/customer-display.js';
import { concat } from '../bytes.js';
import { encodeCp866 } from '../../src/shared/codepages.js';
import { SerialTransport } from '../transports/serial.js';
import type { ByteTransport } from '../transports/types.js';

/**
 * A 2×20 pole display (VFD or LCD) in Epson ESC/POS display mode, the command set that
 * Epson DM-D and nearly every clone (Posiflex, POS-X, Mercury, Tysso) speak; Datecs-style
 * DSP-800 command sets are not spoken. Commands used, as the DM-D / POS-X XP8200 manuals
 * list them:
 *   ESC @        1B 40       initialise
 *   ESC t n      1B 74 n     character code table
 *   US MD1       1F 01       overwrite mode (no scrolling)
 *   US C n       1F 43 n     cursor shown (1) or hidden (0)
 *   US $ x y     1F 24 x y   cursor to column x (1..20), row y (1..2)
 *   CLR          0C          clear the screen
 * Text goes out in CP866; its table number differs between firmwares (17 in Epson's
 * numbering, as on their printers), so it is a setting, and null leaves the table the
 * display's switches chose.
 */
export const DISPLAY_WIDTH = 20;
export const DISPLAY_DEFAULT_BAUD = 9600;
export const EPSON_PC866_TABLE = 17;

const ESC = 0x1b;
const US = 0x1f;
const CLR = 0x0c;

export interface PoleDisplayOptions {
  /** ESC t number of PC866; null: do not switch tables */
  codeTable?: number | null;
  /** close the transport on dispose (the driver opened it) */
  ownsTransport?: boolean;
}

/** What CP866 lacks but a price line is full of (Intl puts U+202F between thousands); one character for one, so columns stay put. */
const STAND_INS: Record<string, string> = {
  '\u202f': ' ', '\u2007': ' ', '\u2009': ' ', '\u00a0': ' ',
  '₽': 'Р', '«': '"', '»': '"', '„': '"', '“': '"', '”': '"', '–': '-', '—': '-', '−': '-',
};

/**
 * One line as the display's bytes: cut or padded to `width`, CP866, characters it lacks
 * as '?'. A control character in the text becomes a space: on this line it would be a
 * command (0C clears the screen).
 */
export function displayLine(text: string, width = DISPLAY_WIDTH): Uint8Array {
  const chars = [...text].map((c) => STAND_INS[c] ?? (c < ' ' || c === '\x7f' ? ' ' : c));
  const fitted = chars.slice(0, width).join('').padEnd(width, ' ');
  return encodeCp866(fitted);
}

export class EpsonPoleDisplay implements CustomerDisplay {
  readonly width = DISPLAY_WIDTH;
  private initialised = false;
  private readonly codeTable: number | null;

  constructor(private readonly transport: ByteTransport, private readonly options: PoleDisplayOptions = {}) {
    this.codeTable = options.codeTable === undefined ? EPSON_PC866_TABLE : options.codeTable;
  }

  /** Opens the serial port (9600 8N1 unless told otherwise); dispose() closes it. */
  static async open(options: { path: string; baudRate?: number } & Omit<PoleDisplayOptions, 'ownsTransport'>): Promise<EpsonPoleDisplay> {
    const transport = await SerialTransport.open({ path: options.path, baudRate: options.baudRate ?? DISPLAY_DEFAULT_BAUD });
    return new EpsonPoleDisplay(transport, { ...options, ownsTransport: true });
  }

  /**
   * Sent before every write: the table and modes are a few bytes, and a display switched off
   * and on while the till runs would otherwise come back in cp437. ESC @ (which blanks the
   * screen) only the first time, to clear whatever state it was left in.
   */
  private setup(): Uint8Array {
    const init = this.initialised ? [] : [ESC, 0x40];
    this.initialised = true;
    const table = this.codeTable === null ? [] : [ESC, 0x74, this.codeTable];
    return Uint8Array.of(...init, ...table, US, 0x01, US, 0x43, 0);
  }

  async show(lines: readonly [string, string]): Promise<void> {
    const bytes = concat(
      this.setup(),
      Uint8Array.of(US, 0x24, 1, 1), displayLine(lines[0], this.width),
      Uint8Array.of(US, 0x24, 1, 2), displayLine(lines[1], this.width),
    );
    await this.transport.write(bytes);
  }

  async clear(): Promise<void> {
    await this.transport.write(concat(this.setup(), Uint8Array.of(CLR)));
  }

  async dispose(): Promise<void> {
    if (this.options.ownsTransport) await this.transport.close();
  }
}
