import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Text written in batches with backpressure: a writer never runs ahead of a slow disk or
 * client by more than one batch, which keeps a million-row export in constant memory.
 */
export class BatchedSink {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly out: Writable, private readonly batchChars = 64 * 1024) {}

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.batchChars) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

export function openOut(out: Writable | string): Writable {
  return typeof out === 'string' ? createWriteStream(out) : out;
}
