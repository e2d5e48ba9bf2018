import type { ByteTransport } from './types.js';

/** Runs device operations one after another, so a reply is never taken for the answer to another query. */
export class OneAtATime {
  private queue: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * Writes bytes and waits for them to drain, or fails with `offline(reason)`: a printer that has gone away
 * must not hold the till for ever.
 */
export async function writeWithin(transport: ByteTransport, bytes: Uint8Array, timeoutMs: number, offline: (reason: string) => Error): Promise<void> {
  const where = transport.description;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(offline(`write to ${where} did not finish in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([transport.write(bytes), timeout]);
  } catch (err) {
    if (err instanceof Error && err.message.startsWith(`write to ${where} did not finish`)) throw err;
    throw offline(`write to ${where} failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
}
