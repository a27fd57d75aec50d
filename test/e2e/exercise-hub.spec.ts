// Two laptops in one exercise through the team hub: the facilitator's laptop
// starts the scenario and runs its clock; the participant's laptop, joined to
// the hub's exercise workspace with its own token, gets the injects under the
// EXERCISE banner and declares; the facilitator's console scores it. Neither
// laptop's real record sees any of it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { launchBrowserMode, type BrowserModeSession } from './browser-mode';
import { HUB_ENTRY, spawnHub, type ServerProcess } from '../support/web-host-process';
import { ExercisesPage } from './pages/exercises';
import { WarRoomPage } from './pages/war-room-page';
import { expect, test } from './fixtures';
import { screenshot } from './screenshot';

const run = promisify(execFile);
// The first exchange waits for each host's store to open, which a loaded machine slows down.
const THROUGH_HUB = { timeout: 60_000 };

test('the facilitator and a participant play one exercise through the hub', async () => {
  test.setTimeout(180_000);
  const root = await mkdtemp(join(tmpdir(), 'warroom-drill-'));
  const hubDir = join(root, 'hub');
  const sessions: BrowserModeSession[] = [];
  let hub: ServerProcess | null = null;
  try {
    // Drills have a workspace of their own on the hub, under its own token.
    const { stdout } = await run(process.execPath, [HUB_ENTRY, 'workspace', 'add', 'exercise', '--data-dir', hubDir], {
      env: { ...process.env, DATABASE_URL: '' },
    });
    const token = stdout.trim();
    hub = await spawnHub(hubDir);
    for (const name of ['facilitator', 'participant']) {
      sessions.push(
        await launchBrowserMode({ dataDir: join(root, `${name}-data`), profileDir: join(root, `${name}-profile`) }),
      );
    }
    const [facilitator, participant] = sessions.map((session) => new WarRoomPage(session.page)) as [
      WarRoomPage,
      WarRoomPage,
    ];
    await facilitator.setDisplayName('Fatima');
    await participant.setDisplayName('Paul');
    const desk = new ExercisesPage(facilitator.page);
    const room = new ExercisesPage(participant.page);
    for (const [laptop, drill] of [
      [facilitator, desk],
      [participant, room],
    ] as const) {
      await drill.openRoom();
      await laptop.joinHub(hub.url, token);
      await expect(laptop.syncStatus).toHaveAttribute('data-state', 'online', THROUGH_HUB);
    }

    await facilitator.page.getByTestId('nav-exercises').click();
    await desk.start('payment-provider-outage', 10);
    await participant.page.getByTestId('nav-exercises').click();
    await expect(room.banner).toContainText('Payment provider outage', THROUGH_HUB);
    await expect(room.inbox).toContainText('Authorisation calls to the provider time out', THROUGH_HUB);

    // Fired by hand on the facilitator's laptop, it reaches the participant.
    await desk.fire('status-page');
    await expect(room.inbox).toContainText('The provider announces a major incident', THROUGH_HUB);

    await participant.page.getByTestId('nav-dashboard').click();
    await participant.declare({ title: 'Card payments declined', severity: 'SEV1', kind: 'technical-failure' });
    await expect(desk.score('declare')).toHaveAttribute('data-outcome', 'met', THROUGH_HUB);
    await screenshot(participant.page, 'exercise-participant');

    // Each laptop's real record is untouched.
    for (const laptop of [facilitator, participant]) {
      await laptop.page.getByTestId('exercise-leave').click();
      await laptop.page.locator('[data-app-state="ready"]').waitFor();
      await laptop.page.getByTestId('nav-dashboard').click();
      await expect(laptop.page.getByTestId('incident-list')).toBeVisible();
      await expect(laptop.incidentRows).toHaveCount(0);
    }
  } finally {
    for (const session of sessions) await session.stop();
    await hub?.stop();
    await rm(root, { recursive: true, force: true });
  }
});
