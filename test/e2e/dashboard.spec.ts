// Issue 4 through the real UI in browser mode: the dashboard, the Ctrl+K
// palette and record verification, in English and French.
import { expect, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { screenshot } from './screenshot';

test('shows open incidents most severe first, with age, commander and next update; closed ones searchable', async ({
  warroom,
}) => {
  const { ui, session } = warroom;
  const dashboard = new DashboardPage(session.page);
  await ui.declare({ title: 'Stores cannot take card payments', severity: 'SEV2', kind: 'technical-failure' });
  await ui.backToList();
  await ui.declare({ title: 'Checkout fails at payment', severity: 'SEV1', kind: 'technical-failure' });
  await ui.backToList();
  await ui.declare({ title: 'Search is slow', severity: 'SEV3', kind: 'performance' });
  await session.page.getByTestId('incident-status').selectOption('closed');
  await ui.backToList();

  await expect(dashboard.openRows).toHaveCount(2);
  await expect(dashboard.openRows.nth(0)).toContainText('Checkout fails at payment');
  await expect(dashboard.openRows.nth(1)).toContainText('Stores cannot take card payments');
  await expect(dashboard.count('SEV1')).toHaveAttribute('data-count', '1');
  await expect(dashboard.count('SEV2')).toHaveAttribute('data-count', '1');
  await expect(dashboard.count('SEV3')).toHaveAttribute('data-count', '0');

  const sev1 = dashboard.openRow('Checkout fails at payment');
  await expect(sev1.getByTestId('incident-commander')).toHaveText('No commander');
  await expect(sev1.getByTestId('incident-vacant')).toHaveText('2 empty');
  await expect(sev1.getByTestId('incident-age')).toHaveText(/^\d+ (s|min)$/);
  // SEV1: the first update is due within 5 minutes of the declaration, counting down live.
  const next = sev1.getByTestId('incident-next-update');
  await expect(next).toHaveAttribute('data-state', 'due');
  await expect(next).toContainText(/^in [0-4]:[0-5]\d/);
  const before = await next.textContent();
  await expect(next).not.toHaveText(before ?? '');
  await expect(dashboard.openRow('Stores cannot take card payments').getByTestId('incident-next-update')).toContainText(
    /^in 1[0-4]:[0-5]\d/,
  );
  await screenshot(session.page, 'dashboard');

  // Closed incidents are folded away until asked for, then found by title or type, whatever the case and accents.
  await expect(dashboard.closed).toContainText('1 closed incident');
  await expect(dashboard.closedRows).toHaveCount(0);
  await dashboard.showClosed();
  await expect(dashboard.closedRows).toHaveText([/Search is slow/]);
  await dashboard.searchClosed('SEARCH slow');
  await expect(dashboard.closedRows).toHaveCount(1);
  await dashboard.searchClosed('performance');
  await expect(dashboard.closedRows).toHaveCount(1);
  await dashboard.searchClosed('checkout');
  await expect(dashboard.closedRows).toHaveCount(0);
  await expect(dashboard.closed.getByTestId('closed-no-match')).toBeVisible();
  await dashboard.searchClosed('');
  await dashboard.closedRows.getByTestId('incident-link').click();
  await expect(ui.incidentTitle).toHaveText('Search is slow');
});

test('flags an update that is overdue', async ({ warroom }) => {
  const { ui, session } = warroom;
  const page = session.page;
  const dashboard = new DashboardPage(page);
  await page.clock.install();
  await page.reload();
  await ui.ready();
  await ui.declare({ title: 'Checkout fails at payment', severity: 'SEV1', kind: 'technical-failure' });
  await ui.backToList();
  const next = dashboard.openRow('Checkout fails at payment').getByTestId('incident-next-update');
  await expect(next).toHaveAttribute('data-state', 'due');
  await page.clock.fastForward('06:00');
  await expect(next).toHaveAttribute('data-state', 'overdue');
  await expect(next).toContainText(/^overdue by [01]:[0-5]\d/);
  await expect(next).toHaveCSS('color', /^rgb\((180, 35, 24|249, 112, 102)\)$/);
});

test('Ctrl+K declares, changes status, opens an incident by typing, and gives focus back', async ({ warroom }) => {
  const { ui, session } = warroom;
  const page = session.page;
  const dashboard = new DashboardPage(page);
  await ui.declare({ title: 'Warehouse scanners offline', severity: 'SEV2', kind: 'technical-failure' });
  await ui.backToList();

  await dashboard.openPalette();
  await screenshot(page, 'palette');
  // Arrows move the choice and wrap round.
  await expect(dashboard.paletteOptions.first()).toHaveAttribute('aria-selected', 'true');
  await dashboard.paletteInput.press('ArrowDown');
  await expect(dashboard.paletteOptions.nth(1)).toHaveAttribute('aria-selected', 'true');
  await dashboard.paletteInput.press('ArrowUp');
  await dashboard.paletteInput.press('ArrowUp');
  await expect(dashboard.paletteOptions.last()).toHaveAttribute('aria-selected', 'true');
  // Tab cannot leave the dialog.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(dashboard.paletteInput).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dashboard.palette).toHaveCount(0);

  await dashboard.declareFromPalette({ title: 'Checkout fails at payment', severity: 'SEV1', kind: 'security' });
  await expect(page.getByTestId('severity')).toHaveText('SEV1');

  // Fuzzy: "st mon" is "Set status: Monitoring".
  await dashboard.runCommand('st mon', 'status:monitoring');
  await expect(page.getByTestId('status-tag')).toHaveText('Monitoring');
  // Newest first: the change just made tops the timeline.
  await expect(ui.timelineEntries.first()).toContainText('moved the incident from Investigating to Monitoring.');
  await dashboard.runCommand('sev sev2', 'severity:SEV2');
  await expect(page.getByTestId('severity')).toHaveText('SEV2');

  // Focus goes back where it was.
  await page.getByTestId('note-input').focus();
  await dashboard.openPalette();
  await expect(dashboard.paletteOptions.first()).toHaveAttribute('data-command', /^status:/);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('note-input')).toBeFocused();

  await dashboard.runCommand('scanners', /^open:/);
  await expect(ui.incidentTitle).toHaveText('Warehouse scanners offline');
  await dashboard.runCommand('dashboard', 'go-incidents');
  await expect(dashboard.openRows).toHaveCount(2);
});

