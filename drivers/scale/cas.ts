import type { WeightReading } from '../../src/core/ports/scale.js';
import { SerialTransport } from '../transports/serial.js';
import { ACK, CAS_FRAME_LENGTH, DC1, ENQ, NAK, isCasSoh, parseCasFrame } from './cas-frame.js';
import { scaleError } from './errors.js';
import { LineScale, type LineScaleOptions } from './line-scale.js';

export const CAS_DEFAULT_BAUD = 9600;

/** Bytes of noise we skip looking for the frame's SOH before calling the answer garbage. */
const MAX_NOISE = 64;

type Attempt =
  | { kind: 'reading'; reading: WeightReading }
  | { kind: 'overload' }
  | { kind: 'silent' }
  | { kind: 'not-ready' }
  | { kind: 'garbled'; why: string };

/** A CAS AP / ER / PD-II scale on the ENQ/ACK/DC1 protocol (see cas-frame.ts). */
export class CasScale extends LineScale {
  /** Opens the serial port (9600 8N1 unless told otherwise); dispose() closes it. */
  static async open(options: { path: string; baudRate?: number } & Omit<LineScaleOptions, 'ownsTransport'>): Promise<CasScale> {
    const transport = await SerialTransport.open({ path: options.path, baudRate: options.baudRate ?? CAS_DEFAULT_BAUD });
    return new CasScale(transport, { ...options, ownsTransport: true });
  }

  protected async readOnce(): Promise<WeightReading> {
    let heard = false;
    let last: Attempt = { kind: 'silent' };
    for (let i = 0; i < this.timings.attempts; i++) {
      last = await this.attempt();
      if (last.kind === 'reading') return last.reading;
      if (last.kind === 'overload') throw scaleError('overload');
      if (last.kind !== 'silent') heard = true;
    }
    if (last.kind === 'not-ready') throw scaleError('not-ready', 'NAK to ENQ');
    if (!heard) throw scaleError('no-connection', `${this.transport.description}: no reply to ENQ`);
    throw scaleError('bad-answer', last.kind === 'garbled' ? last.why : 'the scale stopped answering mid-exchange');
  }

  private async attempt(): Promise<Attempt> {
    this.reader.flush();
    await this.send(Uint8Array.of(ENQ));
    const reply = await this.reader.readByte(this.timings.replyMs);
    if (reply === null) return { kind: 'silent' };
    if (reply === NAK) return { kind: 'not-ready' };
    if (reply !== ACK) return { kind: 'garbled', why: `0x${reply.toString(16).padStart(2, '0')} in reply to ENQ` };

    await this.send(Uint8Array.of(DC1));
    let first = await this.reader.readByte(this.timings.replyMs);
    for (let skipped = 0; first !== null && !isCasSoh(first); skipped++) {
      if (skipped >= MAX_NOISE) return { kind: 'garbled', why: `no SOH in ${MAX_NOISE} bytes` };
      first = await this.reader.readByte(this.timings.interByteMs);
    }
    if (first === null) return { kind: 'garbled', why: 'no weight frame after DC1' };
    const rest = await this.readBytes(CAS_FRAME_LENGTH - 1);
    if (rest === null) return { kind: 'garbled', why: 'weight frame cut short' };
    const answer = parseCasFrame(Uint8Array.of(first, ...rest));
    switch (answer.kind) {
      case 'weight': return { kind: 'reading', reading: { grams: answer.grams, stable: answer.stable } };
      case 'overload': return { kind: 'overload' };
      case 'invalid': return { kind: 'garbled', why: answer.why };
    }
  }
}
