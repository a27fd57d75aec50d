// A night-long incident: 100,000 timeline entries, recorded by another laptop
// and already in this host's store when it starts; the window syncs them from
// its host, then opens them. Behaviour, not timing (bench/timeline.bench.ts
// measures): the newest entry shows on top, few rows are mounted, the oldest
// (the declaration) is reachable, search and posting still work.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedLongIncident } from '../support/seed-timeline';
import { launchBrowserMode } from './browser-mode';
import { expect, test } from './fixtures';
import { TimelinePage } from './pages/timeline';
import { screenshot } from './screenshot';

const ENTRIES = 100_000;
/** Rows mounted at once: the pane's rows and a few beyond each edge, never thousands. */
const MOUNTED_MAX = 80;

test('opens and scrolls a timeline of 100,000 entries', async () => {
  // Seeding, the window's first sync of 100,000 events and their fold take a while on a shared machine.
  test.setTimeout(360_000);
  const root = await mkdtemp(join(tmpdir(), 'warroom-e2e-100k-'));
  const dataDir = join(root, 'data');
  const seeded = await seedLongIncident(dataDir, { entries: ENTRIES });
  const session = await launchBrowserMode({ dataDir, profileDir: join(root, 'profile') });
  try {
    const page = session.page;
    const timeline = new TimelinePage(page);
    await page.evaluate((id) => {
      window.location.hash = `#/incidents/${encodeURIComponent(id)}`;
    }, seeded.incidentId);
    await expect(page.getByTestId('incident-title')).toHaveText(seeded.title, { timeout: 120_000 });
    // Every entry synced from the host and folded. The incident has been open
    // for 28 hours on checkout and payments: the impact panel records the RTO
    // crossings of their processes on top of the seeded entries.
    await expect
      .poll(async () => Number(await timeline.pane.getAttribute('data-count')), { timeout: 300_000 })
      .toBeGreaterThan(seeded.entries);
    await timeline.filterKinds(['continuity']);
    await expect(timeline.entries.first()).toHaveAttribute('data-kind', 'continuity');
    const crossings = Number(await timeline.pane.getAttribute('data-count'));
    await timeline.clearFilters();
    const total = seeded.entries + crossings;
    await expect(timeline.pane).toHaveAttribute('data-count', String(total));

    // The crossings, written now, are the newest; the seeded newest comes next.
    await expect(timeline.entries.nth(crossings).getByTestId('note-text')).toHaveText(seeded.newestText);
    await expect(timeline.count).toHaveText(`${total.toLocaleString('en-US')} entries`);
    expect(await timeline.entries.count()).toBeLessThan(MOUNTED_MAX);

    await timeline.showTimes('absolute');
    await screenshot(page, 'timeline-100k');

    // To the oldest: the declaration, at the bottom. Rows are measured as they
    // show, so the end moves a little until the last rows are measured.
    const declaration = page.locator('[data-testid="timeline-entry"][data-kind="declared"]');
    await expect
      .poll(async () => {
        await timeline.pane.evaluate((pane) => pane.scrollTo({ top: pane.scrollHeight }));
        return declaration.count();
      })
      .toBe(1);
    await expect(declaration).toContainText(seeded.title);
    expect(await timeline.entries.count()).toBeLessThan(MOUNTED_MAX);

    // Search and filters still answer on the whole record.
    await timeline.searchFor('NEWEST entry');
    await expect(timeline.pane).toHaveAttribute('data-count', '1');
    await expect(timeline.notes).toHaveText([seeded.newestText]);
    await timeline.clearFilters();
    await timeline.filterKinds(['role']);
    await expect(timeline.entries.first()).toHaveAttribute('data-kind', 'role');
    // Hand-overs show their briefing.
    await expect(page.getByTestId('briefing').first()).toBeVisible();
    await timeline.clearFilters();

    // A note posted now lands on top of the 100,000.
    await timeline.post('Posted on top of a long night.', 'decision');
    await expect(timeline.pane).toHaveAttribute('data-count', String(total + 1));
  } finally {
    await session.stop();
    await rm(root, { recursive: true, force: true });
  }
});
