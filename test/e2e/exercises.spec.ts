// A tabletop exercise through the real UI in browser mode: a built-in scenario
// played at ×10 in the exercise workspace. Injects reach the participants in
// order (by the host's clock, and fired by hand), the team declares, names a
// commander and tells customers, the facilitator ends it, and the report
// scores each expected action, the runbook step left undone as missed. The
// real record never sees any of it; hostile observer notes stay text.
import { readFile } from 'node:fs/promises';
import { BUILT_IN_SCENARIOS } from '../../common/exercises/library';
import { scenarioSchema } from '../../common/exercises/scenario-schema';
import { exportScenarioYaml } from '../../common/exercises/scenario-yaml';
import { expect, test } from './fixtures';
import { CommsPage } from './pages/comms';
import { ExercisesPage } from './pages/exercises';
import { RolesPage } from './pages/roles';
import { screenshot } from './screenshot';

test.describe.configure({ timeout: 180_000 });
const HOSTILE = '<img src=x onerror=alert(1)><script>alert(1)</script> %%{init:{}}%% gateway';

test('plays a scenario at ×10: injects in order, the team responds, the report scores met and missed', async ({
  warroom,
}) => {
  const { ui, session } = warroom;
  const page = session.page;
  const exercises = new ExercisesPage(page);
  const roles = new RolesPage(page);
  const comms = new CommsPage(page);
  await ui.setDisplayName('Fatima Benali');
  // The real record has no banner.
  await expect(exercises.banner).toHaveCount(0);

  await exercises.openRoom();
  expect(new URL(page.url()).searchParams.get('workspace')).toBe('exercise');
  await exercises.start('payment-provider-outage', 10);
  await expect(exercises.banner).toContainText('EXERCISE');
  await expect(exercises.banner).toContainText('Payment provider outage');
  // The first inject is due at once; the host's clock fires it.
  await expect(exercises.inject('psp-down')).toHaveAttribute('data-state', 'fired');
  await expect(exercises.inbox).toContainText('Authorisation calls to the provider time out');
  await screenshot(page, 'exercise-console');

  // The team works on the same screens as in a real incident, under the banner.
  await page.getByTestId('nav-dashboard').click();
  await expect(exercises.banner).toBeVisible();
  await ui.declare({ title: 'Card payments declined', severity: 'SEV1', kind: 'technical-failure' });
  await roles.assign('commander', 'Fatima Benali');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await comms.compose('customers');
  await comms.fill('impact', 'card payments are declined');
  await comms.fill('workaround', 'pay by bank transfer');
  await page.getByTestId('composer-copy').click();
  await expect(page.getByTestId('composer-notice')).toHaveText('Recorded in the exercise; nothing was sent.', {
    timeout: 60_000,
  });
  await page.getByTestId('composer-close').click();
  await screenshot(page, 'exercise-incident');

  // The scripted monitor is red, as a real one would be.
  await page.getByTestId('nav-monitors').click();
  await expect(page.getByTestId('scripted-monitor-Payment gateway')).toHaveAttribute('data-status', 'down');

  // Back at the console: the clock fires the second inject 30 s in (5 min at ×10); the next two are fired by hand.
  await page.getByTestId('nav-exercises').click();
  await expect(exercises.inject('support-flood')).toHaveAttribute('data-state', 'fired', { timeout: 60_000 });
  await exercises.fire('status-page');
  await exercises.fire('switch-question');
  await page.getByTestId('inject-skip-double-charge').click();
  await expect(exercises.inject('double-charge')).toHaveAttribute('data-state', 'skipped');
  // Newest first, as messages arrive.
  await expect(exercises.inbox.getByTestId('inbox-item')).toHaveCount(4);
  await expect(exercises.inbox.getByTestId('inbox-item').first()).toContainText('Do you switch now or wait?');
  await expect(exercises.inbox.getByTestId('inbox-item').last()).toContainText('time out after 30 seconds');

  await page.getByTestId('observer-note-text').fill(HOSTILE);
  await page.getByTestId('observer-note-add').click();
  await expect(page.getByTestId('observer-notes')).toContainText(HOSTILE);

  await expect(exercises.score('declare')).toHaveAttribute('data-outcome', 'met');
  await expect(exercises.score('commander')).toHaveAttribute('data-outcome', 'met');
  await expect(exercises.score('first-customer-message')).toHaveAttribute('data-outcome', 'met');
  await expect(exercises.score('switch')).toHaveAttribute('data-outcome', 'pending');

  await page.getByTestId('exercise-end').click();
  await page.getByTestId('exercise-end-confirm').click();
  const report = page.getByTestId('after-action');
  await expect(report).toBeVisible({ timeout: 60_000 });
  // The runbook step was never done, and the exercise is over: missed.
  await expect(exercises.score('switch')).toHaveAttribute('data-outcome', 'missed');
  await expect(exercises.score('restored')).toHaveAttribute('data-outcome', 'missed');
  await expect(exercises.score('declare')).toHaveAttribute('data-outcome', 'met');

  // The debrief: a half-filled plan row is refused with its row named; the hostile strength stays text.
  await page.getByTestId('debrief-participant-name').fill('Fatima Benali');
  await page.getByTestId('debrief-participant-role').selectOption('commander');
  await page.getByTestId('debrief-strengths').fill(`Declared within three minutes\n${HOSTILE}`);
  await page.getByTestId('debrief-improvements').fill('Nobody opened the gateway switch runbook');
  await page.getByTestId('debrief-plan-action').fill('Rehearse the gateway switch');
  await page.getByTestId('debrief-save').click();
  await expect(page.getByTestId('debrief-problems')).toContainText('Action 1 of the plan');
  await page.getByTestId('debrief-plan-owner').fill('Paul Martin');
  await page.getByTestId('debrief-plan-due').fill('2026-12-20');
  await page.getByTestId('debrief-save').click();
  await expect(page.getByTestId('debrief-saved')).toBeVisible();
  await expect(page.getByTestId('after-action-preview')).toContainText('Paul Martin');
  await expect(page.getByTestId('after-action-preview')).toContainText(HOSTILE);
  await screenshot(page, 'exercise-report');

  const [markdown] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('after-action-export-markdown').click(),
  ]);
  const text = await readFile((await markdown.path())!, 'utf8');
  expect(text).toContain('Payment provider outage');
  expect(text).toMatch(/Missed/);
  expect(text).toContain('Rehearse the gateway switch');
  expect(text).toContain('Paul Martin');
  const [html] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('after-action-export-html').click(),
  ]);
  const page2 = await readFile((await html.path())!, 'utf8');
  expect(page2).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(page2).not.toMatch(/<script/i);
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('after-action-export-pdf').click()]);
  expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
  expect(session.dialogs).toEqual([]);

  // The real record never saw the drill.
  await page.getByTestId('exercise-leave').click();
  await page.locator('[data-app-state="ready"]').waitFor();
  await expect(exercises.banner).toHaveCount(0);
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('incident-list')).toBeVisible();
  await expect(ui.incidentRows).toHaveCount(0);
});

