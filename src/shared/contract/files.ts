import { z } from 'zod';
import { command } from './define.js';

/** A file in the core's exchange folder: an upload to import, or a PDF / export made for the user. */
export const FileId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(csv|xlsx|xml|pdf|txt)$/, 'a file id is a UUID with an extension');
export const FileRef = z.object({ id: FileId, name: z.string(), size: z.number().int() });

/** Chunks travel base64 in the command's JSON, the same over HTTP and Electron IPC. */
export const CHUNK = 1024 * 1024;
const Base64 = z.string().max(Math.ceil(CHUNK / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

export const fileCommands = {
  'files.put': command({
    summary: 'Upload a file in chunks (append at offset); the last chunk says done',
    input: z.object({
      id: FileId, name: z.string().trim().min(1).max(255), offset: z.number().int().min(0).max(4e9), data: Base64, done: z.boolean().default(false),
    }).strict(),
    output: z.object({ size: z.number().int() }),
    permission: { role: 'senior' }, mutates: false,
  }),
  'files.read': command({
    summary: 'Read a chunk of a file the core made (a PDF, an export)',
    input: z.object({ id: FileId, offset: z.number().int().min(0).default(0) }).strict(),
    output: z.object({ name: z.string(), size: z.number().int(), data: z.string(), done: z.boolean() }),
    permission: { role: 'senior' }, mutates: false,
  }),
};
