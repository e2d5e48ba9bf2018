import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './e2e/chromium.js';

export default defineConfig({
  testDir: 'e2e',
  testIgnore: ['electron/**'],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: CHROMIUM,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
  },
});
