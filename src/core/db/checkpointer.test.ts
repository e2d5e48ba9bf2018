import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { TestTill, MILK } from '../testing/harness.js';
import { uuidv7 } from '../../shared/ids.js';

let till: TestTill;
let other: TestTill | undefined;
afterEach(() => {
  till?.close();
  other?.close();
  other = undefined;
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('checkpoints in the background', () => {
  it('keep the write-ahead log from growing all day while the till sells', async () => {
    till = await TestTill.selling();
    const wal = `${till.core.ledgerFile}-wal`;
    const sizes: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 60; i++) {
        await till.call('sale.record', { id: uuidv7(), lines: [{ code: MILK }], payments: [{ kind: 'card', amount: 8899 }] });
      }
      sizes.push(statSync(wal).size);
      await pause(1200);
    }
    // without checkpoints the log would hold all 300 sales: five times the first round
    expect(sizes[4]).toBeLessThan((sizes[0] ?? 0) * 2);
  });

  it('start the log over once it is large, even when the till never pauses', async () => {
    // the same steady stream of sales on two tills, one after the other; the second never starts its log over
    till = await TestTill.selling(null, { everyMs: 20, restartFrames: 256 });
    other = await TestTill.selling(null, { everyMs: 20, restartFrames: Number.POSITIVE_INFINITY });
    for (const t of [till, other]) {
      for (let i = 0; i < 200; i++) await t.call('sale.record', { id: uuidv7(), lines: [{ code: MILK }], payments: [{ kind: 'card', amount: 8899 }] });
    }
    const size = (t: TestTill) => statSync(`${t.core.ledgerFile}-wal`).size;
    expect(size(till)).toBeLessThan(size(other) / 3);
  });
});
