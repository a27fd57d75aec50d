// End-to-end: browser mode in a real Chromium (always), and the Electron app
// wherever an Electron binary and a display exist (skipped with the reason elsewhere).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  globalSetup: './test/support/global-setup.ts',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['./test/support/skip-reasons-reporter.ts']],
  projects: [
    { name: 'browser-mode', testDir: 'test/e2e' },
    { name: 'electron', testDir: 'test/e2e-electron' },
  ],
});
