import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Lavka's package.json, whether we run from src/, dist/ or an asar. */
export function packageRoot(): string {
  let dir = here();
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'lavka') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the lavka package root');
    dir = up;
  }
}

/** This module's folder, whether it was bundled as ESM (the CLI) or CommonJS. */
function here(): string {
  return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
}
