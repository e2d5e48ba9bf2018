import { afterEach, describe, expect, it } from 'vitest';
import { TestTill, MILK } from '../testing/harness.js';
import { uuidv7 } from '../../shared/ids.js';
import { openReader } from '../db/open.js';

let till: TestTill;
afterEach(() => till?.close());

describe('writes that arrive together', () => {
  it('are committed together, each answered only once it is on disk, and tell others only after the commit', async () => {
    till = await TestTill.selling();
    const reader = openReader(till.core.ledgerFile);
    const visibleWhenAnnounced: boolean[] = [];
    till.core.events.on((name, payload) => {
      if (name === 'sale.completed') visibleWhenAnnounced.push(reader.prepare('SELECT 1 FROM sales WHERE id = ?').get((payload as { id: string }).id) !== undefined);
    });
    const ids = Array.from({ length: 30 }, () => uuidv7());
    const answers = await Promise.all(ids.map((id, i) =>
      i === 7
        ? till.send('sale.record', { id, lines: [{ code: '4600000000000' }], payments: [{ kind: 'cash', amount: 10000 }] })
        : till.send('sale.record', { id, lines: [{ code: MILK }], payments: [{ kind: 'cash', amount: 10000 }] })));
    // the answers go out first; what the commits set off (the events here) follows them
    await till.core.settled();
    // one bad sale in the batch fails alone
    expect(answers.filter((a) => a.ok)).toHaveLength(29);
    expect(answers[7]).toMatchObject({ ok: false, error: { message: 'errors.unknownBarcode' } });
    const numbers = answers.flatMap((a) => (a.ok ? [(a.result as { number: number }).number] : []));
    expect(new Set(numbers).size).toBe(29);
    expect(visibleWhenAnnounced).toHaveLength(29);
    expect(visibleWhenAnnounced.every(Boolean)).toBe(true);
    const rows = reader.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number };
    expect(rows.n).toBe(29);
    reader.close();
  });
});

describe('a job with a transaction of its own (writeAlone)', () => {
  it('keeps what its batch wrote before and after it when it fails, and loses only its own writes', async () => {
    till = await TestTill.demo();
    const s = till.core.services;
    const put = (key: string) => s.db.prepare("INSERT INTO settings (key, value) VALUES (?, 'x')").run(key);
    const has = (key: string) => s.db.prepare('SELECT 1 FROM settings WHERE key = ?').get(key) !== undefined;
    // queued together, so they run in one batch
    const before = s.write(() => s.tx(() => put('before')));
    const alone = s.writeAlone(async () => {
      put('alone.1');
      await new Promise((resolve) => setImmediate(resolve));
      put('alone.2');
      throw new Error('stopped');
    });
    const after = s.write(() => s.tx(() => put('after')));
    await expect(alone).rejects.toThrow('stopped');
    await before;
    await after;
    expect([has('before'), has('alone.1'), has('alone.2'), has('after')]).toEqual([true, false, false, true]);
    const reader = openReader(till.core.ledgerFile);
    expect(reader.prepare("SELECT key FROM settings WHERE key IN ('before', 'alone.1', 'alone.2', 'after') ORDER BY key").all()).toEqual([{ key: 'after' }, { key: 'before' }]);
    reader.close();
  });
});
