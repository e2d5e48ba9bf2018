import { crc32, deflateSync } from 'node:zlib';
import type { Bitmap } from '../../label/bitmap.js';

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A 1-bit bitmap as a black-on-white PNG (grayscale, bit depth 1), for a person to look at. */
export function bitmapToPng(b: Bitmap, border = 8): Buffer {
  const width = b.width + 2 * border;
  const height = b.height + 2 * border;
  const rowBytes = Math.ceil(width / 8);
  // PNG grayscale: 1 is white. Each row starts with filter type 0.
  const raw = Buffer.alloc((rowBytes + 1) * height, 0xff);
  for (let y = 0; y < height; y++) {
    raw[y * (rowBytes + 1)] = 0;
    const sy = y - border;
    if (sy < 0 || sy >= b.height) continue;
    for (let sx = 0; sx < b.width; sx++) {
      if (((b.bits[sy * b.bytesPerRow + (sx >> 3)] ?? 0) & (0x80 >> (sx & 7))) === 0) continue;
      const x = sx + border;
      const at = y * (rowBytes + 1) + 1 + (x >> 3);
      raw[at] = (raw[at] ?? 0) & ~(0x80 >> (x & 7));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
