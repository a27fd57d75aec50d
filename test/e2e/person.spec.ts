// People, not typed names (issue 20): a teammate's browser on the LAN is asked
// who it is before it can write, and its note reaches the laptop under that
// name; a laptop window names its person once, shows it read-only, and hands
// the device over only by a confirmed, recorded change. English and French.
import { mkdtemp, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../support/chromium';
import { spawnWebHost } from '../support/web-host-process';
import { expect, test } from './fixtures';
import { DevicesPage } from './pages/devices';
import { TimelinePage } from './pages/timeline';
import { WarRoomPage } from './pages/war-room-page';
import { screenshot } from './screenshot';

const TOKEN = 'e2e-join-token-person-0123456';
// From a teammate's browser through the laptop's host to the laptop's own window.
const THROUGH_HOST = { timeout: 30_000 };

/** This machine's own LAN address: a page opened through it is a teammate's browser, not the laptop's. */
const LAN_ADDRESS = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

/** Whether the element that has focus is inside `dialog`. */
function isFocusInside(page: Page, testId: string): Promise<boolean> {
  return page.evaluate(
    (id) => document.querySelector(`[data-testid="${id}"]`)?.contains(document.activeElement) ?? false,
    testId,
  );
}

test('a teammate’s browser is asked who it is before it can write, and its note reaches the laptop under that name', async () => {
  test.skip(LAN_ADDRESS === undefined, 'this machine has no non-loopback IPv4 address to be a teammate from');
  test.setTimeout(120_000);
  const root = await mkdtemp(join(tmpdir(), 'warroom-person-'));
  const host = await spawnWebHost(join(root, 'data'), {
    args: ['--lan', '--join-token', TOKEN],
    env: { LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', WARROOM_LOG: 'warn' },
  });
  const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS, headless: true });
  const browsers: Browser[] = [browser];
  try {
    const port = new URL(host.url).port;
    // The person at the laptop names themself and declares.
    const laptopPage = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await laptopPage.goto(`http://127.0.0.1:${port}/?join=${TOKEN}`);
    const laptop = new WarRoomPage(laptopPage);
    await laptop.ready();
    await expect(laptop.whoAreYou).toHaveCount(0);
    await laptop.setDisplayName('Fatima Benali');
    await laptop.declare({ title: 'Card terminals offline', severity: 'SEV2', kind: 'technical-failure' });
    await expect(laptop.youName).toHaveText('Fatima Benali');
    const incidentHash = new URL(laptopPage.url()).hash;

    // Tariq opens the incident from his own browser, over the LAN address (treated as secure, as HTTPS would be).
    const lanOrigin = `http://${LAN_ADDRESS ?? ''}:${port}`;
    const teammateBrowser = await chromium.launch({
      executablePath: requireChromium(),
      args: [...CHROMIUM_ARGS, `--unsafely-treat-insecure-origin-as-secure=${lanOrigin}`],
      headless: true,
    });
    browsers.push(teammateBrowser);
    const teammatePage = await (
      await teammateBrowser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' })
    ).newPage();
    await teammatePage.goto(`${lanOrigin}/?join=${TOKEN}`);
    await teammatePage.goto(`${lanOrigin}/${incidentHash}`);
    const teammate = new WarRoomPage(teammatePage);
    await teammate.ready();
    await expect(teammatePage.getByTestId('lan-peer')).toBeVisible();

    // Asked first, in a labelled modal dialog with focus in its field; the incident stays readable behind it.
    const question = teammatePage.getByRole('dialog', { name: 'Who are you?' });
    await expect(question).toBeVisible();
    expect(await question.evaluate((dialog) => dialog.matches(':modal'))).toBe(true);
    await expect(question.getByTestId('who-name')).toBeFocused();
    await expect(teammate.incidentTitle).toHaveText('Card terminals offline', THROUGH_HOST);
    await expect(teammatePage.getByTestId('note-input')).toBeVisible();
    await expect(teammate.youBox).toHaveAttribute('data-person-state', 'unnamed');
    await screenshot(teammatePage, 'person-who-are-you');

    // Nothing behind it can be reached: a click on the composer lands on the dialog's backdrop, Tab stays
    // inside, Escape does not dismiss it, and the quick-note shortcut opens nothing.
    const composer = await teammatePage.getByTestId('note-input').boundingBox();
    if (!composer) throw new Error('the composer has no box');
    await teammatePage.mouse.click(composer.x + composer.width / 2, composer.y + composer.height / 2);
    await expect(teammatePage.getByTestId('note-input')).not.toBeFocused();
    for (let press = 0; press < 4; press += 1) {
      await teammatePage.keyboard.press('Tab');
      expect(await isFocusInside(teammatePage, 'who-are-you'), `Tab ${press + 1}`).toBe(true);
    }
    await teammatePage.keyboard.press('Escape');
    await teammatePage.keyboard.press('Alt+n');
    await expect(question).toBeVisible();
    await expect(teammatePage.getByTestId('quick-note')).toHaveCount(0);

    // An empty answer is refused with a reason; Enter answers.
    await question.getByTestId('who-name').fill('   ');
    await question.getByTestId('who-name').press('Enter');
    await expect(question.getByTestId('who-error')).toHaveText('Type a name: an entry cannot be signed by nobody.');
    await teammate.answerWhoAreYou('Tariq Haddad');
    // Named, not enrolled yet: the box still takes a correction until the first entry.
    await expect(teammate.youBox).toHaveAttribute('data-person-state', 'proposed');

    await teammate.addNote('T1: terminals restarted in store 12');
    await expect(teammate.youName).toHaveText('Tariq Haddad');
    await expect(teammatePage.getByTestId('display-name')).toHaveCount(0);

    // The laptop shows the note under Tariq's name, and his browser as a device enrolled for him.
    const timeline = new TimelinePage(laptopPage);
    await expect(timeline.entry('T1: terminals restarted in store 12')).toContainText('Tariq Haddad', THROUGH_HOST);
    await expect(laptop.notes).toHaveText(['T1: terminals restarted in store 12']);
    const devices = new DevicesPage(laptopPage);
    await devices.open();
    // Its enrolment and its note.
    await expect(devices.row('Tariq Haddad', 'lan').getByTestId('device-events')).toHaveText('2');
    await expect(devices.row('Fatima Benali', 'window').getByTestId('device-events')).toHaveText('2');

    // A second teammate, in French: asked in French.
    const chloePage = await (
      await teammateBrowser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })
    ).newPage();
    await chloePage.goto(`${lanOrigin}/?join=${TOKEN}`);
    const chloe = new WarRoomPage(chloePage);
    await chloe.ready();
    const questionFr = chloePage.getByRole('dialog', { name: 'Qui êtes-vous ?' });
    await expect(questionFr).toBeVisible();
    await expect(questionFr).toContainText('Vous avez rejoint cette salle de crise depuis votre propre navigateur.');
    await questionFr.getByTestId('who-submit').click();
    await expect(questionFr.getByTestId('who-error')).toHaveText(
      'Saisissez un nom : une entrée ne peut pas être signée par personne.',
    );
    await questionFr.getByTestId('who-name').fill('');
    await screenshot(chloePage, 'person-who-are-you-fr');
    await chloe.answerWhoAreYou('Chloé Martin');
  } finally {
    for (const opened of browsers) await opened.close();
    await host.stop();
    await rm(root, { recursive: true, force: true });
  }
});

