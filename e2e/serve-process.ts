import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs `lavka serve ARGS` as its own process and resolves with its `ready <url>` address. */
export async function spawnServe(args: string[], onStderr?: (text: string) => void): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['bin/lavka.mjs', 'serve', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', onStderr ? 'pipe' : 'inherit'] });
  if (onStderr) child.stderr?.on('data', (chunk: Buffer) => onStderr(chunk.toString().trimEnd()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`lavka serve gave no ready line in 60 s: ${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^ready (\S+)$/m.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`lavka serve exited with ${code}: ${out}`));
    });
  });
  return { child, url };
}

/** Stops a served till and waits for it to exit. */
export async function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
