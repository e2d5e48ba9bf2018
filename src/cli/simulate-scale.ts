import { createInterface } from 'node:readline';
import type { ScaleProtocol } from '../../drivers/scale/index.js';
import { CasScaleSimulator, MassakScaleSimulator, ScalePlatform } from '../../drivers/simulators/scale/index.js';
import type { ByteTransport } from '../../drivers/transports/types.js';
import type { CliOutput } from './output.js';
import { serveAt, type Running, type SimulateAt } from './simulate-support.js';

export const SCALE_COMMANDS = `scale simulator: type a command and Enter
  1250       1250 g on the platform, stable          ~1250     1250 g, swinging until the next command
  empty      nothing on the platform                 overload  more than its 30 kg
  silent     stop answering (unplugged)              notready  refuse to weigh
  garbage N  the next N answers are noise            back      answer again after silent / notready
  status     what it would answer now`;

/** Applies one typed command to the platform; returns what is wrong with it, or null. */
export function applyScaleCommand(platform: ScalePlatform, line: string): string | null {
  const cmd = line.trim().toLowerCase();
  let m: RegExpExecArray | null;
  if ((m = /^(~)?(-?\d{1,7})$/.exec(cmd))) {
    platform.put(Number(m[2]), { unstableFor: m[1] ? Infinity : 0 });
  } else if ((m = /^garbage(?:\s+(\d{1,4}))?$/.exec(cmd))) {
    platform.garbage = Number(m[1] ?? '1');
  } else {
    switch (cmd) {
      case 'empty': platform.put(0); break;
      case 'overload': platform.put(platform.capacityGrams + 1_000); break;
      case 'silent': platform.silent = true; break;
      case 'notready': platform.notReady = true; break;
      case 'back': platform.silent = false; platform.notReady = false; break;
      case 'status': break;
      default: return `not a scale command: "${line.trim()}"`;
    }
  }
  return null;
}

/**
 * A CAS or Massa-K scale on a serial port (or TCP), its platform set by commands read
 * from `input` one per line; each change is echoed as "scale: …".
 */
export async function simulateScale(at: SimulateAt, protocol: ScaleProtocol, grams: number, input: NodeJS.ReadableStream, io: CliOutput): Promise<Running> {
  const platform = new ScalePlatform();
  platform.put(grams);
  const serve = (link: ByteTransport) => {
    const sim = protocol === 'cas' ? new CasScaleSimulator(link, platform) : new MassakScaleSimulator(link, platform);
    return () => sim.dispose();
  };
  const running = await serveAt(at, serve);
  const lines = createInterface({ input, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    const problem = applyScaleCommand(platform, line);
    if (problem) io.err(problem);
    else io.out(`scale: ${platform.describe()}`);
  });
  return {
    where: running.where,
    started: () => {
      io.err(SCALE_COMMANDS);
      io.out(`scale: ${platform.describe()}`);
    },
    stop: async () => {
      lines.close();
      await running.stop();
    },
  };
}
