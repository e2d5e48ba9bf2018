/**
 * What a simulated scale has on its platform, and the faults it is told to commit.
 * Both protocol simulators read from one of these, so a test (or the CLI's stdin) sets
 * the scene the same way whichever protocol is on the line.
 */
export type PlatformAnswer =
  | { kind: 'weight'; grams: number; stable: boolean }
  | { kind: 'overload'; stable: boolean }
  | { kind: 'garbage' };

export class ScalePlatform {
  /** the load, grams; below zero after zeroing with a load on */
  grams = 0;
  /** weight answers still to give as unstable before the load settles; Infinity: until told */
  unstableFor = 0;
  /** the scale's maximum (НПВ); more than this is overload */
  capacityGrams: number;
  /** answer nothing at all: unplugged, switched off */
  silent = false;
  /** refuse to weigh: CAS answers ENQ with NAK, Massa-K sends error 0x09 (not in weighing mode) */
  notReady = false;
  /** the next this-many weight answers are line noise and a frame with a broken checksum */
  garbage = 0;
  /** weight requests answered (any answer but silence) */
  requests = 0;

  constructor(options: { capacityGrams?: number } = {}) {
    this.capacityGrams = options.capacityGrams ?? 30_000;
  }

  /** Puts a load on the platform; it reads unstable for `unstableFor` answers first. */
  put(grams: number, options: { unstableFor?: number } = {}): void {
    this.grams = grams;
    this.unstableFor = options.unstableFor ?? 0;
  }

  /** The answer to one weight request: counts it, and a settling load comes one answer closer to rest. */
  take(): PlatformAnswer {
    this.requests++;
    if (this.garbage > 0) {
      this.garbage--;
      return { kind: 'garbage' };
    }
    const stable = this.unstableFor === 0;
    if (!stable) this.unstableFor--;
    if (this.grams > this.capacityGrams) return { kind: 'overload', stable };
    return { kind: 'weight', grams: this.grams, stable };
  }

  /** One line for a person: what the scale would show and which faults are on. */
  describe(): string {
    const load = this.grams > this.capacityGrams ? `overload (${this.grams} g > ${this.capacityGrams} g)` : `${this.grams} g`;
    const settle = this.unstableFor === 0 ? 'stable' : this.unstableFor === Infinity ? 'unstable' : `unstable for ${this.unstableFor} more readings`;
    const faults = [this.silent && 'silent', this.notReady && 'not ready', this.garbage > 0 && `garbage ×${this.garbage}`].filter(Boolean);
    return `${load}, ${settle}${faults.length > 0 ? `; ${faults.join(', ')}` : ''}`;
  }
}

/** Noise that looks like nothing in either protocol: what a wrong-speed line delivers. */
export const NOISE = Uint8Array.of(0xff, 0x7e, 0x00, 0xe0, 0x3f);
