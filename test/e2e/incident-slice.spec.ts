// The first slice, through the real UI in browser mode: declare, note, restart.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { screenshot } from './screenshot';

const HOSTILE = '<img src=x onerror=alert(1)>';

test('declares an incident, shows a hostile note as text, and finds both after a restart', async ({ warroom }) => {
  const { ui } = warroom;
  await ui.setDisplayName('Camille Laurent');
  await ui.declare({ title: 'Checkout fails at payment', severity: 'SEV1', kind: 'technical-failure' });
  await ui.addNote('Payment provider answers 502 on every call since 14:02.');
  await ui.addNote(HOSTILE, { withKeyboard: true });

  // Newest first: the note just posted is on top.
  await expect(ui.notes.first()).toHaveText(HOSTILE);
  await expect(warroom.session.page.getByTestId('timeline').locator('img')).toHaveCount(0);
  await expect(ui.timelineEntries).toHaveCount(3);
  await expect(ui.timelineEntries.last()).toContainText('Camille Laurent');
  await expect(ui.timelineEntries.last()).toContainText('declared the incident: SEV1, Technical failure.');
  await expect(ui.timelineEntries.last().locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await screenshot(warroom.session.page, 'incident');
  await ui.backToList();
  await screenshot(warroom.session.page, 'incident-list');

  await warroom.restart();
  const after = warroom.ui;
  await expect(after.incidentRows).toHaveCount(1);
  await expect(after.incidentRows.first()).toContainText('Checkout fails at payment');
  await expect(after.incidentRows.first()).toContainText('SEV1');
  await after.open('Checkout fails at payment');
  await expect(after.notes).toHaveText([HOSTILE, 'Payment provider answers 502 on every call since 14:02.']);
  await expect(after.timelineEntries.last()).toContainText('Camille Laurent');

  // Nothing in the note ever ran, before or after the restart.
  expect(warroom.session.dialogs).toEqual([]);
});

test('keeps several incidents apart, most severe first', async ({ warroom }) => {
  const { ui } = warroom;
  await ui.declare({ title: 'Stores cannot take card payments', severity: 'SEV2', kind: 'technical-failure' });
  await ui.backToList();
  await ui.declare({ title: 'Search is slow', severity: 'SEV3', kind: 'performance' });
  await ui.addNote('p95 at 4 s on the search API.');
  await ui.backToList();
  await expect(ui.incidentRows).toHaveCount(2);
  // The dashboard puts the SEV2 above the SEV3, whichever was active last.
  await expect(ui.incidentRows.first()).toContainText('Stores cannot take card payments');

  await ui.open('Stores cannot take card payments');
  await expect(ui.notes).toHaveCount(0);
  await ui.addNote('Card terminals in 12 stores show "host unreachable".');
  await ui.backToList();
  await expect(ui.incidentRows.first()).toContainText('Stores cannot take card payments');
});

test('keeps recording when the host goes away, and reconnects when it returns', async ({ warroom }) => {
  const { ui, session } = warroom;
  const status = session.page.getByTestId('host-status');
  await ui.declare({ title: 'Warehouse scanners offline', severity: 'SEV2', kind: 'technical-failure' });
  await expect(status).toHaveAttribute('data-status', 'online');

  await session.stopHost();
  await expect(status).toHaveAttribute('data-status', 'offline');
  await ui.addNote('Written while the host was down.');

  await session.startHost();
  await expect(status).toHaveAttribute('data-status', 'online');
  await session.page.reload();
  await ui.ready();
  await expect(ui.notes).toHaveText(['Written while the host was down.']);
});

test('moves an incident through its lifecycle, each step in the timeline', async ({ warroom }) => {
  const { ui, session } = warroom;
  const page = session.page;
  await ui.declare({ title: 'Orders stuck in the queue', severity: 'SEV3', kind: 'technical-failure' });
  await page.getByTestId('incident-severity').selectOption('SEV1');
  for (const status of ['identified', 'monitoring', 'resolved'] as const) {
    await page.getByTestId('incident-status').selectOption(status);
  }
  await expect(page.getByTestId('status-tag')).toHaveText('Resolved');
  await expect(page.getByTestId('severity')).toHaveText('SEV1');
  await expect(ui.timelineEntries).toHaveCount(5);
  // Newest first: the last move on top, the severity change fourth.
  await expect(ui.timelineEntries.nth(3)).toContainText('changed the severity from SEV3 to SEV1.');
  await expect(ui.timelineEntries.first()).toContainText('moved the incident from Monitoring to Resolved.');
  await ui.setLanguage('fr');
  await expect(ui.timelineEntries.first()).toContainText('a fait passer l’incident de Surveillance à Résolu.');
  await screenshot(page, 'lifecycle-fr');
});

test('refuses to declare an incident without a title', async ({ warroom }) => {
  const { page } = warroom.session;
  await page.getByTestId('declare-open').click();
  await page.getByTestId('declare-submit').click();
  await expect(page.getByTestId('declare-error')).toHaveText('Say in a few words what is happening.');
  await expect(warroom.ui.incidentTitle).toHaveCount(0);
  await page.getByTestId('declare-title').fill('Orders stuck in the warehouse queue');
  await page.getByTestId('declare-severity-SEV2').check({ force: true });
  await screenshot(page, 'declare');
});

test('switches to French, and keeps the choice across a restart', async ({ warroom }) => {
  const { ui } = warroom;
  await ui.setLanguage('fr');
  const page = warroom.session.page;
  await expect(page.getByTestId('declare-open')).toHaveText('Déclarer un incident');
  await ui.declare({ title: 'Le site est lent', severity: 'SEV3', kind: 'performance' });
  await expect(ui.timelineEntries.last()).toContainText('a déclaré l’incident : SEV3, Performance.');
  await screenshot(page, 'incident-fr');

  await warroom.restart();
  await expect(warroom.session.page.getByTestId('declare-open')).toHaveText('Déclarer un incident');
  await expect(warroom.session.page.locator('html')).toHaveAttribute('lang', 'fr');
});

test('a language chosen while the host is down is saved once it is back', async ({ warroom }) => {
  const { ui, session } = warroom;
  const status = session.page.getByTestId('host-status');
  await expect(status).toHaveAttribute('data-status', 'online');
  await session.stopHost();
  await expect(status).toHaveAttribute('data-status', 'offline');
  await ui.setLanguage('fr');
  await expect(session.page.getByTestId('declare-open')).toHaveText('Déclarer un incident');
  const pending = session.page.getByTestId('settings-pending');
  await expect(pending).toHaveText('Langue et nom pas encore enregistrés');

  await session.startHost();
  await expect(status).toHaveAttribute('data-status', 'online');
  await expect(pending).toHaveCount(0);
  // The choice reaches the host's settings without being made again.
  await expect
    .poll(async () => {
      const saved = await readFile(join(warroom.dataDir, 'settings.json'), 'utf8').catch(() => '{}');
      return (JSON.parse(saved) as { locale?: string }).locale;
    })
    .toBe('fr');
  await warroom.restart();
  await expect(warroom.session.page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(warroom.session.page.getByTestId('declare-open')).toHaveText('Déclarer un incident');
});

test.describe('on a French system', () => {
  test.use({ lang: 'fr_FR.UTF-8' });

  test('starts in French without being asked', async ({ warroom }) => {
    await expect(warroom.session.page.getByTestId('declare-open')).toHaveText('Déclarer un incident');
    await expect(warroom.session.page.getByTestId('language')).toHaveValue('fr');
  });
});
