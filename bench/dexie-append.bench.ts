// Appending to the renderer's Dexie replica in Chromium: the real EventStore
// (validation, hash chain, one IndexedDB transaction) on a bench page bundled
// with Vite, in a browser profile on disk as the app's own would be.
import { chromium, type Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { build } from 'vite';
import { max, median, min, type Figure } from './figure';
import { type AppendTiming } from './browser/dexie-append-api';
import { chromiumLaunchOptions } from './support/chromium';
import { serveStatic } from './support/static-server';
import { withTempDir } from './support/temp-dir';

const PAGE_DIR = fileURLToPath(new URL('./browser', import.meta.url));
const PAGE = 'dexie-append.html';

const BATCH_NOTES = 10_000;
const BATCH_RUNS = 3;
const BATCH_TARGET = 10_000;
const ONE_BY_ONE_NOTES = 1_000;
const ONE_BY_ONE_RUNS = 3;
const TIMEOUT_MS = 60_000;

async function bundlePage(outDir: string): Promise<void> {
  await build({
    root: PAGE_DIR,
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      rollupOptions: {
        input: join(PAGE_DIR, PAGE),
        // zod's misplaced /*@__PURE__*/ comments are harmless noise in the report.
        onwarn: (warning, warn) => {
          if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
        },
      },
    },
  });
}

function eventsPerSecond(timing: AppendTiming): number {
  return timing.events / (timing.ms / 1000);
}

/** Runs one measurement `runs` times in the page; events/s of each run. */
async function measure(
  page: Page,
  kind: 'appendInOneCall' | 'appendOneByOne',
  notes: number,
  runs: number,
): Promise<number[]> {
  const rates: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    // The function runs in the page: it may only use what it is given and the page's globals.
    const timing = await page.evaluate(
      ({ kind, notes }) => {
        const bench = window.dexieAppendBench;
        if (!bench) throw new Error('the bench page did not load');
        return bench[kind](notes);
      },
      { kind, notes },
    );
    rates.push(eventsPerSecond(timing));
  }
  return rates;
}

function spread(rates: readonly number[]): string {
  const format = (rate: number) => Math.round(rate).toLocaleString('en-US');
  return `median of ${rates.length} runs; min ${format(min(rates))}, max ${format(max(rates))}`;
}

export default function dexieAppend(): Promise<Figure[]> {
  return withTempDir('dexie-page', (outDir) =>
    withTempDir('dexie-profile', async (profileDir) => {
      await bundlePage(outDir);
      const server = await serveStatic(outDir);
      // A persistent profile keeps IndexedDB on disk; a fresh incognito-like
      // context would keep it in memory and flatter the figure.
      const context = await chromium.launchPersistentContext(profileDir, chromiumLaunchOptions());
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const pageErrors: string[] = [];
        page.on('pageerror', (error) => pageErrors.push(error.message));
        await page.goto(`${server.url}${PAGE}`, { timeout: TIMEOUT_MS });
        await page
          .waitForFunction(() => window.dexieAppendBench !== undefined, undefined, { timeout: TIMEOUT_MS })
          .catch((error: unknown) => {
            throw new Error(`the bench page did not start: ${pageErrors.join('; ') || String(error)}`);
          });

        const batch = await measure(page, 'appendInOneCall', BATCH_NOTES, BATCH_RUNS);
        const oneByOne = await measure(page, 'appendOneByOne', ONE_BY_ONE_NOTES, ONE_BY_ONE_RUNS);
        return [
          {
            name: `Dexie append, ${BATCH_NOTES.toLocaleString('en-US')} events in one call`,
            value: median(batch),
            unit: 'events/s',
            target: BATCH_TARGET,
            better: 'higher',
            note: spread(batch),
          },
          {
            name: `Dexie append, ${ONE_BY_ONE_NOTES.toLocaleString('en-US')} events one call each`,
            value: median(oneByOne),
            unit: 'events/s',
            target: null,
            better: 'higher',
            note: `informative, one append call per event; ${spread(oneByOne)}`,
          },
        ];
      } finally {
        await context.close();
        await server.close();
      }
    }),
  );
}
