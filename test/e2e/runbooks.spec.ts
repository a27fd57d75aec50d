// Runbooks through the real UI in browser mode: a built-in checklist on an
// incident, manual ticks, commands run after confirming the exact command (and
// its environment) with their output in the terminal pane and their exit code
// in the timeline, a long command cancelled, hostile step text shown and never
// executed, an approval given from a second window (another device) and never
// by the window that started the run, HTTP headers masked, French UI.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../support/chromium';
import { expect, test } from './fixtures';
import { startHealthServer } from '../support/health-server';
import { MonitorsPage } from './pages/monitors';
import { RunbooksPage } from './pages/runbooks';
import { WarRoomPage } from './pages/war-room-page';
import { screenshot } from './screenshot';

const q = (value: string) => JSON.stringify(value);
// The host opens its store (PGlite) on first use; its first start takes seconds on a busy machine,
// so the first command's output may wait for it.
const FIRST_HOST_WRITE = { timeout: 60_000 };
test.describe.configure({ timeout: 120_000 });

/** A workspace runbook whose commands run the test's own node. */
function testRunbook(marker: string): string {
  const node = process.execPath;
  return `id: e2e-drill
title: Drill with real commands
types: [human-error]
steps:
  - id: print-lines
    kind: command
    title: Print three lines
    command:
      program: ${q(node)}
      args: ['-e', ${q("for (const n of [1, 2, 3]) console.log('line ' + n)")}]
  - id: long
    kind: command
    title: Watch forever
    command:
      program: ${q(node)}
      args: ['-e', ${q("console.log('watching'); setInterval(() => console.log('still watching'), 200)")}]
  - id: hostile
    kind: command
    title: ${q(`<img src=x onerror=alert(1)> $(touch ${marker})`)}
    command:
      program: ${q(node)}
      args: ['-e', 'console.log(JSON.stringify(process.argv.slice(1)))', ${q(`$(touch ${marker})`)}, ${q(`; touch ${marker}`)}, ${q('first\nsecond && id')}]
`;
}

test('runs the built-in rollback checklist: tick, confirm the exact command, output and evidence', async ({
  warroom,
}) => {
  const { ui, session } = warroom;
  const page = session.page;
  const runbooks = new RunbooksPage(page);
  await ui.declare({ title: 'Config push broke login', severity: 'SEV2', kind: 'human-error' });

  // The rollback runbook is suggested first for a human error.
  await expect(runbooks.chooser).toHaveValue('bad-config-rollback');
  const run = await runbooks.start();
  await expect(run.getByTestId('run-step')).toHaveCount(9);
  await expect(runbooks.step(run, 'freeze')).toHaveAttribute('data-status', 'pending');

  await runbooks.tick(run, 'freeze');
  await expect(run.getByTestId('run-progress')).toHaveText('1/9 steps');

  const dialog = await runbooks.askToRun(run, 'timestamp');
  await expect(dialog.getByTestId('confirm-program')).toHaveText('date');
  await expect(dialog.getByTestId('confirm-arg')).toHaveText(['-u', '+%Y-%m-%dT%H:%M:%SZ']);
  await screenshot(page, 'runbook-confirm');
  await runbooks.confirm();

  await expect(runbooks.terminalText(run, 'timestamp')).toHaveText(
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    FIRST_HOST_WRITE,
  );
  await expect(runbooks.execState(run, 'timestamp')).toHaveAttribute('data-state', 'done');
  // The host recorded the evidence; it reached this window by sync.
  await expect(runbooks.step(run, 'timestamp')).toHaveAttribute('data-status', 'done');
  const evidence = runbooks.timelineEntries.filter({ has: page.getByTestId('evidence') });
  await expect(evidence.getByTestId('evidence-exit-code')).toHaveText('Exit code 0');
  await expect(run.getByTestId('run-progress')).toHaveText('2/9 steps');

  // A decision jumps forward: the rollback command is skipped when fixing forward.
  await runbooks.tick(run, 'identify');
  await runbooks.step(run, 'choose').locator('[data-option="forward"]').click();
  await expect(runbooks.step(run, 'rollback')).toHaveAttribute('data-status', 'skipped');
  await screenshot(page, 'runbook-run');
});

