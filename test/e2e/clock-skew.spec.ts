// A laptop whose clock runs 10 minutes ahead of the team hub's: the hub refuses
// its events (`clock-ahead`), the window says so in a banner, in English and in
// French, and the events wait on the laptop; once the clocks agree, the banner
// goes and the events reach the hub, where a teammate sees them.
//
// The skew is made on the hub's side: the hub runs with its clock 10 minutes
// behind (test/support/clock-offset.cjs, a test-only preload), which the laptop
// sees exactly as its own clock running 10 minutes ahead; "setting the clock
// right" is restarting the hub with the true time. (Skewing the laptop's host
// instead would leave the events it sealed ahead refused for minutes after the
// fix, as they are in the product: the unit tests of replication cover that.)
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { launchBrowserMode, type BrowserModeSession } from './browser-mode';
import { HUB_ENTRY, REPO_ROOT, spawnHub, type ServerProcess } from '../support/web-host-process';
import { WarRoomPage } from './pages/war-room-page';
import { expect, test } from './fixtures';
import { screenshot } from './screenshot';

const run = promisify(execFile);
const CLOCK_OFFSET_PRELOAD = join(REPO_ROOT, 'test', 'support', 'clock-offset.cjs');
// Reconnecting waits out the backoff of the host and of its live socket.
const RECONNECT = { timeout: 45_000 };

test('a laptop 10 minutes ahead of the hub shows a banner and keeps its events until the clocks agree', async () => {
  test.setTimeout(150_000);
  const root = await mkdtemp(join(tmpdir(), 'warroom-clock-'));
  const hubDir = join(root, 'hub');
  const sessions: BrowserModeSession[] = [];
  let hub: ServerProcess | null = null;
  try {
    const { stdout } = await run(process.execPath, [HUB_ENTRY, 'workspace', 'add', 'default', '--data-dir', hubDir], {
      env: { ...process.env, DATABASE_URL: '' },
    });
    const token = stdout.trim();
    hub = await spawnHub(hubDir, {
      env: { NODE_OPTIONS: `--require "${CLOCK_OFFSET_PRELOAD}"`, WARROOM_TEST_CLOCK_OFFSET_MS: String(-10 * 60_000) },
    });
    const port = Number(new URL(hub.url).port);

    sessions.push(await launchBrowserMode({ dataDir: join(root, 'a-data'), profileDir: join(root, 'a-profile') }));
    const a = new WarRoomPage(sessions[0]!.page);
    await a.setDisplayName('Alice');
    await a.declare({ title: 'Checkout errors', severity: 'SEV2', kind: 'technical-failure' });
    await a.joinHub(hub.url, token);

    const banner = a.page.getByTestId('clock-banner');
    // The first exchange waits for the host's store to open, which a loaded machine slows down.
    await expect(banner).toBeVisible({ timeout: 30_000 });
    await expect(banner).toHaveAttribute('role', 'alert');
    await expect(a.page.getByTestId('clock-banner-text')).toHaveText(
      'This computer’s clock is 10 min ahead: fix it, your events are held back until then.',
    );
    await expect(a.syncStatus).toHaveAttribute('data-state', 'refused');
    await expect(a.syncStatus).toContainText('waiting');
    await expect(a.page.getByTestId('hub-error')).toContainText('clock-ahead');
    await a.page.goto(a.page.url().replace(/#.*$/, '#/'));
    await expect(a.incidentRows).toHaveCount(1);
    await screenshot(a.page, 'clock-ahead-en');
    await a.setLanguage('fr');
    await expect(a.page.getByTestId('clock-banner-text')).toHaveText(
      'L’horloge de cet ordinateur avance de 10 min : corrigez-la, vos événements sont retenus d’ici là.',
    );
    await screenshot(a.page, 'clock-ahead-fr');
    await a.setLanguage('en');

    // The clocks agree again: the banner goes, and what waited reaches the hub.
    await hub.stop();
    hub = null;
    hub = await spawnHub(hubDir, { port });
    await expect(banner).toHaveCount(0, RECONNECT);
    await expect(a.syncStatus).toHaveAttribute('data-state', 'online', RECONNECT);
    await expect(a.syncStatus).not.toContainText('waiting');

    sessions.push(await launchBrowserMode({ dataDir: join(root, 'b-data'), profileDir: join(root, 'b-profile') }));
    const b = new WarRoomPage(sessions[1]!.page);
    await b.joinHub(hub.url, token);
    await expect(b.syncStatus).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    await expect(b.page.getByTestId('clock-banner')).toHaveCount(0);
    await b.page.goto(b.page.url().replace(/#.*$/, '#/'));
    await expect(b.incidentRows.filter({ hasText: 'Checkout errors' })).toHaveCount(1);
  } finally {
    for (const session of sessions) await session.stop();
    await hub?.stop();
    await rm(root, { recursive: true, force: true });
  }
});
