import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread that runs one of Lavka's own modules, given as the URL of its TypeScript source
 * next to the caller (`new URL('./check-worker.ts', import.meta.url)`).
 *
 * Run from source (tests, `npm run bench`), the source is there: the thread registers tsx before it
 * imports it. Run from a build, the caller is a bundle in dist/ and the URL points beside it, where
 * scripts/build.mjs put the module bundled on its own as `.mjs` (see WORKERS there).
 */
export function startModuleWorker(source: URL, workerData: unknown): Worker {
  if (!source.pathname.endsWith('.ts')) throw new TypeError(`a worker module is named by its .ts source: ${source.href}`);
  if (existsSync(fileURLToPath(source))) {
    const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); })`;
    return new Worker(bootstrap, { eval: true, workerData });
  }
  return new Worker(new URL(source.href.replace(/\.ts$/, '.mjs')), { workerData });
}
