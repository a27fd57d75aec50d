// Browser mode on the LAN: nothing without the join token, the app with it;
// a teammate's browser follows an exercise it cannot steer, and keeps its own
// language without changing the laptop's.
import { mkdtemp, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../support/chromium';
import { spawnWebHost } from '../support/web-host-process';
import { expect, test } from './fixtures';
import { ExercisesPage } from './pages/exercises';
import { WarRoomPage } from './pages/war-room-page';
import { screenshot } from './screenshot';

const TOKEN = 'e2e-join-token-0123456789';

test('LAN mode serves only browsers that present the join token', async () => {
  const root = await mkdtemp(join(tmpdir(), 'warroom-lan-'));
  const host = await spawnWebHost(join(root, 'data'), { args: ['--lan', '--join-token', TOKEN] });
  const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    expect(host.output()).toContain(`?join=${TOKEN}`);
    const origin = new URL(host.url).origin;
    const page = await browser.newPage();
    const refused = await page.goto(`${origin}/`);
    expect(refused?.status()).toBe(401);
    await expect(page.locator('body')).toContainText('join token');

    await page.goto(`${origin}/?join=${TOKEN}`);
    await expect(page).toHaveURL(`${origin}/`);
    await page.locator('[data-app-state="ready"]').waitFor();
    await expect(page.getByTestId('host-status')).toHaveAttribute('data-status', 'online');
  } finally {
    await browser.close();
    await host.stop();
    await rm(root, { recursive: true, force: true });
  }
});

/** This machine's own LAN address: a page opened through it is a teammate's browser, not the laptop's. */
const LAN_ADDRESS = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

test("a teammate's browser follows the exercise without its controls, and keeps its own language", async () => {
  test.skip(LAN_ADDRESS === undefined, 'this machine has no non-loopback IPv4 address to be a teammate from');
  test.setTimeout(120_000);
  const root = await mkdtemp(join(tmpdir(), 'warroom-lan-'));
  const host = await spawnWebHost(join(root, 'data'), { args: ['--lan', '--join-token', TOKEN] });
  const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS, headless: true });
  let teammateBrowser: Browser | undefined;
  try {
    const port = new URL(host.url).port;
    // The person at the laptop starts the drill.
    const laptop = await (await browser.newContext()).newPage();
    await laptop.goto(`http://127.0.0.1:${port}/?join=${TOKEN}`);
    await laptop.locator('[data-app-state="ready"]').waitFor();
    await expect(laptop.getByTestId('lan-peer')).toHaveCount(0);
    const facilitator = new ExercisesPage(laptop);
    await facilitator.openRoom();
    await facilitator.start('payment-provider-outage', 1);
    await expect(laptop.getByTestId('exercise-pause')).toBeEnabled();

    // A teammate joins through the laptop's LAN address, in a browser of their own. Plain http to a LAN
    // address is not a secure context, and the window needs one to open its record (crypto.randomUUID):
    // Chromium is told to treat this origin as secure, as HTTPS would make it.
    const lanOrigin = `http://${LAN_ADDRESS ?? ''}:${port}`;
    teammateBrowser = await chromium.launch({
      executablePath: requireChromium(),
      args: [...CHROMIUM_ARGS, `--unsafely-treat-insecure-origin-as-secure=${lanOrigin}`],
      headless: true,
    });
    const teammate = await (await teammateBrowser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await teammate.goto(`${lanOrigin}/?join=${TOKEN}`);
    await teammate.locator('[data-app-state="ready"]').waitFor();
    await expect(teammate.getByTestId('lan-peer')).toBeVisible();
    // Asked who they are before anything else (test/e2e/person.spec.ts).
    await new WarRoomPage(teammate).answerWhoAreYou('Tariq');
    const room = new ExercisesPage(teammate);
    await room.openRoom();
    await expect(room.console).toBeVisible({ timeout: 60_000 });
    await expect(room.inject('psp-down')).toHaveAttribute('data-state', 'fired');
    await expect(teammate.getByTestId('exercise-laptop-only')).toContainText('Only the person at the facilitator');
    for (const control of ['exercise-pause', 'exercise-speed-change', 'exercise-live-actions-toggle', 'exercise-end'])
      await expect(teammate.getByTestId(control), control).toBeDisabled();
    await expect(teammate.getByTestId('inject-fire-status-page')).toHaveCount(0);
    await screenshot(teammate, 'lan-teammate-console');

    // French for the teammate, in the teammate's browser only: the laptop stays in English.
    await teammate.getByTestId('language').selectOption('fr');
    await expect(teammate.getByTestId('exercise-laptop-only')).toContainText('Seule la personne devant le portable');
    await expect(teammate.getByTestId('settings-pending')).toHaveCount(0);
    await screenshot(teammate, 'lan-teammate-console-fr');
    await teammate.reload();
    await teammate.locator('[data-app-state="ready"]').waitFor();
    await expect(teammate.getByTestId('language')).toHaveValue('fr');
    await laptop.reload();
    await laptop.locator('[data-app-state="ready"]').waitFor();
    await expect(laptop.getByTestId('language')).toHaveValue('en');
    await expect(laptop.getByTestId('exercise-pause')).toBeEnabled();

    // The hub is the laptop's to join or leave.
    await teammate.getByTestId('open-settings').click();
    await expect(teammate.getByTestId('hub-laptop-only')).toBeVisible();
    await expect(teammate.getByTestId('hub-join')).toHaveCount(0);
    await screenshot(teammate, 'lan-teammate-settings-fr');
  } finally {
    await teammateBrowser?.close();
    await browser.close();
    await host.stop();
    await rm(root, { recursive: true, force: true });
  }
});
