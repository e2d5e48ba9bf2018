/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then randomness. Ids sort by creation
 * time, which keeps the journal's primary-key index append-friendly, and they are
 * generated on the till (or in the page), so a retried command carries the same id.
 */
let lastMs = 0;
let counter = 0;
// Random bytes are drawn 4 KiB at a time: one system call per 256 ids, not one per id.
const pool = new Uint8Array(4096);
let poolAt = pool.length;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function randomBytes16(): Uint8Array {
  if (poolAt + 16 > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const out = pool.slice(poolAt, poolAt + 16);
  poolAt += 16;
  return out;
}

export function uuidv7(now: number = Date.now()): string {
  const bytes = randomBytes16();
  // A 12-bit counter in rand_a keeps ids from the same millisecond in order.
  if (now <= lastMs) {
    counter = (counter + 1) & 0xfff;
    if (counter === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    counter = 0;
  }
  const ms = BigInt(now);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  let hex = '';
  for (const b of bytes) hex += HEX[b];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