test('verifies the record, then finds the one event altered in IndexedDB', async ({ warroom }) => {
  const { ui, session } = warroom;
  const page = session.page;
  const dashboard = new DashboardPage(page);
  await ui.declare({ title: 'Checkout fails at payment', severity: 'SEV1', kind: 'technical-failure' });
  await ui.addNote('Rolled back release 4.2 at 14:10.');
  await ui.addNote('Payment provider confirms the outage.');

  await dashboard.verifyRecord();
  await expect(dashboard.verifyResult).toHaveAttribute('data-state', 'intact', { timeout: 30_000 });
  // The window's chain: its enrolment, the declaration, two notes.
  await expect(dashboard.windowReport).toHaveAttribute('data-events', '4');
  await expect(dashboard.windowReport).toHaveAttribute('data-devices', '1');
  await expect(dashboard.windowReport).toContainText('Intact: every seal matches. 4 events from 1 device checked.');
  await expect(dashboard.hostReport).toHaveAttribute('data-state', 'intact');

  const forged = await dashboard.tamperWithNote('Rolled back release 4.2 at 14:10.', 'Nothing was rolled back.');
  await page.getByTestId('verify-run').click();
  await expect(dashboard.verifyResult).toHaveAttribute('data-state', 'broken', { timeout: 30_000 });
  await expect(dashboard.breaks).toHaveCount(1);
  const fault = dashboard.breaks.first();
  await expect(fault).toHaveAttribute('data-kind', 'bad-hash');
  await expect(fault).toHaveAttribute('data-device', forged.deviceId);
  await expect(fault).toHaveAttribute('data-seq', String(forged.seq));
  await expect(fault).toHaveAttribute('data-event', forged.id);
  await expect(fault).toContainText('Altered after it was written: its content no longer matches its seal.');
  await expect(fault).toContainText(forged.id);
  await expect(fault).toContainText(`${forged.deviceId} (this device)`);
  // The host's copy still holds the original.
  await expect(dashboard.hostReport).toHaveAttribute('data-state', 'intact');
  await screenshot(page, 'verify-record');
});

test('speaks French: dashboard, palette and verification', async ({ warroom }) => {
  const { ui, session } = warroom;
  const page = session.page;
  const dashboard = new DashboardPage(page);
  await ui.declare({ title: 'Le paiement échoue', severity: 'SEV1', kind: 'technical-failure' });
  await ui.addNote('Retour arrière de la version 4.2.');
  await ui.backToList();

  // The palette switches the language.
  await dashboard.runCommand('français', 'language:fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByTestId('language')).toHaveValue('fr');
  await expect(dashboard.view.locator('h1')).toHaveText('Tableau de bord');
  const row = dashboard.openRow('Le paiement échoue');
  await expect(row.getByTestId('incident-commander')).toHaveText('Aucun responsable');
  await expect(row.getByTestId('incident-next-update')).toContainText(/^dans [0-4]:[0-5]\d/);
  await screenshot(page, 'dashboard-fr');

  await dashboard.openPalette();
  await dashboard.paletteInput.fill('verif');
  await expect(dashboard.paletteOptions.first()).toHaveText(/Vérifier l’enregistrement/);
  await dashboard.paletteInput.press('Enter');
  await expect(dashboard.verifyResult).toHaveAttribute('data-state', 'intact', { timeout: 30_000 });
  await expect(dashboard.windowReport).toContainText(
    'Intact : chaque sceau correspond. 3 événements de 1 appareil vérifiés.',
  );
  await screenshot(page, 'palette-verify-fr');
  await page.keyboard.press('Escape');

  const forged = await dashboard.tamperWithNote('Retour arrière de la version 4.2.', 'Aucun retour arrière.');
  await dashboard.verifyRecord();
  await expect(dashboard.breaks.first()).toHaveAttribute('data-event', forged.id);
  await expect(dashboard.breaks.first()).toContainText(
    'Modifié après son écriture : son contenu ne correspond plus à son sceau.',
  );
  await expect(dashboard.windowReport).toContainText('1 problème trouvé.');
  await screenshot(page, 'verify-record-fr');
});
