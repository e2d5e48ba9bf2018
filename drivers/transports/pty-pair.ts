import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Two linked pseudo-terminals made by socat: whatever is written to one comes
 * out of the other, through the kernel's tty layer like a null-modem cable.
 * For tests and for running a simulator where a driver expects a port.
 */
export interface PtyPair {
  /** e.g. /dev/pts/3: give one end to the host */
  a: string;
  /** the other end, for the simulator */
  b: string;
  close(): Promise<void>;
}

export class SocatMissingError extends Error {
  constructor() {
    super('socat is not installed (apt-get install socat): serial tests need it to make a pty pair');
    this.name = 'SocatMissingError';
  }
}

export async function openPtyPair(options: { timeoutMs?: number } = {}): Promise<PtyPair> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const child: ChildProcess = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let hasExited = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      hasExited = true;
      resolve();
    }),
  );

  const paths = await new Promise<[string, string]>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => fail(new Error(`socat gave no pty pair within ${timeoutMs} ms: ${stderr.trim()}`)), timeoutMs);
    const fail = (e: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    child.once('error', (e: NodeJS.ErrnoException) => fail(e.code === 'ENOENT' ? new SocatMissingError() : e));
    const early = (code: number | null): void => fail(new Error(`socat exited (${String(code)}) before the pty pair was ready: ${stderr.trim()}`));
    child.once('exit', early);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      const found = [...stderr.matchAll(/PTY is (\/dev\/\S+)/g)].map((m) => m[1] ?? '');
      // socat names both ends, then says it starts copying: only then are both sides live
      if (found.length >= 2 && /starting data transfer loop/.test(stderr)) {
        clearTimeout(timer);
        child.off('exit', early);
        resolve([found[0] ?? '', found[1] ?? '']);
      }
    });
  });

  let closed = false;
  return {
    a: paths[0],
    b: paths[1],
    async close() {
      if (closed) return;
      closed = true;
      if (!hasExited) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Whether socat can be started here (tests decide whether to skip or fail on it). */
export async function socatAvailable(): Promise<boolean> {
  return new Promise((resolve) => {
    const p = spawn('socat', ['-V'], { stdio: 'ignore' });
    p.once('error', () => resolve(false));
    p.once('exit', (code) => resolve(code === 0));
  });
}
