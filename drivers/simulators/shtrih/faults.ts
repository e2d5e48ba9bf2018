/**
 * Line and power faults the simulator can be told to commit, once each, in
 * the order injected. Paper trouble is the registrar's, not the line's: see
 * ShtrihSimulator.paperOut / paperRunsOutDuringNextPrint.
 */
/** `command` limits a fault to frames of that command code (any command when left out). */
export type LineFault =
  /** answer NAK to the next command frame, as if its checksum were wrong; it is not executed */
  | { kind: 'nakNextCommand'; command?: number }
  /** lose the last byte of the next command frame on the way in; the registrar times out on it */
  | { kind: 'dropCommandTail'; command?: number }
  /** cut the next answer short by `bytes` (default 2) */
  | { kind: 'dropAnswerTail'; bytes?: number; command?: number }
  /** send the next answer with a wrong LRC */
  | { kind: 'garbleAnswerLrc'; command?: number }
  /** line noise right before the next answer */
  | { kind: 'noiseBeforeAnswer'; bytes?: number[]; command?: number }
  /** reply to the next ENQ with a garbage byte */
  | { kind: 'noiseOnEnq' }
  /**
   * Execute the next `command` fully (a receipt close stores its document),
   * then lose power before answering. The registrar stays dead until powerOn().
   */
  | { kind: 'powerOffAfter'; command: number };

export type FaultKind = LineFault['kind'];
