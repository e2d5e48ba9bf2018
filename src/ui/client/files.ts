import type { Connection } from './connection.js';
import { CHUNK } from '../../shared/contract/files.js';

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(data: string): Uint8Array<ArrayBuffer> {
  const text = atob(data);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const EXTENSIONS = ['csv', 'xlsx', 'xml', 'txt'] as const;

/** Sends a file the user picked to the core in chunks; returns its id there. */
export async function uploadFile(conn: Connection, file: File, onProgress?: (sent: number) => void): Promise<string> {
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  const known = EXTENSIONS.find((e) => e === ext) ?? 'txt';
  const id = `${crypto.randomUUID()}.${known}`;
  let offset = 0;
  do {
    const chunk = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
    await conn.call('files.put', { id, name: file.name, offset, data: toBase64(chunk), done: offset + chunk.length >= file.size });
    offset += chunk.length;
    onProgress?.(offset);
  } while (offset < file.size);
  return id;
}

/** Fetches a file the core made and hands it to the browser (or Electron) as a download. */
export async function downloadFile(conn: Connection, id: string): Promise<void> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const first = await conn.call('files.read', { id, offset: 0 });
  for (let r = first, offset = 0; ;) {
    const bytes = fromBase64(r.data);
    parts.push(bytes);
    offset += bytes.length;
    if (r.done || bytes.length === 0) break;
    r = await conn.call('files.read', { id, offset });
  }
  const name = first.name;
  const type = id.endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream';
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
