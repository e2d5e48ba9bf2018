import { defineConfig } from '@playwright/test';

/** The Electron smoke suite: needs the Electron binary, so it runs on its own (npm run test:electron). */
export default defineConfig({
  testDir: '.',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
});
