// The live timeline at 100,000 entries in Chromium, in browser mode as a user
// runs it: a night-long incident seeded into the host's store (as if synced
// from the team hub), the window synced from its host, then measured in the page:
// opening the incident until its newest row is painted, scrolling frame times,
// rows mounted, and a posted note until its row is painted.
import { chromium, type Page } from 'playwright-core';
import { join } from 'node:path';
import { max, median, min, type Figure } from './figure';
import { chromiumLaunchOptions } from './support/chromium';
import { withTempDir } from './support/temp-dir';
import { newestRowAfterLoad, openIncident, postNotes, scrollTimeline } from './timeline/in-page';
import { seedLongIncident, type SeededTimeline } from '../test/support/seed-timeline';
import { spawnWebHost } from '../test/support/web-host-process';

const ENTRIES = 100_000;
const OPEN_RUNS = 7;
const RELOAD_RUNS = 3;
const NOTE_SAMPLES = 60;
const OPEN_TARGET_MS = 300;
const FPS_TARGET = 58;
const ROWS_TARGET = 300;
const NOTE_TARGET_MS = 50;
const SYNC_TIMEOUT_MS = 600_000;
const TIMEOUT_MS = 60_000;

function percentile(values: readonly number[], p: number): number {
  const ordered = [...values].sort((a, b) => a - b);
  return ordered[Math.min(ordered.length - 1, Math.ceil((p / 100) * ordered.length) - 1)] ?? Number.NaN;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function waitForSync(page: Page, seeded: SeededTimeline): Promise<void> {
  await page.evaluate((id) => {
    window.location.hash = `#/incidents/${encodeURIComponent(id)}`;
  }, seeded.incidentId);
  await page.waitForSelector(`[data-testid="timeline"][data-count="${seeded.entries}"]`, { timeout: SYNC_TIMEOUT_MS });
}

async function backToList(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.location.hash = '#/';
  });
  await page.waitForSelector('[data-testid="incident-list"]', { timeout: TIMEOUT_MS });
}

export default function timeline(): Promise<Figure[]> {
  return withTempDir('timeline', async (root) => {
    const dataDir = join(root, 'data');
    console.error(`  seeding ${ENTRIES.toLocaleString('en-US')} entries…`);
    // Services no built-in business process depends on: no RTO crossing is
    // recorded on top, so the seeded newest note stays the newest entry.
    const seeded = await seedLongIncident(dataDir, { entries: ENTRIES, services: ['search', 'identity'] });
    const host = await spawnWebHost(dataDir, { env: { WARROOM_LOG: 'warn', LANG: 'en_US.UTF-8' } });
    const context = await chromium.launchPersistentContext(join(root, 'profile'), {
      ...chromiumLaunchOptions(),
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
    });
    // tsx names functions with an `__name` helper that the page lacks; give it one.
    await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(host.url, { timeout: TIMEOUT_MS });
      await page.waitForSelector('[data-app-state="ready"]', { timeout: TIMEOUT_MS });
      console.error('  syncing the window from its host…');
      const syncStarted = performance.now();
      await waitForSync(page, seeded);
      const syncSeconds = (performance.now() - syncStarted) / 1000;

      console.error('  opening…');
      const opens: number[] = [];
      for (let run = 0; run < OPEN_RUNS; run += 1) {
        await backToList(page);
        opens.push(await page.evaluate(openIncident, { id: seeded.incidentId, newestText: seeded.newestText }));
      }

      const reloads: number[] = [];
      for (let run = 0; run < RELOAD_RUNS; run += 1) {
        await page.reload({ timeout: TIMEOUT_MS });
        reloads.push(await page.evaluate(newestRowAfterLoad, seeded.newestText));
      }

      console.error('  scrolling…');
      await page.waitForSelector('[data-testid="timeline-entry"]', { timeout: TIMEOUT_MS });
      const scroll = await page.evaluate(scrollTimeline, {
        steadyFrames: 300,
        steadyPx: 40,
        flingFrames: 240,
        flingPx: 400,
      });
      const frames = scroll.frameTimes;
      const fps = 1000 / (frames.reduce((sum, value) => sum + value, 0) / frames.length);

      console.error('  posting notes…');
      const notes = await page.evaluate(postNotes, NOTE_SAMPLES);

      const spread = (values: readonly number[]) => `min ${ms(min(values))}, max ${ms(max(values))}`;
      return [
        {
          name: 'timeline 100k: open incident → newest row painted',
          value: median(opens),
          unit: 'ms',
          target: OPEN_TARGET_MS,
          better: 'lower',
          note: `median of ${OPEN_RUNS} opens from the incident list; ${spread(opens)}`,
        },
        {
          name: 'timeline 100k: page reload → newest row painted',
          value: median(reloads),
          unit: 'ms',
          target: null,
          better: 'lower',
          note: `informative: from the window's snapshot of its last visit, then what was written since; median of ${RELOAD_RUNS}; ${spread(reloads)}`,
        },
        {
          name: 'timeline 100k: scrolling',
          value: fps,
          unit: 'fps',
          target: FPS_TARGET,
          better: 'higher',
          note: `${frames.length} frames, ${Math.round(scroll.scrolledPx).toLocaleString('en-US')} px; frame time p50 ${ms(percentile(frames, 50))}, p95 ${ms(percentile(frames, 95))}, max ${ms(max(frames))}`,
        },
        {
          name: 'timeline 100k: scroll frame time p95',
          value: percentile(frames, 95),
          unit: 'ms',
          target: null,
          better: 'lower',
          note: `informative; p50 ${ms(percentile(frames, 50))}`,
        },
        {
          name: 'timeline 100k: rows mounted while scrolling (most)',
          value: scroll.mostRows,
          unit: 'rows',
          target: ROWS_TARGET,
          better: 'lower',
          note: 'pane 800 px high minus chrome; overscan 8 rows each side',
        },
        {
          name: 'timeline 100k: posted note → row painted, p95',
          value: percentile(notes, 95),
          unit: 'ms',
          target: NOTE_TARGET_MS,
          better: 'lower',
          note: `${NOTE_SAMPLES} notes one after the other; p50 ${ms(percentile(notes, 50))}, max ${ms(max(notes))}`,
        },
        {
          name: 'timeline 100k: first sync of the window from its host',
          value: syncSeconds,
          unit: 's',
          target: null,
          better: 'lower',
          note: 'informative: 100,001 events over the bridge into IndexedDB, folded as they arrive',
        },
      ];
    } finally {
      await context.close();
      await host.stop();
    }
  });
}
