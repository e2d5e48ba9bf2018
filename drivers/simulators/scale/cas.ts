import { ACK, DC1, ENQ, NAK, encodeCasFrame } from '../../scale/cas-frame.js';
import type { ByteTransport } from '../../transports/types.js';
import { NOISE, ScalePlatform } from './platform.js';

/**
 * The scale's side of the CAS ENQ/ACK/DC1 protocol (drivers/scale/cas-frame.ts): ACK or
 * NAK to ENQ, the weight frame to a DC1 that follows an ACK, nothing to anything else.
 */
export class CasScaleSimulator {
  private acked = false;
  private readonly off: () => void;

  constructor(private readonly link: ByteTransport, readonly platform = new ScalePlatform()) {
    this.off = link.onData((bytes) => {
      for (const b of bytes) this.onByte(b);
    });
  }

  private onByte(b: number): void {
    if (this.platform.silent) return;
    if (b === ENQ) {
      this.acked = !this.platform.notReady;
      this.send(Uint8Array.of(this.acked ? ACK : NAK));
    } else if (b === DC1 && this.acked) {
      this.acked = false;
      const a = this.platform.take();
      if (a.kind === 'garbage') {
        const frame = encodeCasFrame({ grams: this.platform.grams, stable: true });
        frame[12] = (frame[12] ?? 0) ^ 0x5a;
        this.send(Uint8Array.of(...NOISE, ...frame));
      } else {
        this.send(encodeCasFrame(a.kind === 'overload' ? { overload: true, stable: a.stable } : a));
      }
    }
  }

  private send(bytes: Uint8Array): void {
    // a line that went away is the host's problem to notice; the scale just talks
    void this.link.write(bytes).catch(() => undefined);
  }

  dispose(): void {
    this.off();
  }
}