test('a laptop window names its person once and hands the device over only when confirmed', async ({ warroom }) => {
  const { ui, session } = warroom;
  const page = session.page;
  const timeline = new TimelinePage(page);
  // Before the first entry, the box is where the name is typed (the host's account name is proposed).
  await expect(ui.whoAreYou).toHaveCount(0);
  await expect(ui.youBox).toHaveAttribute('data-person-state', 'proposed');
  await ui.setDisplayName('Camille Laurent');
  await ui.declare({ title: 'Checkout fails at payment', severity: 'SEV1', kind: 'technical-failure' });
  await timeline.post('C1: PSP answers 502.');

  // Enrolled: the name is shown, not edited.
  await expect(ui.youBox).toHaveAttribute('data-person-state', 'enrolled');
  await expect(ui.youName).toHaveText('Camille Laurent');
  await expect(page.getByTestId('display-name')).toHaveCount(0);
  await screenshot(page, 'person-header');

  // The hand-over: an empty name is refused, the same name too; then who takes over, and what it means.
  await page.getByTestId('person-change-open').click();
  const dialog = page.getByRole('dialog', { name: 'Hand this device over' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('person-change-name')).toBeFocused();
  await dialog.getByTestId('person-change-name').press('Enter');
  await expect(dialog.getByTestId('person-change-error')).toHaveText(
    'Type a name: an entry cannot be signed by nobody.',
  );
  await dialog.getByTestId('person-change-name').fill('Camille Laurent');
  await dialog.getByTestId('person-change-next').click();
  await expect(dialog.getByTestId('person-change-error')).toHaveText(
    'Camille Laurent is already the person at this device.',
  );
  await dialog.getByTestId('person-change-name').fill('Élodie Martin');
  await dialog.getByTestId('person-change-name').press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Hand this device over to Élodie Martin?' });
  await expect(confirm.getByTestId('person-change-summary')).toHaveText(
    'Everything already written from this device stays under Camille Laurent.' +
      'Everything written from now on will be signed as Élodie Martin.',
  );
  await expect(confirm.getByTestId('person-change-confirm')).toBeFocused();
  await screenshot(page, 'person-hand-over');
  await confirm.getByTestId('person-change-confirm').click();
  await expect(confirm).toHaveCount(0);
  await expect(ui.youName).toHaveText('Élodie Martin');
  await expect(page.getByTestId('person-change-open')).toBeFocused();

  await timeline.post('E1: backup provider enabled.');
  await expect(timeline.entry('E1: backup provider enabled.')).toContainText('Élodie Martin');
  await expect(timeline.entry('C1: PSP answers 502.')).toContainText('Camille Laurent');
  await expect(timeline.entries.last()).toContainText('Camille Laurent');

  // One person change in the record: enrolment, declaration, note, hand-over, note.
  const devices = new DevicesPage(page);
  await devices.open();
  await expect(devices.row('Élodie Martin', 'window').getByTestId('device-events')).toHaveText('5');

  // French: the header and the hand-over, cancelled with Escape (nothing written).
  await ui.setLanguage('fr');
  await page.goto(page.url().replace(/#.*$/, '#/'));
  await expect(ui.youBox).toContainText('Vous');
  await expect(page.getByTestId('person-change-open')).toHaveText('Ce n’est pas vous ?');
  await screenshot(page, 'person-header-fr');
  await page.getByTestId('person-change-open').click();
  const dialogFr = page.getByRole('dialog', { name: 'Confier cet appareil' });
  await dialogFr.getByTestId('person-change-name').fill('Bruno Marchand');
  await dialogFr.getByTestId('person-change-name').press('Enter');
  await expect(page.getByTestId('person-change-summary')).toContainText(
    'Tout ce qui a déjà été écrit depuis cet appareil reste signé Élodie Martin.',
  );
  await screenshot(page, 'person-hand-over-fr');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('person-change')).toHaveCount(0);
  await expect(ui.youName).toHaveText('Élodie Martin');

  // The person is the record's: a restart shows the same, read-only.
  await warroom.restart();
  await expect(warroom.ui.youName).toHaveText('Élodie Martin');
  await expect(warroom.session.page.getByTestId('display-name')).toHaveCount(0);
});
