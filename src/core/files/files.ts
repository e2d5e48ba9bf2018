import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LavkaError } from '../../shared/contract/errors.js';
import { CHUNK } from '../../shared/contract/files.js';

const KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * The core's exchange folder: uploads waiting to be imported and files made for the user (price-tag PDFs,
 * exports). Ids are random UUIDs with an extension, so a name is never a path. Files older than a day go.
 */
export class FileStore {
  readonly dir: string;
  private readonly names = new Map<string, string>();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'files');
    mkdirSync(this.dir, { recursive: true });
    const now = Date.now();
    for (const f of readdirSync(this.dir)) if (now - statSync(join(this.dir, f)).mtimeMs > KEEP_MS) rmSync(join(this.dir, f), { force: true });
  }

  path(id: string): string {
    return join(this.dir, id);
  }

  nameOf(id: string): string {
    return this.names.get(id) ?? id;
  }

  /** Names a file the core is about to write. */
  name(id: string, name: string): string {
    this.names.set(id, name);
    return this.path(id);
  }

  /** Appends an uploaded chunk; chunks arrive in order, so the offset must be the size so far. */
  put(id: string, name: string, offset: number, data: Buffer): number {
    const file = this.path(id);
    const size = existsSync(file) ? statSync(file).size : 0;
    if (offset !== size) throw new LavkaError('conflict', 'errors.uploadOffset', { offset, size });
    const fd = openSync(file, offset === 0 ? 'w' : 'a');
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    this.names.set(id, name);
    return size + data.length;
  }

  read(id: string, offset: number): { name: string; size: number; data: string; done: boolean } {
    const file = this.path(id);
    if (!existsSync(file)) throw new LavkaError('not_found', 'errors.noSuchFile', { id });
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      const buffer = Buffer.alloc(Math.max(0, Math.min(CHUNK, size - offset)));
      const n = readSync(fd, buffer, 0, buffer.length, offset);
      return { name: this.nameOf(id), size, data: buffer.subarray(0, n).toString('base64'), done: offset + n >= size };
    } finally {
      closeSync(fd);
    }
  }

  require(id: string): string {
    const file = this.path(id);
    if (!existsSync(file)) throw new LavkaError('not_found', 'errors.noSuchFile', { id });
    return file;
  }
}