test('an imported scenario is refused with its line when broken, kept across a restart, and removed on a second click', async ({
  warroom,
}) => {
  const exercises = new ExercisesPage(warroom.session.page);
  await exercises.openRoom();
  let page = warroom.session.page;
  const yaml = page.getByTestId('scenario-yaml-text');

  await yaml.fill('id: warehouse-flood\ntitle: [unclosed\n');
  await page.getByTestId('scenario-yaml-apply').click();
  await expect(page.getByTestId('scenario-yaml-problem').first()).toHaveAttribute('data-line', /^[23]$/);
  await expect(page.getByTestId('exercise-scenario-warehouse-flood')).toHaveCount(0);
  await expect(yaml).not.toBeEmpty();

  const base = scenarioSchema.parse(BUILT_IN_SCENARIOS[0]);
  const scenario = { ...base, id: 'warehouse-flood', title: { en: `${HOSTILE} flood`, fr: `${HOSTILE} inondation` } };
  await yaml.fill(exportScenarioYaml(scenario));
  await page.getByTestId('scenario-yaml-apply').click();
  await expect(page.getByTestId('scenario-yaml-imported')).toBeVisible();
  const card = page.getByTestId('exercise-scenario-warehouse-flood');
  await expect(card).toContainText(`${HOSTILE} flood`);
  await expect(card).toHaveAttribute('data-selected', 'true');
  await expect(page.getByTestId('exercise-selected')).toHaveText(`${HOSTILE} flood`);

  // The import is in the exercise room's record, not in the window's memory.
  await warroom.restart();
  page = warroom.session.page;
  await new ExercisesPage(page).openRoom();
  const kept = page.getByTestId('exercise-scenario-warehouse-flood');
  await expect(kept).toContainText(`${HOSTILE} flood`);
  await expect(page.getByTestId(`exercise-scenario-${base.id}`)).toBeVisible();

  await kept.getByTestId('exercise-remove-warehouse-flood').click();
  await expect(kept).toBeVisible();
  await kept.getByTestId('exercise-remove-confirm-warehouse-flood').click();
  await expect(kept).toHaveCount(0);
  await expect(page.getByTestId(`exercise-scenario-${base.id}`)).toBeVisible();
  expect(warroom.session.dialogs).toEqual([]);
});

test.describe('in French', () => {
  test.use({ lang: 'fr_FR.UTF-8' });

  test('the exercise room speaks French, banner included', async ({ warroom }) => {
    const page = warroom.session.page;
    const exercises = new ExercisesPage(page);
    await exercises.openRoom();
    await exercises.start('black-friday-database', 1);
    await expect(exercises.banner).toContainText('EXERCICE');
    await expect(exercises.console).toContainText('Pause');
    await screenshot(page, 'exercise-console-fr');
  });
});
