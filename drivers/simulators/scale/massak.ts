import { MASSAK_HEADER, MASSAK_OVERLOAD, MassakCmd, ackMassaBody, encodeMassakFrame, massakCrc } from '../../scale/massak-frame.js';
import type { ByteTransport } from '../../transports/types.js';
import { NOISE, ScalePlatform } from './platform.js';

/** error 0x09 of Протокол 100: the scale is not in weighing mode */
const NOT_WEIGHING = 0x09;

/** Grams → the weight field's count of divisions (division codes as in massak-frame.ts). */
function toDivisions(grams: number, division: number): number {
  switch (division) {
    case 0: return grams * 10;
    case 1: return grams;
    default: {
      const step = 10 ** (division - 1);
      return Math.sign(grams) * Math.floor((Math.abs(grams) + step / 2) / step);
    }
  }
}

/**
 * The scale's side of Massa-K Протокол 100 (drivers/scale/massak-frame.ts). Frames with a
 * bad CRC are dropped unanswered; a command other than CMD_GET_MASSA gets CMD_NACK.
 */
export class MassakScaleSimulator {
  private buffer: number[] = [];
  private readonly off: () => void;
  /** the division code it reports weights in: 1 (1 g) unless told */
  readonly division: number;

  constructor(private readonly link: ByteTransport, readonly platform = new ScalePlatform(), options: { division?: number } = {}) {
    this.division = options.division ?? 1;
    this.off = link.onData((bytes) => {
      this.buffer.push(...bytes);
      this.drain();
    });
  }

  /** Takes every whole frame off the front of the buffer. */
  private drain(): void {
    for (;;) {
      const start = this.findHeader();
      if (start < 0) {
        // noise: keep only what could be the start of a header cut by the chunk boundary
        this.buffer = this.buffer.slice(-(MASSAK_HEADER.length - 1));
        return;
      }
      this.buffer = this.buffer.slice(start);
      if (this.buffer.length < 5) return;
      const n = (this.buffer[3] ?? 0) | ((this.buffer[4] ?? 0) << 8);
      if (this.buffer.length < 5 + n + 2) return;
      const body = Uint8Array.from(this.buffer.slice(5, 5 + n));
      const crc = (this.buffer[5 + n] ?? 0) | ((this.buffer[6 + n] ?? 0) << 8);
      this.buffer = this.buffer.slice(5 + n + 2);
      if (crc === massakCrc(body) && n > 0) this.execute(body);
    }
  }

  private findHeader(): number {
    for (let i = 0; i + MASSAK_HEADER.length <= this.buffer.length; i++) {
      if (MASSAK_HEADER.every((h, k) => this.buffer[i + k] === h)) return i;
    }
    return -1;
  }

  private execute(body: Uint8Array): void {
    if (this.platform.silent) return;
    if (body[0] !== MassakCmd.getMassa) return this.send(encodeMassakFrame(Uint8Array.of(MassakCmd.nack)));
    if (this.platform.notReady) return this.send(encodeMassakFrame(Uint8Array.of(MassakCmd.error, NOT_WEIGHING)));
    const a = this.platform.take();
    if (a.kind === 'garbage') {
      const frame = encodeMassakFrame(this.massa(this.platform.grams, true));
      frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0x5a;
      return this.send(Uint8Array.of(...NOISE, ...frame));
    }
    if (a.kind === 'overload') return this.send(encodeMassakFrame(Uint8Array.of(MassakCmd.error, MASSAK_OVERLOAD)));
    this.send(encodeMassakFrame(this.massa(a.grams, a.stable)));
  }

  private massa(grams: number, stable: boolean): Uint8Array {
    return ackMassaBody({ weight: toDivisions(grams, this.division), division: this.division, stable, net: false, zero: grams === 0, tare: 0 });
  }

  private send(bytes: Uint8Array): void {
    void this.link.write(bytes).catch(() => undefined);
  }

  dispose(): void {
    this.off();
  }
}
