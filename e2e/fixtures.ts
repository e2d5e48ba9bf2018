import { test as base, expect, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { spawnServe, stopServe } from './serve-process.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translate, type Lang } from '../src/shared/i18n/index.js';

export interface Server {
  url: string;
  dataDir: string;
  process: ChildProcess;
}

/** Starts `lavka serve --demo` on a fresh data folder. */
export async function startServer(extra: string[] = []): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lavka-e2e-'));
  const { child, url } = await spawnServe(['--data', dataDir, '--port', '0', '--demo', ...extra]);
  return { url, dataDir, process: child };
}

export async function stopServer(server: Server): Promise<void> {
  await stopServe(server.process);
  rmSync(server.dataDir, { recursive: true, force: true });
}

export const test = base.extend<{ server: Server }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  server: async ({}, use) => {
    const server = await startServer();
    await use(server);
    await stopServer(server);
  },
});

export { expect };

/** The till's words in a language, straight from the message catalogue. */
export function words(lang: Lang) {
  return (key: string, params?: Record<string, unknown>) => translate(lang, key, params);
}

export async function login(page: Page, pin: string): Promise<void> {
  await page.locator('input[name=pin]').fill(pin);
  await page.keyboard.press('Enter');
}

/** From the till to the back office, on one of its tabs. */
export async function backOfficeTab(page: Page, tab: string): Promise<void> {
  await page.getByTestId('switch-view').click();
  await page.getByTestId(`tab-${tab}`).click();
}

export async function scan(page: Page, code: string): Promise<void> {
  const input = page.locator('input[name=scan]');
  await input.fill(code);
  await input.press('Enter');
}

/**
 * A keyboard-wedge scanner's burst: keydowns faster than any person, then Enter, sent to the window
 * (where the page listens) whatever has the focus. Digits and Latin letters only, as on a barcode.
 */
export async function wedge(page: Page, code: string): Promise<void> {
  await page.evaluate((text) => {
    const codeOf = (ch: string) => (/\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`);
    for (const ch of text) window.dispatchEvent(new KeyboardEvent('keydown', { key: ch, code: codeOf(ch), shiftKey: /[A-Z]/.test(ch), cancelable: true }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', cancelable: true }));
  }, code);
}
