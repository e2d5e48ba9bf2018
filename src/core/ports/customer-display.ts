/**
 * A pole display facing the customer (two lines of 20 characters on a serial line).
 * The second-window display in the UI is not this: it is a screen of its own.
 * Driver: drivers/display/.
 */
export interface CustomerDisplay {
  /** characters per line; longer lines are cut, shorter ones padded */
  readonly width: number;
  show(lines: readonly [string, string]): Promise<void>;
  clear(): Promise<void>;
  /** Releases the line; closes it when the driver opened it. */
  dispose(): Promise<void>;
}
