/**
 * A barcode scanner that is not a keyboard: serial / USB-CDC or HID-POS. It hands over
 * whole codes, exactly as scanned: a DataMatrix keeps its GS (0x1D) separators.
 * Drivers: drivers/scanner/.
 */
export interface Scanner {
  /** Calls `listener` with each scanned code; returns the unsubscribe. */
  onScan(listener: (code: string) => void): () => void;
  /** Stops listening and releases the device. */
  dispose(): Promise<void>;
}
