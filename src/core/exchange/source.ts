import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/** Where an import comes from: a file on disk, or a stream (an upload from the browser). */
export type ByteSource = string | Readable;

export interface ReadOptions {
  /**
   * How far reading has got, for a progress bar: `done` of `total` bytes of what is being read
   * (the file; for an XLSX, its sheet unpacked). `total` is null for a stream of unknown length.
   */
  onProgress?: (done: number, total: number | null) => void;
}

/**
 * The bytes of a source, chunk by chunk. Stopping early (a `break`, an error, a cancelled
 * import) destroys the stream, so a file is never left open.
 */
export async function* bytesOf(source: ByteSource, options: ReadOptions = {}): AsyncGenerator<Buffer> {
  const size = typeof source === 'string' && options.onProgress ? (await stat(source)).size : null;
  const stream = typeof source === 'string' ? createReadStream(source, { highWaterMark: 256 * 1024 }) : source;
  let read = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    read += bytes.length;
    options.onProgress?.(read, size);
    yield bytes;
  }
}
