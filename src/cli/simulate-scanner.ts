import { createInterface } from 'node:readline';
import { ScannerSimulator } from '../../drivers/simulators/scanner/index.js';
import { SerialTransport } from '../../drivers/transports/serial.js';
import type { CliOutput } from './output.js';
import type { Running } from './simulate-support.js';

const GS = '\x1d';

/** A typed line as the code a scanner reads: GS written as <GS> or \x1d (a terminal cannot type it). */
export function typedCode(line: string): string {
  return line.replace(/<GS>|\\x1d/gi, GS);
}

/** The code as a person reads it back. */
const shown = (code: string) => code.replaceAll(GS, '<GS>');

/**
 * A scanner in serial / USB-CDC mode on `port`: sends each line of `input` as a scanned
 * code, in order, and is done at the end of the input.
 */
export async function simulateScanner(
  at: { port: string; baud: number },
  framing: { suffix: string; prefix: string },
  input: NodeJS.ReadableStream,
  io: CliOutput,
): Promise<Running> {
  const transport = await SerialTransport.open({ path: at.port, baudRate: at.baud });
  const sim = new ScannerSimulator(transport, framing);
  let sending = Promise.resolve();
  const lines = createInterface({ input, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line === '') return;
    const code = typedCode(line);
    sending = sending.then(
      () => sim.scan(code).then(
        () => io.out(`scanned ${shown(code)}`),
        (err: unknown) => io.err(`not sent: ${err instanceof Error ? err.message : String(err)}`),
      ),
    );
  });
  const done = new Promise<void>((resolve) => lines.once('close', () => void sending.then(resolve)));
  return {
    where: at.port,
    done,
    started: () => io.err('scanner simulator: type or pipe codes, one a line; write GS as <GS>; end of input stops it'),
    stop: async () => {
      lines.close();
      await sending;
      await transport.close();
    },
  };
}
