#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  console.error('Lavka is not built yet: run `npm run build` (npm ci does it for you).');
  process.exit(1);
}
await import(cli);
