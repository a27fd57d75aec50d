// Issue 4's definition of done: a SEV1 from declaration to closed through the UI
// only — roles assigned and handed over with a briefing, notes of each kind, a
// status change per stage, a corrected detection time — and a Markdown export
// that holds all of it, in order.
import { expect, test } from './fixtures';
import { LifecyclePage } from './pages/lifecycle';
import { RolesPage } from './pages/roles';
import { TimelinePage } from './pages/timeline';
import { screenshot } from './screenshot';

/** Where each text first appears in the export; -1 when missing. */
function positions(text: string, needles: readonly string[]): number[] {
  return needles.map((needle) => text.indexOf(needle));
}

test('walks a SEV1 from declaration to closed, and the Markdown export holds it all in order', async ({ warroom }) => {
  const { ui, session } = warroom;
  const page = session.page;
  const roles = new RolesPage(page);
  const life = new LifecyclePage(page);
  const timeline = new TimelinePage(page);
  await ui.setDisplayName('Camille Laurent');

  await roles.openPeople();
  await roles.addPerson({ name: 'Camille Laurent', team: 'SRE', contact: '+33 6 12 34 56 78' });
  await roles.addPerson({ name: 'Samir Haddad', team: 'SRE' });
  await roles.addPerson({ name: 'Léa Martin', team: 'Communication' });

  await page.getByTestId('nav-dashboard').click();
  await ui.declare({ title: 'Checkout fails at payment', severity: 'SEV1', kind: 'technical-failure' });
  await expect(roles.vacancyWarning).toBeVisible();

  await roles.assign('commander', 'Camille Laurent', { pick: true });
  await roles.assign('communications', 'Léa Martin', { pick: true });
  await expect(roles.vacancyWarning).toHaveCount(0);

  await timeline.post('Payment provider answers 502 on every call since 14:02.', 'observation');
  await timeline.post('Freeze every deploy until payment is back.', 'decision');
  await life.setStatus('identified');
  await timeline.post('Switch the payment gateway to the backup provider.', 'action');
  await life.setStatus('monitoring');

  const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
  tenMinutesAgo.setMilliseconds(0);
  await life.correct('detected', LifecyclePage.localInput(tenMinutesAgo), 'The first pager alert fired earlier');

  await roles.handOver('commander', 'Samir Haddad', {
    conditions: 'Payments flow through the backup gateway; error rate back under 1%.',
    actions: 'Watching the backup provider; rollback of 4.2 prepared.',
    needs: 'Someone from the payment team to confirm settlement files.',
  });
  await timeline.post('Orders are flowing again; watching for 30 minutes.', 'note');
  await life.setStatus('resolved');
  await life.setStatus('closed');
  await expect(page.getByTestId('status-tag')).toHaveText('Closed');
  await screenshot(page, 'sev1-closed');

  const exported = await timeline.export('markdown');
  expect(exported.name).toMatch(/\.md$/);
  const order = positions(exported.text, [
    'Checkout fails at payment',
    'Payment provider answers 502 on every call since 14:02.',
    'Freeze every deploy until payment is back.',
    'Identified',
    'Switch the payment gateway to the backup provider.',
    'Monitoring',
    'The first pager alert fired earlier',
    'Payments flow through the backup gateway; error rate back under 1%.',
    'Orders are flowing again; watching for 30 minutes.',
    'Resolved',
    'Closed',
  ]);
  // Everything is there…
  expect(
    order.every((position) => position >= 0),
    JSON.stringify(order),
  ).toBe(true);
  // …and the timeline part reads in the order it happened.
  const timelineStart = exported.text.lastIndexOf('Payment provider answers 502');
  const events = [
    'Payment provider answers 502',
    'Freeze every deploy',
    'Switch the payment gateway',
    'The first pager alert fired earlier',
    'Payments flow through the backup gateway',
    'Orders are flowing again',
  ].map((needle) => exported.text.indexOf(needle, timelineStart - 1));
  expect(events).toEqual([...events].sort((a, b) => a - b));
  // The correction keeps who and why, and the start of the impact moved with the detection.
  expect(exported.text).toContain('Corrected by Camille Laurent');
  const started = /\*\*Started:\*\* (.+)/.exec(exported.text)?.[1];
  const detected = /\*\*Detected:\*\* (.+)/.exec(exported.text)?.[1];
  expect(started).toBeDefined();
  expect(started).toBe(detected);
  for (const needle of [
    'Samir Haddad',
    'Léa Martin',
    'Someone from the payment team',
    'Decision',
    'Action',
    'Observation',
  ])
    expect(exported.text).toContain(needle);

  // The dashboard no longer lists it among open incidents; the closed list finds it.
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('open-incidents').getByTestId('incident-row')).toHaveCount(0);
  await page.getByTestId('closed-toggle').click();
  await page.getByTestId('closed-search').fill('checkout');
  await expect(page.getByTestId('closed-incidents').getByTestId('incident-row')).toHaveCount(1);
});
