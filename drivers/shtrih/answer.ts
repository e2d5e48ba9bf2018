import { readDateTime, readSum, readUint } from './binary.js';
import { ShtrihDeviceError, ShtrihProtocolError } from './errors.js';
import { commandName, splitCommand } from './frame.js';

/**
 * A length-checked cursor over one answer's data (after the code echo and the
 * error byte). Every read checks bounds, so a short answer is a clear
 * ShtrihProtocolError instead of a garbage number.
 */
export class AnswerReader {
  private at = 0;
  constructor(
    readonly command: number,
    readonly data: Uint8Array,
  ) {}

  get remaining(): number {
    return this.data.length - this.at;
  }

  private need(n: number, what: string): void {
    if (this.at + n > this.data.length) {
      throw new ShtrihProtocolError(this.command, `${what} needs ${n} bytes at ${this.at}, answer has ${this.data.length}`);
    }
  }

  u8(what: string): number {
    this.need(1, what);
    return this.data[this.at++] ?? 0;
  }

  uint(width: number, what: string): number {
    this.need(width, what);
    const v = readUint(this.data, this.at, width);
    this.at += width;
    return v;
  }

  sum(what: string): number {
    this.need(5, what);
    const v = readSum(this.data, this.at);
    this.at += 5;
    return v;
  }

  dateTime(what: string): Date {
    this.need(5, what);
    try {
      return readDateTime(this.data, this.at);
    } catch (e) {
      throw new ShtrihProtocolError(this.command, `${what}: ${(e as Error).message}`);
    } finally {
      this.at += 5;
    }
  }

  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const v = this.data.slice(this.at, this.at + n);
    this.at += n;
    return v;
  }

  rest(): Uint8Array {
    const v = this.data.slice(this.at);
    this.at = this.data.length;
    return v;
  }
}

/**
 * Checks the echo and the error byte of an answer payload; a non-zero error
 * becomes ShtrihDeviceError, and the data must hold at least `minData` bytes.
 */
export function openAnswer(command: number, payload: Uint8Array, minData: number): AnswerReader {
  const { code, rest } = splitCommand(payload);
  if (code !== command) {
    throw new ShtrihProtocolError(command, `answer is for ${commandName(code)}`);
  }
  const error = rest[0];
  if (error === undefined) throw new ShtrihProtocolError(command, 'no error byte');
  if (error !== 0) throw new ShtrihDeviceError(command, error);
  const data = rest.subarray(1);
  if (data.length < minData) {
    throw new ShtrihProtocolError(command, `data is ${data.length} bytes, at least ${minData} expected`);
  }
  return new AnswerReader(command, data);
}
