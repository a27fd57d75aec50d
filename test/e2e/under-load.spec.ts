// A laptop that is busy: every core kept at 100 % by a CPU burner the spec starts
// (bounded in time, stopped when the spec ends), while a first start, a
// declaration, a note and a restart go through the real UI. Nothing here waits
// on time: each step waits on what the app shows. The bound a host start must
// keep, even here, is the one the suite keeps everywhere (10 s, see browser-mode.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { expect, test } from './fixtures';

/** How long a burner spins at most, should the spec's clean-up never run. */
const BURN_MS = 180_000;

/** One busy-looping process per core; each stops by itself after `BURN_MS`. */
function burnCores(): ChildProcess[] {
  return Array.from({ length: availableParallelism() }, () =>
    spawn(process.execPath, ['-e', `const end = Date.now() + ${BURN_MS}; while (Date.now() < end) {}`], {
      stdio: 'ignore',
    }),
  );
}

let burners: ChildProcess[] = [];

test.beforeEach(() => {
  burners = burnCores();
});

test.afterEach(() => {
  for (const burner of burners) burner.kill('SIGKILL');
  burners = [];
});

test('first start, declare, note and restart go through with every core busy', async ({ warroom }) => {
  // The fixture's host started after the burners: a first start on an empty data dir, under load.
  expect(burners.every((burner) => burner.exitCode === null)).toBe(true);
  await warroom.ui.declare({ title: 'Tills frozen in store 12', severity: 'SEV2', kind: 'technical-failure' });
  await warroom.ui.addNote('Store 12 reports every till frozen since 09:10');
  await expect(warroom.ui.timelineEntries).toHaveCount(2);

  await warroom.restart();
  await warroom.ui.open('Tills frozen in store 12');
  await expect(warroom.ui.timelineEntries).toHaveCount(2);
  await expect(warroom.session.page.getByText('Store 12 reports every till frozen since 09:10')).toBeVisible();
  expect(burners.every((burner) => burner.exitCode === null)).toBe(true);
});
