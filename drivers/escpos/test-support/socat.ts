import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/**
 * A socat pty pair for our serial tests, until drivers/transports/pty-pair.ts (owned by
 * the serial transport) lands; then switch to that and delete this file.
 */
export interface PtyPair {
  a: string;
  b: string;
  close(): Promise<void>;
}

export function haveSocat(): boolean {
  return spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
}

/** In CI a missing socat must fail the test, not skip it. */
export const mustRunPtyTests = haveSocat() || process.env.CI === 'true';

export function openPtyPair(timeoutMs = 5000): Promise<PtyPair> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const paths: string[] = [];
    let err = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`socat gave no pty pair in ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start socat: ${e.message}`));
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      err += chunk;
      // "N PTY is /dev/pts/3" twice, then "starting data transfer loop"
      for (const m of chunk.matchAll(/PTY is (\S+)/g)) if (m[1]) paths.push(m[1]);
      if (paths.length >= 2 && /starting data transfer loop/.test(err)) {
        clearTimeout(timer);
        const [a, b] = paths as [string, string];
        resolve({
          a,
          b,
          close: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}
