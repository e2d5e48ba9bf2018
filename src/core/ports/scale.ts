/**
 * The scale at the till, as the core needs it: a loose product without a barcode takes
 * its weight from here. Drivers (drivers/scale/) and simulators implement it.
 * Grams are whole numbers, which is also the line's quantity in thousandths (1 kg = 1000).
 */

/** What the scale shows right now. */
export interface WeightReading {
  /** net weight; below zero when the platform was zeroed with a load on it */
  grams: number;
  /** the scale's own stability flag: the load has settled */
  stable: boolean;
}

export type ScaleFailure =
  /** nothing answers: cable, power, port or speed */
  | 'no-connection'
  /** something answers, but not the protocol we speak (noise, bad checksums, another protocol) */
  | 'bad-answer'
  /** the scale answers but will not weigh: not in weighing mode, a fault it reports */
  | 'not-ready'
  /** the load is over the scale's capacity */
  | 'overload'
  /** the reading did not settle in time */
  | 'unstable'
  /** a stable weight below zero: the platform needs zeroing */
  | 'negative'
  /** nothing on the platform */
  | 'zero';

export class ScaleError extends Error {
  constructor(
    readonly failure: ScaleFailure,
    /** for the cashier's screen */
    readonly ru: string,
    message: string,
  ) {
    super(message);
    this.name = 'ScaleError';
  }
}

export interface WeighOptions {
  /** how long to wait for the load to settle before giving up with 'unstable' */
  settleMs?: number;
}

export interface Scale {
  /**
   * One reading, stable or not, any sign. Rejects with a ScaleError:
   * no-connection, bad-answer, not-ready or overload.
   */
  readWeight(): Promise<WeightReading>;
  /**
   * A weight to sell by: reads until the load is stable, then resolves with its grams
   * (always > 0). Rejects with a ScaleError: the readWeight failures, or unstable,
   * negative, zero.
   */
  weigh(options?: WeighOptions): Promise<number>;
  /** Stops listening to the line; closes it when the driver opened it. */
  dispose(): Promise<void>;
}
