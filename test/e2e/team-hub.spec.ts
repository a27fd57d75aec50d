// Two laptops on one team hub: live while connected, then both offline, both
// writing, and after reconnecting each shows the other's notes in the same order.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { launchBrowserMode, type BrowserModeSession } from './browser-mode';
import { HUB_ENTRY, spawnHub, type ServerProcess } from '../support/web-host-process';
import { WarRoomPage } from './pages/war-room-page';
import { expect, test } from './fixtures';
import { screenshot } from './screenshot';

const run = promisify(execFile);
// Reconnecting waits out the backoff of both the hosts and their live sockets.
const RECONNECT = { timeout: 45_000 };

test('two laptops converge through the hub, across an outage of it', async () => {
  test.setTimeout(120_000);
  const root = await mkdtemp(join(tmpdir(), 'warroom-team-'));
  const hubDir = join(root, 'hub');
  const sessions: BrowserModeSession[] = [];
  let hub: ServerProcess | null = null;
  try {
    const { stdout } = await run(process.execPath, [HUB_ENTRY, 'workspace', 'add', 'default', '--data-dir', hubDir], {
      env: { ...process.env, DATABASE_URL: '' },
    });
    const token = stdout.trim();
    hub = await spawnHub(hubDir);
    const hubUrl = hub.url;
    const port = Number(new URL(hubUrl).port);

    for (const name of ['a', 'b']) {
      sessions.push(
        await launchBrowserMode({ dataDir: join(root, `${name}-data`), profileDir: join(root, `${name}-profile`) }),
      );
    }
    const [a, b] = sessions.map((session) => new WarRoomPage(session.page)) as [WarRoomPage, WarRoomPage];
    await a.setDisplayName('Alice');
    await b.setDisplayName('Bruno');

    // A wrong token is refused, and the laptop says so instead of retrying forever.
    await b.joinHub(hubUrl, 'not-the-token-0000000000');
    // The first exchange waits for the host's store to open, which a loaded machine slows down.
    await expect(b.syncStatus).toHaveAttribute('data-state', 'refused', { timeout: 30_000 });
    await expect(b.page.getByTestId('hub-error')).toContainText('unauthorized');
    await b.page.getByTestId('hub-leave').click();
    await expect(b.syncStatus).toHaveAttribute('data-state', 'disabled');
    for (const laptop of [a, b]) {
      await laptop.joinHub(hubUrl, token);
      await expect(laptop.syncStatus).toHaveAttribute('data-state', 'online');
    }
    await screenshot(a.page, 'settings-hub');

    // Live: what one laptop declares appears on the other without a reload.
    await a.page.goto(a.page.url().replace(/#.*$/, '#/'));
    await a.declare({ title: 'Payment provider down', severity: 'SEV1', kind: 'technical-failure' });
    await b.page.goto(b.page.url().replace(/#.*$/, '#/'));
    await expect(b.incidentRows).toHaveCount(1);
    await b.open('Payment provider down');
    await a.addNote('A1: switched checkout to the backup provider');
    await expect(b.notes).toHaveText(['A1: switched checkout to the backup provider']);

    // The hub goes away; both keep writing, and say what waits to go out.
    await hub.stop();
    hub = null;
    // Both change the status while apart: both changes stay in the record.
    await a.page.getByTestId('incident-status').selectOption('monitoring');
    await b.page.getByTestId('incident-status').selectOption('identified');
    await b.addNote('B1: stores take cash only');
    await a.addNote('A2: refunds paused');
    await b.addNote('B2: status page updated');
    for (const laptop of [a, b]) {
      await expect(laptop.syncStatus).toHaveAttribute('data-state', 'offline', RECONNECT);
      await expect(laptop.syncStatus).toContainText('waiting');
    }
    await screenshot(a.page, 'offline-waiting');

    hub = await spawnHub(hubDir, { port });
    for (const laptop of [a, b]) await expect(laptop.notes).toHaveCount(4, RECONNECT);
    const order = await a.notes.allTextContents();
    expect(await b.notes.allTextContents()).toEqual(order);
    expect([...order].sort()).toEqual(
      [
        'A1: switched checkout to the backup provider',
        'A2: refunds paused',
        'B1: stores take cash only',
        'B2: status page updated',
      ].sort(),
    );
    for (const laptop of [a, b]) await expect(laptop.syncStatus).toHaveAttribute('data-state', 'online', RECONNECT);
    // One winner, the same on both; both changes in both timelines.
    const statusOnA = await a.page.getByTestId('status-tag').textContent();
    await expect(b.page.getByTestId('status-tag')).toHaveText(statusOnA ?? '');
    for (const laptop of [a, b]) {
      await expect(laptop.timelineEntries.filter({ hasText: 'moved the incident' })).toHaveCount(2);
    }
  } finally {
    for (const session of sessions) await session.stop();
    await hub?.stop();
    await rm(root, { recursive: true, force: true });
  }
});
