import { afterEach, describe, expect, it } from 'vitest';
import { ScaleError, type Scale } from '../../src/core/ports/scale.js';
import { CasScaleSimulator } from '../simulators/scale/cas.js';
import { MassakScaleSimulator } from '../simulators/scale/massak.js';
import { ScalePlatform } from '../simulators/scale/platform.js';
import { skipSerial } from '../simulators/shtrih/test-support.js';
import { openPtyPair } from '../transports/pty-pair.js';
import { SerialTransport } from '../transports/serial.js';
import { openScale, SCALE_DEFAULT_BAUD, scaleOn, type ScaleProtocol } from './index.js';
import type { ScaleTimings } from './line-scale.js';

/** Short enough that a dead line costs about a second; roomy for a loaded two-core box. */
const FAST: Partial<ScaleTimings> = { replyMs: 300, interByteMs: 200, attempts: 3, pollMs: 20, settleMs: 2_000 };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The protocol's simulator on one end of a socat pty pair, the real driver on the other, at the protocol's speed. */
async function bench(protocol: ScaleProtocol, options: { division?: number } = {}): Promise<{ scale: Scale; platform: ScalePlatform }> {
  const pty = await openPtyPair();
  cleanups.push(() => pty.close());
  const device = await SerialTransport.open({ path: pty.b, baudRate: SCALE_DEFAULT_BAUD[protocol] });
  cleanups.push(() => device.close());
  const platform = new ScalePlatform({ capacityGrams: 15_000 });
  const sim = protocol === 'cas' ? new CasScaleSimulator(device, platform) : new MassakScaleSimulator(device, platform, options);
  cleanups.push(() => sim.dispose());
  const scale = await openScale({ protocol, path: pty.a, timings: FAST });
  cleanups.push(() => scale.dispose());
  return { scale, platform };
}

const failure = (f: string, ru: RegExp) => expect.objectContaining({ name: 'ScaleError', failure: f, ru: expect.stringMatching(ru) });

describe.skipIf(skipSerial).each(['cas', 'massak'] as const)('%s scale driver ↔ simulator over a socat pty pair', (protocol) => {
  it('reads a stable weight, and weighs it for sale', async () => {
    const { scale, platform } = await bench(protocol);
    platform.put(1250);
    expect(await scale.readWeight()).toEqual({ grams: 1250, stable: true });
    platform.put(335);
    expect(await scale.weigh()).toBe(335);
  });

  it('keeps reading while the load settles, and sells the settled weight', async () => {
    const { scale, platform } = await bench(protocol);
    platform.put(835, { unstableFor: 3 });
    expect(await scale.readWeight()).toEqual({ grams: 835, stable: false });
    expect(await scale.weigh()).toBe(835);
    expect(platform.requests).toBe(4);
  });

  it('gives up on a load that never settles: unstable', async () => {
    const { scale, platform } = await bench(protocol);
    platform.put(500, { unstableFor: Infinity });
    await expect(scale.weigh({ settleMs: 200 })).rejects.toEqual(failure('unstable', /не успокоился/));
    expect(platform.requests).toBeGreaterThan(1);
  });

  it('reports overload over the capacity, at once and without retrying', async () => {
    const { scale, platform } = await bench(protocol);
    platform.put(15_001);
    await expect(scale.readWeight()).rejects.toEqual(failure('overload', /Перегрузка/));
    await expect(scale.weigh()).rejects.toBeInstanceOf(ScaleError);
    expect(platform.requests).toBe(2);
  });

  it('reads a weight below zero, but will not sell it; nor an empty platform', async () => {
    const { scale, platform } = await bench(protocol);
    platform.put(-40);
    expect(await scale.readWeight()).toEqual({ grams: -40, stable: true });
    await expect(scale.weigh()).rejects.toEqual(failure('negative', /обнулите/));
    platform.put(0);
    await expect(scale.weigh()).rejects.toEqual(failure('zero', /ничего нет/));
  });

  it('says the scale does not answer when it is silent, and reads again once it is back', async () => {
    const { scale, platform } = await bench(protocol);
    platform.put(1000);
    platform.silent = true;
    await expect(scale.readWeight()).rejects.toEqual(failure('no-connection', /не отвечают/));
    expect(platform.requests).toBe(0);
    platform.silent = false;
    expect(await scale.readWeight()).toEqual({ grams: 1000, stable: true });
  });

  it('rides out one garbled answer (noise and a broken checksum) by asking again', async () => {
    const { scale, platform } = await bench(protocol);
    platform.put(2000);
    platform.garbage = 1;
    expect(await scale.readWeight()).toEqual({ grams: 2000, stable: true });
    expect(platform.requests).toBe(2);
  });

  it('calls a line that only ever garbles a bad answer', async () => {
    const { scale, platform } = await bench(protocol);
    platform.garbage = 100;
    await expect(scale.readWeight()).rejects.toEqual(failure('bad-answer', /отвечают непонятно/));
    expect(platform.requests).toBe(FAST.attempts);
  });

  it('reports a scale that refuses to weigh as not ready', async () => {
    const { scale, platform } = await bench(protocol);
    platform.notReady = true;
    await expect(scale.readWeight()).rejects.toEqual(failure('not-ready', /не готовы/));
  });

  it('answers requests made at once one after another, each with its own reading', async () => {
    const { scale, platform } = await bench(protocol);
    platform.put(700, { unstableFor: 1 });
    const [a, b] = await Promise.all([scale.readWeight(), scale.readWeight()]);
    expect([a, b]).toEqual([{ grams: 700, stable: false }, { grams: 700, stable: true }]);
  });
});

describe.skipIf(skipSerial)('a scale whose port went away', () => {
  it('is no connection, not a crash', async () => {
    const pty = await openPtyPair();
    cleanups.push(() => pty.close());
    const host = await SerialTransport.open({ path: pty.a, baudRate: 9600 });
    const scale = scaleOn('cas', host);
    await host.close();
    await expect(scale.readWeight()).rejects.toEqual(failure('no-connection', /не отвечают/));
    await scale.dispose();
  });
});

describe.skipIf(skipSerial)('Massa-K specifics', () => {
  it('reads weights counted in tenths of a gram to the nearest gram', async () => {
    const { scale, platform } = await bench('massak', { division: 0 });
    platform.put(1234);
    expect(await scale.readWeight()).toEqual({ grams: 1234, stable: true });
  });

  it('names the scale\'s own reason when it will not weigh', async () => {
    const { scale, platform } = await bench('massak');
    platform.notReady = true;
    await expect(scale.readWeight()).rejects.toEqual(failure('not-ready', /не в режиме взвешивания/));
  });
});
