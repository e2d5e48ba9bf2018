import type { ByteTransport } from '../transports/types.js';
import { ByteReader } from '../transports/byte-reader.js';
import { ShtrihLinkError } from './errors.js';
import { ACK, ENQ, NAK, STX, commandBytes, encodeFrame, lrc, splitCommand } from './frame.js';
import { concat } from './binary.js';

/**
 * Link timings. The protocol's own byte timeout is 50 ms, but a pty or a
 * USB-serial adapter on a busy two-core till is far slower to wake us, so
 * the defaults are generous; only a dead line pays for them.
 */
export interface LinkTimings {
  /** wait for the one-byte reply to ENQ */
  enqReplyMs: number;
  /** wait for ACK/NAK after a command frame */
  ackMs: number;
  /** gap allowed between bytes inside an answer frame */
  interByteMs: number;
  /** ENQs in a row left unanswered before the registrar counts as gone */
  enqAttempts: number;
  /** rounds (probe, send, read) before giving up on a line that keeps failing */
  maxRounds: number;
}

export const DEFAULT_TIMINGS: LinkTimings = {
  enqReplyMs: 500,
  ackMs: 500,
  interByteMs: 300,
  enqAttempts: 5,
  maxRounds: 10,
};

export interface ExchangeOptions {
  /** how long the registrar may take to prepare the answer (a Z report prints for a while) */
  answerTimeoutMs: number;
  /**
   * Safe to send twice (status queries). A command that is not must never be
   * re-sent once the registrar has acknowledged it: its answer lost means its
   * outcome is unknown, not that it failed.
   */
  idempotent: boolean;
}

type AnswerRead = { kind: 'ok'; payload: Uint8Array } | { kind: 'bad-lrc' } | { kind: 'timeout' } | { kind: 'incomplete' };
type EnqReply = 'idle' | 'busy' | 'silent' | 'noise';

export interface LinkEvents {
  /** a line event worth a log line: retries, stale answers, noise */
  onEvent?: (message: string) => void;
}

/**
 * The host side of the standard low level: ENQ probing, ACK/NAK, answer
 * reading with a checksum, retries. One exchange at a time (a mutex), since
 * the registrar has a single answer buffer.
 */
export class ShtrihLink {
  private readonly reader: ByteReader;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transport: ByteTransport,
    private readonly timings: LinkTimings = DEFAULT_TIMINGS,
    private readonly events: LinkEvents = {},
  ) {
    this.reader = new ByteReader(transport);
  }

  /** Sends one command (code + data) and returns the answer payload: code echo, error byte, data. */
  exchange(code: number, data: Uint8Array, options: ExchangeOptions): Promise<Uint8Array> {
    const run = this.tail.then(
      () => this.run(code, data, options),
      () => this.run(code, data, options),
    );
    this.tail = run.catch(() => undefined);
    return run;
  }

  dispose(): void {
    this.reader.dispose();
  }

  private log(message: string): void {
    this.events.onEvent?.(message);
  }

  private async run(code: number, data: Uint8Array, options: ExchangeOptions): Promise<Uint8Array> {
    const frame = encodeFrame(concat(commandBytes(code), data));
    /** written at least once: the registrar may have it even without an ACK we saw */
    let written = false;
    /** ACKed by the registrar: it will execute it (or has) */
    let acked = false;
    let silentInRow = 0;

    for (let round = 0; round < this.timings.maxRounds; round++) {
      const reply = await this.enq();
      if (reply === 'silent' || reply === 'noise') {
        if (reply === 'silent') silentInRow++;
        if (silentInRow >= this.timings.enqAttempts) {
          throw new ShtrihLinkError('no-connection', code, written, `no reply to ${silentInRow} ENQ`);
        }
        this.reader.flush();
        continue;
      }
      silentInRow = 0;

      if (reply === 'busy') {
        // An answer is ready or being prepared. If we have sent our command, it is ours;
        // otherwise it is a leftover from an exchange that broke, to be acknowledged and dropped.
        const answer = await this.readAnswer(written ? options.answerTimeoutMs : this.timings.ackMs * 4);
        const mine = await this.handleAnswer(answer, code, written);
        if (mine) return mine;
        continue;
      }

      // reply === 'idle': the registrar waits for a command and holds no answer.
      if (acked && !options.idempotent) {
        throw new ShtrihLinkError('answer-lost', code, true, 'registrar is idle but its answer never came');
      }
      await this.transport.write(frame);
      written = true;
      const confirm = await this.reader.readByte(this.timings.ackMs);
      if (confirm !== ACK) {
        this.log(confirm === NAK ? 'command frame NAKed, resending' : `no ACK for command frame (${String(confirm)})`);
        this.reader.flush();
        continue;
      }
      acked = true;
      const answer = await this.readAnswer(options.answerTimeoutMs);
      const mine = await this.handleAnswer(answer, code, true);
      if (mine) return mine;
    }
    throw new ShtrihLinkError('retries-exhausted', code, written, `${this.timings.maxRounds} rounds`);
  }

  /** Acknowledges a good answer and returns it if it answers `code`; NAKs a damaged one. */
  private async handleAnswer(answer: AnswerRead, code: number, ours: boolean): Promise<Uint8Array | null> {
    if (answer.kind === 'ok') {
      await this.transport.write(Uint8Array.of(ACK));
      if (ours && splitCommand(answer.payload).code === code) return answer.payload;
      this.log(`dropped a stale answer to ${splitCommand(answer.payload).code.toString(16)}`);
      return null;
    }
    if (answer.kind === 'bad-lrc') {
      this.log('answer checksum wrong, NAK');
      this.reader.flush();
      await this.transport.write(Uint8Array.of(NAK));
      return null;
    }
    this.log(`answer ${answer.kind}`);
    this.reader.flush();
    return null;
  }

  private async enq(): Promise<EnqReply> {
    this.reader.flush();
    await this.transport.write(Uint8Array.of(ENQ));
    const b = await this.reader.readByte(this.timings.enqReplyMs);
    if (b === null) return 'silent';
    if (b === NAK) return 'idle';
    if (b === ACK) return 'busy';
    this.log(`noise 0x${b.toString(16)} in reply to ENQ`);
    return 'noise';
  }

  /** Reads one answer frame; bytes before STX are line noise and skipped. */
  private async readAnswer(firstByteMs: number): Promise<AnswerRead> {
    const deadline = Date.now() + firstByteMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return { kind: 'timeout' };
      const b = await this.reader.readByte(left);
      if (b === null) return { kind: 'timeout' };
      if (b === STX) break;
    }
    const len = await this.reader.readByte(this.timings.interByteMs);
    if (len === null || len === 0) return { kind: 'incomplete' };
    const body = new Uint8Array(len + 2);
    body[0] = len;
    for (let i = 1; i < len + 2; i++) {
      const b = await this.reader.readByte(this.timings.interByteMs);
      if (b === null) return { kind: 'incomplete' };
      body[i] = b;
    }
    if (lrc(body, 0, len + 1) !== body[len + 1]) return { kind: 'bad-lrc' };
    return { kind: 'ok', payload: body.slice(1, len + 1) };
  }
}