test('runs, cancels and refuses commands; hostile step text is shown, never executed', async ({ warroom }) => {
  const { ui, session, dataDir } = warroom;
  const page = session.page;
  const runbooks = new RunbooksPage(page);
  const marker = join(dataDir, 'pwned');

  await runbooks.openLibrary();
  await runbooks.saveYaml('id: broken\ntitle: Broken\nsteps:\n  - id: a\n    kind: shell\n    title: A\n');
  await expect(runbooks.refusal).toHaveAttribute('data-line', '5');
  await expect(runbooks.refusal).toContainText('line 5');
  await page.getByTestId('runbook-yaml').fill(testRunbook(marker));
  await page.getByTestId('runbook-save').click();
  await expect(page.getByTestId('runbook-saved')).toHaveText('Saved as version 1.');
  await expect(runbooks.detail).toContainText('Drill with real commands');

  await page.getByTestId('nav-dashboard').click();
  await ui.declare({ title: 'Drill', severity: 'SEV3', kind: 'human-error' });
  const run = await runbooks.start('e2e-drill');

  await runbooks.askToRun(run, 'print-lines');
  await runbooks.confirm();
  await expect(runbooks.terminalText(run, 'print-lines')).toHaveText('line 1\nline 2\nline 3', FIRST_HOST_WRITE);
  await expect(runbooks.step(run, 'print-lines').getByTestId('evidence-exit-code')).toHaveText('Exit code 0');

  // A command that never ends: cancel kills it, and the record says so.
  await runbooks.askToRun(run, 'long');
  await runbooks.confirm();
  await expect(runbooks.terminalText(run, 'long')).toContainText('still watching');
  await runbooks.step(run, 'long').getByTestId('exec-cancel').click();
  await expect(runbooks.execState(run, 'long')).toHaveAttribute('data-state', 'cancelled');
  await expect(runbooks.step(run, 'long')).toHaveAttribute('data-status', 'cancelled');
  await expect(runbooks.timelineEntries.and(page.locator('[data-status="cancelled"]'))).toHaveCount(1);

  // Hostile text: the title is text, the arguments are shown one by one and reach the program verbatim.
  const hostile = runbooks.step(run, 'hostile');
  await expect(hostile.getByTestId('step-title')).toHaveText(`<img src=x onerror=alert(1)> $(touch ${marker})`);
  const dialog = await runbooks.askToRun(run, 'hostile');
  await expect(dialog.getByTestId('confirm-arg')).toHaveText([
    '-e',
    'console.log(JSON.stringify(process.argv.slice(1)))',
    `$(touch ${marker})`,
    `; touch ${marker}`,
    'first\nsecond && id',
  ]);
  await runbooks.confirm();
  // The pane wraps long lines at its width; the program printed one line (its `\n` is JSON-escaped).
  await expect
    .poll(async () => (await runbooks.terminalText(run, 'hostile').textContent())?.replace(/\n/g, ''))
    .toBe(JSON.stringify([`$(touch ${marker})`, `; touch ${marker}`, 'first\nsecond && id']));
  await expect(runbooks.execState(run, 'hostile')).toHaveAttribute('data-state', 'done');
  expect(existsSync(marker)).toBe(false);
  expect(session.dialogs).toEqual([]);
});

