import type { ByteTransport } from '../../transports/types.js';
import { ACK, ENQ, NAK, STX, encodeFrame, lrc, splitCommand } from '../../shtrih/frame.js';
import type { LineFault } from './faults.js';

export interface DeviceLinkOptions {
  /** the registrar drops a half-received frame after this silence */
  interByteMs?: number;
  /** how long the "firmware" works on a command before answering (e.g. a Z report prints for a while) */
  processingMs?: (code: number) => number;
}

type State =
  | { kind: 'idle' }
  | { kind: 'receiving'; buf: number[]; need: number }
  | { kind: 'executing' }
  | { kind: 'answered'; frame: Uint8Array };

interface ArmedFault {
  fault: LineFault;
  fired: () => void;
}

/**
 * The registrar's side of the standard low level, byte by byte: answers ENQ
 * with NAK (idle) or ACK (answer pending), receives and checks frames, ACKs
 * them, runs the command and sends the answer, repeating it on ENQ until the
 * host ACKs. Faults are injected here, on the way in and out.
 */
export class DeviceLink {
  private state: State = { kind: 'idle' };
  private timer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;
  private faults: ArmedFault[] = [];
  private powered = true;
  silent = false;
  private readonly interByteMs: number;
  private readonly processingMs: (code: number) => number;
  onPowerOff: () => void = () => undefined;

  constructor(
    private readonly transport: ByteTransport,
    private readonly execute: (payload: Uint8Array) => Uint8Array,
    options: DeviceLinkOptions = {},
  ) {
    this.interByteMs = options.interByteMs ?? 150;
    this.processingMs = options.processingMs ?? (() => 0);
    this.unsubscribe = transport.onData((bytes) => {
      for (const b of bytes) this.onByte(b);
    });
  }

  /** Arms a fault; the promise resolves when it has happened. */
  inject(fault: LineFault): Promise<void> {
    return new Promise((resolve) => this.faults.push({ fault, fired: resolve }));
  }

  /** Drops faults that never fired (between tests). */
  clearFaults(): void {
    this.faults = [];
  }

  get isPowered(): boolean {
    return this.powered;
  }

  /** Power comes back: the registrar starts idle, any answer it had is gone. */
  powerOn(): void {
    this.powered = true;
    this.reset();
  }

  dispose(): void {
    this.unsubscribe();
    this.clearTimer();
  }

  /** Takes the first armed fault of `kind` that applies to `code` (undefined: not known yet). */
  private take(kind: LineFault['kind'], code?: number): LineFault | null {
    const i = this.faults.findIndex((a) => {
      if (a.fault.kind !== kind) return false;
      const want = 'command' in a.fault ? a.fault.command : undefined;
      return want === undefined || want === code;
    });
    if (i < 0) return null;
    const [armed] = this.faults.splice(i, 1);
    armed?.fired();
    return armed?.fault ?? null;
  }

  private reset(): void {
    this.clearTimer();
    this.state = { kind: 'idle' };
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private send(bytes: Uint8Array): void {
    if (!this.powered) return;
    this.transport.write(bytes).catch(() => undefined);
  }

  private onByte(b: number): void {
    if (!this.powered || this.silent) return;
    const s = this.state;

    if (s.kind === 'receiving') {
      this.clearTimer();
      s.buf.push(b);
      if (s.buf.length === 1) s.need = b + 2; // LEN, then LEN bytes and LRC
      if (s.buf.length === s.need - 1 && this.take('dropCommandTail', codeOf(s.buf))) {
        // the last byte never makes it: keep waiting, and time out like the firmware does
        s.need = Number.POSITIVE_INFINITY;
      }
      if (s.buf.length >= s.need) this.frameIn(Uint8Array.from(s.buf));
      else this.timer = setTimeout(() => this.reset(), this.interByteMs);
      return;
    }

    if (b === ENQ) {
      if (s.kind === 'idle') {
        this.send(Uint8Array.of(this.take('noiseOnEnq') ? 0x7f : NAK));
      } else if (s.kind === 'executing') {
        this.send(Uint8Array.of(ACK));
      } else if (s.kind === 'answered') {
        // the host missed or rejected the answer: say it is ready, then send it again
        this.send(Uint8Array.of(ACK));
        this.send(s.frame);
      }
      return;
    }
    if (b === ACK && s.kind === 'answered') {
      this.state = { kind: 'idle' };
      return;
    }
    if (b === STX && s.kind !== 'executing') {
      this.state = { kind: 'receiving', buf: [], need: 2 };
      this.timer = setTimeout(() => this.reset(), this.interByteMs);
    }
    // NAK after an answer: keep it and wait for ENQ. Anything else is noise.
  }

  /** body = LEN, payload, LRC */
  private frameIn(body: Uint8Array): void {
    this.clearTimer();
    const len = body[0] ?? 0;
    if (len === 0 || lrc(body, 0, len + 1) !== body[len + 1]) {
      this.state = { kind: 'idle' };
      this.send(Uint8Array.of(NAK));
      return;
    }
    const code = splitCommand(body.subarray(1, len + 1)).code;
    if (this.take('nakNextCommand', code)) {
      this.state = { kind: 'idle' };
      this.send(Uint8Array.of(NAK));
      return;
    }
    this.send(Uint8Array.of(ACK));
    const payload = body.slice(1, len + 1);
    this.state = { kind: 'executing' };
    const delay = this.processingMs(code);
    const run = (): void => this.answer(code, payload);
    if (delay > 0) this.timer = setTimeout(run, delay);
    else setImmediate(run);
  }

  private answer(code: number, payload: Uint8Array): void {
    this.timer = null;
    if (!this.powered || this.state.kind !== 'executing') return;
    const answer = encodeFrame(this.execute(payload));
    if (this.take('powerOffAfter', code)) {
      this.powered = false;
      this.state = { kind: 'idle' };
      this.onPowerOff();
      return;
    }
    this.state = { kind: 'answered', frame: answer };
    let out = answer;
    const noise = this.take('noiseBeforeAnswer', code);
    if (noise?.kind === 'noiseBeforeAnswer') this.send(Uint8Array.from(noise.bytes ?? [0xff, 0x00, 0x13, 0x7e]));
    if (this.take('garbleAnswerLrc', code)) {
      out = answer.slice();
      out[out.length - 1] = (out[out.length - 1] ?? 0) ^ 0x5a;
    }
    const drop = this.take('dropAnswerTail', code);
    if (drop?.kind === 'dropAnswerTail') out = out.subarray(0, Math.max(1, out.length - (drop.bytes ?? 2)));
    this.send(out);
  }
}

/** The command code of a frame being received (buf = LEN, CMD...), once its bytes are in. */
function codeOf(buf: readonly number[]): number | undefined {
  const first = buf[1];
  if (first === undefined) return undefined;
  if (first !== 0xff) return first;
  const second = buf[2];
  return second === undefined ? undefined : 0xff00 | second;
}
