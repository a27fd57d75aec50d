// The lifecycle through the UI: key times set by actions and corrected with a
// reason, live durations, impact, and the workspace's types and severity meanings.
import { expect, test } from './fixtures';
import { LifecyclePage } from './pages/lifecycle';
import { screenshot } from './screenshot';

test('sets key times from actions, keeps each correction with who and why, and measures from it', async ({
  warroom,
}) => {
  const { ui, session } = warroom;
  const page = session.page;
  const life = new LifecyclePage(page);
  await ui.setDisplayName('Camille Laurent');
  await ui.declare({ title: 'Checkout fails at payment', severity: 'SEV1', kind: 'technical-failure' });

  await expect(life.keyTime('detected')).toHaveAttribute('data-corrected', 'false');
  await expect(life.keyTime('mitigated')).toContainText('not yet');
  await expect(life.duration('ttm')).toHaveAttribute('data-running', 'true');

  // A correction needs a reason: nothing is written without one.
  await page.getByTestId('key-time-correct-detected').click();
  await page.getByTestId('key-time-save').click();
  await expect(page.getByTestId('key-time-error')).toContainText('Say why');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(ui.timelineEntries).toHaveCount(1);

  const fortyMinutesAgo = new Date(Date.now() - 40 * 60_000);
  fortyMinutesAgo.setMilliseconds(0);
  const thirtyMinutesAgo = new Date(fortyMinutesAgo.getTime() + 10 * 60_000);
  await life.correct('started', LifecyclePage.localInput(fortyMinutesAgo), 'Error rate graph rises at this minute');
  await life.correct('detected', LifecyclePage.localInput(thirtyMinutesAgo), 'First pager alert');
  await expect(life.keyTime('detected')).toContainText('corrected by Camille Laurent: First pager alert');
  await expect(life.duration('ttd')).toContainText('10 min');
  await expect(life.duration('ttd')).toHaveAttribute('data-running', 'false');
  await expect(page.locator('[data-testid="timeline-entry"][data-kind="key-time"]')).toHaveCount(2);

  // Status moves set acknowledged, mitigated and resolved; a relapse clears the last two.
  await life.setStatus('identified');
  await expect(life.keyTime('acknowledged')).not.toContainText('not yet');
  await life.setStatus('monitoring');
  await expect(life.keyTime('mitigated')).not.toContainText('not yet');
  await expect(life.duration('ttm')).toHaveAttribute('data-running', 'false');
  await life.setStatus('investigating');
  await expect(life.keyTime('mitigated')).toContainText('not yet');
  await life.setStatus('resolved');
  await expect(life.keyTime('resolved')).not.toContainText('not yet');
  await expect(life.duration('ttr')).toHaveAttribute('data-running', 'false');

  // An impossible correction is recorded but flagged.
  await life.correct('resolved', LifecyclePage.localInput(new Date(fortyMinutesAgo.getTime() - 60_000)), 'Typo test');
  await expect(page.getByTestId('key-time-conflict')).toContainText('Resolved');

  await life.editImpact({ services: 'checkout, payments-api', processes: 'Online sales, Payment' });
  await expect(page.getByTestId('impact-services')).toHaveText(/checkout\s*payments-api/);
  await expect(page.getByTestId('impact-processes')).toContainText('Online sales');
  await screenshot(page, 'lifecycle');

  await warroom.restart();
  await warroom.ui.open('Checkout fails at payment');
  const after = new LifecyclePage(warroom.session.page);
  await expect(after.keyTime('detected')).toContainText('First pager alert');
  await expect(after.duration('ttd')).toContainText('10 min');
});

test('refuses a list of services with a duplicate and writes nothing', async ({ warroom }) => {
  const { ui, session } = warroom;
  const page = session.page;
  await ui.declare({ title: 'Search is slow', severity: 'SEV3', kind: 'performance' });
  await page.getByTestId('details-edit').click();
  await page.getByTestId('details-services').fill('search, Search');
  await page.getByTestId('details-save').click();
  await expect(page.getByTestId('details-error')).toContainText('“Search” is listed twice');
  await expect(ui.timelineEntries).toHaveCount(1);
});

test('custom incident types and severity definitions reach the declaration form, in French too', async ({
  warroom,
}) => {
  const { ui, session } = warroom;
  const page = session.page;
  const life = new LifecyclePage(page);
  await life.addIncidentType('Supplier outage');
  await life.defineSeverity('SEV1', 'Online sales or every store stopped.');
  await screenshot(page, 'settings-workspace');

  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('declare-open').click();
  await expect(page.getByTestId('declare-form')).toContainText('Online sales or every store stopped.');
  await page.getByTestId('declare-title').fill('Carrier API down');
  await page.getByTestId('declare-kind').selectOption({ label: 'Supplier outage' });
  await page.getByTestId('declare-services').fill('shipping');
  await page.getByTestId('declare-submit').click();
  await expect(ui.incidentTitle).toHaveText('Carrier API down');
  await expect(page.getByTestId('incident-kind')).toHaveText('Supplier outage');
  await expect(page.getByTestId('impact-services')).toHaveText('shipping');

  await ui.setLanguage('fr');
  await expect(page.getByTestId('key-times')).toContainText('Moments clés');
  await expect(page.getByTestId('duration-ttr')).toContainText('Délai de résolution');
  await screenshot(page, 'lifecycle-fr');
});