test('a step needing approval runs once a second person approves; a wait step ends when its monitor is up', async ({
  warroom,
}) => {
  const { ui, session } = warroom;
  const page = session.page;
  const runbooks = new RunbooksPage(page);
  const monitors = new MonitorsPage(page);
  // A service that is down: its port is free until the test brings it back.
  const probe = await startHealthServer();
  const { port } = probe;
  await probe.close();
  await monitors.open();
  await monitors.addHttp({
    name: 'Loopback shop',
    url: `http://127.0.0.1:${port}/health`,
    interval: 1,
    failureThreshold: 1,
    successThreshold: 1,
  });
  await expect(monitors.row('Loopback shop')).toHaveAttribute('data-status', 'down');

  await runbooks.openLibrary();
  await runbooks.saveYaml(`id: e2e-approval
title: Restart with a second pair of eyes
steps:
  - id: restart
    kind: command
    title: Restart the shop
    approval: true
    command:
      program: ${q(process.execPath)}
      args: ['-e', ${q("console.log('restarted')")}]
  - id: wait-shop
    kind: wait-monitor
    title: Wait until the shop answers
    monitor: Loopback shop
    until: up
    timeoutSeconds: 600
`);
  await expect(page.getByTestId('runbook-saved')).toHaveText('Saved as version 1.');
  await page.getByTestId('nav-dashboard').click();
  await ui.declare({ title: 'Shop down', severity: 'SEV1', kind: 'technical-failure' });
  const run = await runbooks.start('e2e-approval');

  const restart = runbooks.step(run, 'restart');
  await expect(restart.getByTestId('step-run')).toHaveCount(0);
  await restart.getByTestId('step-request-approval').click();
  await expect(restart).toHaveAttribute('data-status', 'awaiting-approval');
  // Whoever asked cannot approve their own request, whatever name they type: this window started the run.
  await expect(restart.getByTestId('step-approve')).toBeDisabled();
  await ui.setDisplayName('Bob Approver');
  await expect(restart.getByTestId('step-approve')).toBeDisabled();
  await expect(restart.getByTestId('step-approve')).toHaveAttribute('data-blocked', 'approveStarterDevice');
  await expect(restart.getByTestId('step-approve')).toHaveText(
    'This checklist was started on this device: approve from another one',
  );
  await restart.scrollIntoViewIfNeeded();
  await screenshot(page, 'runbook-approve-refused');
  await ui.setLanguage('fr');
  await expect(restart.getByTestId('step-approve')).toHaveText(
    'Cette liste a été démarrée sur cet appareil : approuvez depuis un autre',
  );
  await screenshot(page, 'runbook-approve-refused-fr');
  await ui.setLanguage('en');

  // Bob approves from a browser of his own: another device of the war-room.
  const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    const bobPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await bobPage.goto(session.url);
    const bob = new WarRoomPage(bobPage);
    await bob.ready();
    await bob.open('Shop down');
    const bobRunbooks = new RunbooksPage(bobPage);
    const bobRestart = bobRunbooks.step(bobRunbooks.runs.last(), 'restart');
    await expect(bobRestart).toHaveAttribute('data-status', 'awaiting-approval', FIRST_HOST_WRITE);
    await expect(bobRestart.getByTestId('step-approve')).toBeEnabled();
    await bobRestart.getByTestId('step-approve').click();
    await expect(bobRestart.getByTestId('approved-by')).toContainText('Bob Approver');
  } finally {
    await browser.close();
  }
  await expect(restart.getByTestId('approved-by')).toContainText('Bob Approver', FIRST_HOST_WRITE);
  // The approver does not run it; someone else, at the window that asked, does.
  await expect(restart.getByTestId('approval-refused')).toHaveAttribute('data-refusal', 'approver-runs');
  await ui.setDisplayName('Alice Runner');
  await runbooks.askToRun(run, 'restart');
  await runbooks.confirm();
  await expect(runbooks.terminalText(run, 'restart')).toHaveText('restarted', FIRST_HOST_WRITE);
  await expect(restart).toHaveAttribute('data-status', 'done');

  // The host watches the monitor; bringing the service back ends the wait, with the wait as evidence.
  const wait = runbooks.step(run, 'wait-shop');
  await wait.getByTestId('step-wait').click();
  await expect(runbooks.execState(run, 'wait-shop')).toHaveAttribute('data-state', 'running');
  const shop = await startHealthServer(port);
  try {
    await expect(wait).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(wait.getByTestId('evidence')).toHaveAttribute('data-outcome', 'ok');
    await expect(wait.getByTestId('evidence')).toContainText('Loopback shop is up');
    await screenshot(page, 'runbook-approval-wait');
  } finally {
    await shop.close();
  }
});

