/**
 * A byte pipe to a device: a serial port, a TCP socket, a USB printer-class device
 * file. Drivers speak their protocol over this and never care which one it is.
 */
export interface ByteTransport {
  write(bytes: Uint8Array): Promise<void>;
  /** subscribe to incoming bytes; returns an unsubscribe function */
  onData(listener: (bytes: Uint8Array) => void): () => void;
  /** drop whatever arrived and was not read yet */
  flushInput?(): void;
  close(): Promise<void>;
  readonly description: string;
}
