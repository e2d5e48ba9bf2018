// `npm test`: type check, lint, build, then every vitest and Playwright test; ends with one summary line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'lavka-test-'));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let passed = 0;
let failed = 0;
let skipped = 0;

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function stage(label, command, args) {
  if (!run(label, command, args)) {
    failed++;
    console.log(`${label}: FAILED`);
  }
}

stage('type check', npx, ['tsc', '--noEmit', '-p', '.']);
stage('lint', npx, ['eslint', '.']);
stage('build', process.execPath, ['scripts/build.mjs']);

const vitestJson = join(out, 'vitest.json');
run('vitest', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
try {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests + (v.numTotalTestSuites > 0 && v.success === false && v.numFailedTests === 0 ? 1 : 0);
  skipped += v.numPendingTests + v.numTodoTests;
} catch {
  failed++;
  console.log('vitest: no results');
}

const pwJson = join(out, 'playwright.json');
run('playwright', npx, ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
try {
  const p = JSON.parse(readFileSync(pwJson, 'utf8'));
  passed += p.stats.expected;
  failed += p.stats.unexpected + p.stats.flaky;
  skipped += p.stats.skipped;
  if (p.errors?.length) failed += p.errors.length;
} catch {
  failed++;
  console.log('playwright: no results');
}

console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