test('shows the exact environment of a command and every header of an HTTP call before acting, masked where secret', async ({
  warroom,
}) => {
  const { ui, session } = warroom;
  const page = session.page;
  const runbooks = new RunbooksPage(page);
  await runbooks.openLibrary();
  await runbooks.saveYaml(`id: e2e-confirm
title: What a step sends
steps:
  - id: deploy
    kind: command
    title: Deploy to the blue pool
    command:
      program: ${q(process.execPath)}
      args: ['-e', ${q('console.log(process.env.DEPLOY_TARGET)')}]
      env: { DEPLOY_TARGET: blue }
  - id: flag
    kind: http
    title: Turn the checkout flag off
    http:
      method: POST
      url: http://127.0.0.1:9/flags/checkout
      headers: { Content-Type: application/json, Authorization: Bearer s3cr3t-value, X-Api-Key: k-123456 }
      secretHeaders: { X-Flag-Token: flags-token }
      body: '{"enabled": false}'
`);
  await expect(page.getByTestId('runbook-saved')).toHaveText('Saved as version 1.');
  await page.getByTestId('nav-dashboard').click();
  await ui.declare({ title: 'Checkout errors', severity: 'SEV2', kind: 'technical-failure' });
  const run = await runbooks.start('e2e-confirm');

  const command = await runbooks.askToRun(run, 'deploy');
  await expect(command.getByTestId('confirm-env-host')).toHaveText(
    'From this host: PATH, HOME, LANG, TZ. Nothing else of the host’s environment is passed on.',
  );
  await expect(command.getByTestId('confirm-env-var')).toHaveText(['DEPLOY_TARGET=blue']);
  await screenshot(page, 'runbook-confirm-env');
  await command.getByTestId('confirm-cancel').click();

  const http = await runbooks.askToRun(run, 'flag');
  await expect(http.getByTestId('confirm-header')).toHaveText([
    'Content-Type: application/json',
    'Authorization: ••••••',
    'X-Api-Key: ••••••',
    'X-Flag-Token: «flags-token»',
  ]);
  await expect(http).not.toContainText('s3cr3t-value');
  await expect(http).not.toContainText('k-123456');
  await screenshot(page, 'runbook-confirm-http');
  await http.getByTestId('confirm-cancel').click();

  await ui.setLanguage('fr');
  const commandFr = await runbooks.askToRun(run, 'deploy');
  await expect(commandFr.getByTestId('confirm-env-host')).toHaveText(
    'Repris de cet hôte : PATH, HOME, LANG, TZ. Rien d’autre de l’environnement de l’hôte n’est transmis.',
  );
  await screenshot(page, 'runbook-confirm-env-fr');
  await commandFr.getByTestId('confirm-cancel').click();
  const httpFr = await runbooks.askToRun(run, 'flag');
  await expect(httpFr).toContainText('En-têtes');
  await screenshot(page, 'runbook-confirm-http-fr');
  await httpFr.getByTestId('confirm-cancel').click();

  // The step's own variable reaches the command.
  await runbooks.askToRun(run, 'deploy');
  await runbooks.confirm();
  await expect(runbooks.terminalText(run, 'deploy')).toHaveText('blue', FIRST_HOST_WRITE);
});

test('shows the library and a checklist in French', async ({ warroom }) => {
  const { ui, session } = warroom;
  const page = session.page;
  const runbooks = new RunbooksPage(page);
  await ui.setLanguage('fr');
  await expect(page.getByTestId('nav-runbooks')).toHaveText('Procédures');
  await runbooks.openLibrary();
  await runbooks.libraryLink('restore-from-backup').click();
  await expect(runbooks.detail.locator('h2')).toHaveText('Restauration depuis une sauvegarde');
  await expect(runbooks.detail).toContainText('Restaurer la complète, puis chaque incrémentale dans l’ordre');
  await screenshot(page, 'runbook-library-fr');

  await page.getByTestId('nav-dashboard').click();
  await ui.declare({ title: 'Paiements refusés', severity: 'SEV1', kind: 'technical-failure' });
  const run = await runbooks.start('payment-outage');
  await expect(run.locator('h3')).toHaveText('Panne du prestataire de paiement (changer de passerelle)');
  const confirmStep = runbooks.step(run, 'confirm');
  await expect(confirmStep.getByTestId('step-status')).toHaveText('À faire');
  await confirmStep.getByTestId('step-tick').click();
  await expect(confirmStep.getByTestId('step-status')).toHaveText('Faite');
  await expect(runbooks.timelineEntries.filter({ hasText: 'a démarré la liste de contrôle' })).toHaveCount(1);
  await screenshot(page, 'runbook-run-fr');
});
