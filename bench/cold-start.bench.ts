// Cold start of browser mode: from spawning the host to the incident list being
// interactive in a fresh browser context: the very first start, on an empty data
// dir (the empty database made at build time is copied then), the same with
// PostgreSQL's initdb instead (how a first start went before, as a baseline in
// the same run), and a later start on the record a first one left. Chromium is
// launched beforehand, once: its own start-up is the user's browser, not ours.
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { PGLITE_TEMPLATE_ENV } from '../main/host/store/pglite-client';
import { max, median, min, type Figure } from './figure';
import { chromiumLaunchOptions } from './support/chromium';
import { withTempDir } from './support/temp-dir';
import { spawnWebHost } from '../test/support/web-host-process';

const RUNS = 5;
const TARGET_S = 1.5;
const TIMEOUT_MS = 30_000;

/** Seconds from spawn to a ready app whose "declare" button is visible and enabled. */
async function measureOnce(browser: Browser, dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<number> {
  const started = performance.now();
  const host = await spawnWebHost(dataDir, { timeoutMs: TIMEOUT_MS, port: 0, env });
  try {
    // A new context has no cache and no IndexedDB: the window's first visit, even on a later start.
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const response = await page.goto(host.url, { timeout: TIMEOUT_MS });
      // Fail fast and say why, rather than waiting out the timeout on an error page.
      if (!response?.ok()) throw new Error(`${host.url} answered HTTP ${response?.status() ?? 'nothing'}`);
      await page.waitForSelector('[data-app-state="ready"]', { timeout: TIMEOUT_MS });
      await page.waitForSelector('[data-testid="declare-open"]:enabled', { state: 'visible', timeout: TIMEOUT_MS });
      return (performance.now() - started) / 1000;
    } finally {
      await context.close();
    }
  } finally {
    await host.stop();
  }
}

export default async function coldStart(): Promise<Figure[]> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const first: number[] = [];
    const initdb: number[] = [];
    // In turns, so that a busy moment of the machine falls on both.
    for (let run = 0; run < RUNS; run += 1) {
      first.push(await withTempDir('cold-start', (dataDir) => measureOnce(browser, dataDir)));
      initdb.push(
        await withTempDir('cold-start', (dataDir) =>
          measureOnce(browser, dataDir, { [PGLITE_TEMPLATE_ENV]: join(dataDir, 'no-template') }),
        ),
      );
    }
    const later = await withTempDir('cold-start', async (dataDir) => {
      await measureOnce(browser, dataDir);
      const seconds: number[] = [];
      for (let run = 0; run < RUNS; run += 1) seconds.push(await measureOnce(browser, dataDir));
      return seconds;
    });
    const spread = (seconds: number[]) => `min ${min(seconds).toFixed(2)} s, max ${max(seconds).toFixed(2)} s`;
    return [
      {
        name: 'cold start, browser mode: spawn → incident list interactive',
        value: median(later),
        unit: 's',
        target: TARGET_S,
        better: 'lower',
        note: `median of ${RUNS} starts on an existing record; ${spread(later)}`,
      },
      {
        name: 'first start ever, browser mode: spawn → incident list interactive',
        value: median(first),
        unit: 's',
        target: TARGET_S,
        better: 'lower',
        note: `an empty data dir: the empty database made at build time copied in; median of ${RUNS} runs; ${spread(first)}`,
      },
      {
        name: 'first start ever, with initdb instead of the copy (as before)',
        value: median(initdb),
        unit: 's',
        target: null,
        better: 'lower',
        note: `baseline, in turns with the row above; median of ${RUNS} runs; ${spread(initdb)}`,
      },
    ];
  } finally {
    await browser.close();
  }
}
