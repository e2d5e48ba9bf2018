// Builds the Node side (CLI, Electron main and preload) with esbuild and the UI with Vite.
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { rmSync } from 'node:fs';

const only = process.argv[2];
const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, packages: 'external', logLevel: 'warning' };
/**
 * Modules that run in a worker thread of their own (src/core/db/module-worker.ts): each is bundled
 * beside every bundle that may start it, under its source's name with `.mjs`.
 */
const WORKERS = ['src/core/imports/check-worker.ts', 'src/core/db/read-thread.ts'];
const workers = (outdir) => esbuild({ ...node, entryPoints: WORKERS, outdir, entryNames: '[name]', outExtension: { '.js': '.mjs' }, format: 'esm' });

if (!only || only === 'node') {
  rmSync('dist/cli.mjs', { force: true });
  await esbuild({ ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.mjs', format: 'esm' });
  await esbuild({ ...node, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.mjs', format: 'esm', external: ['electron'] });
  await workers('dist');
  await workers('dist/electron');
  // A sandboxed preload may only require('electron'): bundle everything else into it.
  await esbuild({ ...node, packages: undefined, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] });
}
if (!only || only === 'ui') {
  await vite({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
