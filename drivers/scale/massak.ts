import type { WeightReading } from '../../src/core/ports/scale.js';
import { SerialTransport } from '../transports/serial.js';
import { scaleError } from './errors.js';
import { divisionsToGrams } from './grams.js';
import { LineScale, type LineScaleOptions } from './line-scale.js';
import { MASSAK_ERRORS, MASSAK_HEADER, MASSAK_OVERLOAD, MassakCmd, encodeMassakFrame, massakCrc, parseMassakBody } from './massak-frame.js';

/** What their USB (virtual COM) and RS-232 interfaces run at in the protocol-100 / 1C setting. */
export const MASSAK_DEFAULT_BAUD = 57_600;

/** Their Ethernet and Wi-Fi modules listen here. */
export const MASSAK_TCP_PORT = 5001;

const MAX_NOISE = 64;
const MAX_BODY = 512;
const GET_MASSA = encodeMassakFrame(Uint8Array.of(MassakCmd.getMassa));

type Attempt =
  | { kind: 'reading'; reading: WeightReading }
  | { kind: 'final'; error: Error }
  | { kind: 'silent' }
  | { kind: 'garbled'; why: string };

/** A Massa-K scale on Протокол 100 (see massak-frame.ts), over a serial port or TCP. */
export class MassakScale extends LineScale {
  /** Opens the serial port (57600 8N1 unless told otherwise); dispose() closes it. */
  static async open(options: { path: string; baudRate?: number } & Omit<LineScaleOptions, 'ownsTransport'>): Promise<MassakScale> {
    const transport = await SerialTransport.open({ path: options.path, baudRate: options.baudRate ?? MASSAK_DEFAULT_BAUD });
    return new MassakScale(transport, { ...options, ownsTransport: true });
  }

  protected async readOnce(): Promise<WeightReading> {
    let heard = false;
    let why = '';
    for (let i = 0; i < this.timings.attempts; i++) {
      const a = await this.attempt();
      if (a.kind === 'reading') return a.reading;
      if (a.kind === 'final') throw a.error;
      if (a.kind === 'garbled') {
        heard = true;
        why = a.why;
      }
    }
    if (!heard) throw scaleError('no-connection', `${this.transport.description}: no answer to CMD_GET_MASSA`);
    throw scaleError('bad-answer', why);
  }

  private async attempt(): Promise<Attempt> {
    this.reader.flush();
    await this.send(GET_MASSA);
    const first = await this.reader.readByte(this.timings.replyMs);
    if (first === null) return { kind: 'silent' };
    if (!(await this.syncHeader(first))) return { kind: 'garbled', why: 'no F8 55 CE header' };
    const len = await this.readBytes(2);
    if (len === null) return { kind: 'garbled', why: 'frame cut short in Len' };
    const n = (len[0] ?? 0) | ((len[1] ?? 0) << 8);
    if (n < 1 || n > MAX_BODY) return { kind: 'garbled', why: `Len ${n}` };
    const rest = await this.readBytes(n + 2);
    if (rest === null) return { kind: 'garbled', why: 'frame cut short' };
    const body = rest.subarray(0, n);
    const crc = (rest[n] ?? 0) | ((rest[n + 1] ?? 0) << 8);
    if (crc !== massakCrc(body)) return { kind: 'garbled', why: `CRC ${crc.toString(16)}, computed ${massakCrc(body).toString(16)}` };
    return this.interpret(body);
  }

  /** Reads on from `first` until the three header bytes have gone by; false on silence or too much noise. */
  private async syncHeader(first: number): Promise<boolean> {
    let matched = first === MASSAK_HEADER[0] ? 1 : 0;
    for (let seen = 1; matched < MASSAK_HEADER.length; seen++) {
      if (seen > MAX_NOISE) return false;
      const b = await this.reader.readByte(this.timings.interByteMs);
      if (b === null) return false;
      if (b === MASSAK_HEADER[matched]) matched++;
      else matched = b === MASSAK_HEADER[0] ? 1 : 0;
    }
    return true;
  }

  private interpret(body: Uint8Array): Attempt {
    const answer = parseMassakBody(body);
    switch (answer.kind) {
      case 'massa': {
        const grams = divisionsToGrams(answer.weight, answer.division);
        if (grams === null) return { kind: 'garbled', why: `division code ${answer.division}` };
        return { kind: 'reading', reading: { grams, stable: answer.stable } };
      }
      case 'error': {
        if (answer.code === MASSAK_OVERLOAD) return { kind: 'final', error: scaleError('overload') };
        const known = MASSAK_ERRORS[answer.code];
        const code = `error 0x${answer.code.toString(16).padStart(2, '0')}`;
        return { kind: 'final', error: scaleError('not-ready', known ? `${code}: ${known.en}` : code, known?.ru) };
      }
      case 'nack':
        return { kind: 'final', error: scaleError('not-ready', 'CMD_NACK: the scale does not take CMD_GET_MASSA', 'весы не поддерживают запрос массы') };
      case 'invalid':
        return { kind: 'garbled', why: answer.why };
    }
  }
}
