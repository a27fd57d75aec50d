// The role board and the people directory, through the real UI in browser mode.
import { expect, test } from './fixtures';
import { RolesPage } from './pages/roles';
import { screenshot } from './screenshot';

const BRIEFING = {
  conditions: 'Checkout fails for 40% of card payments since 14:02; the provider confirms an outage.',
  actions: 'Bob rolled back 4.2; the fallback provider is being enabled by Payments.',
  needs: 'A decision on refunds by 15:00, and someone from Legal on the bridge.',
};

test('staffs an incident from the directory: assign, hand over with a briefing, release', async ({ warroom }) => {
  const { ui, session } = warroom;
  const page = session.page;
  const roles = new RolesPage(page);
  await ui.setDisplayName('Camille Laurent');

  await roles.openPeople();
  await page.getByTestId('person-add').click();
  await page.getByTestId('person-submit').click();
  await expect(page.getByTestId('person-error-name')).toHaveText('Give the person’s name.');
  await expect(page.getByTestId('person-name')).toBeFocused();
  await page.getByTestId('person-cancel').click();
  await roles.addPerson({
    name: 'Alice Martin',
    team: 'Payments',
    contact: '+33 6 12 34 56 78',
    skills: ['PostgreSQL', 'Incident command'],
  });
  await roles.addPerson({ name: 'Bob Durand', team: 'Stores', skills: ['Networking'] });
  await roles.addPerson({ name: 'Chloé Petit', team: 'Communication' });
  await expect(roles.peopleRows).toHaveCount(3);
  await roles.searchPeople('network');
  await expect(roles.peopleRows).toHaveText([/Bob Durand/]);
  await roles.searchPeople('');
  await expect(roles.peopleRows).toHaveCount(3);

  await page.getByTestId('nav-dashboard').click();
  await ui.declare({ title: 'Checkout fails at payment', severity: 'SEV1', kind: 'technical-failure' });
  await expect(roles.vacancyWarning).toHaveText('⚠ Nobody holds: Incident commander and Communications lead.');
  await roles.assign('commander', 'Alice Martin', { pick: true });
  await expect(roles.vacancyWarning).toHaveText('⚠ Nobody holds: Communications lead.');
  // The picker searches the directory as you type, accents ignored, and works from the keyboard.
  await roles.row('communications').getByTestId('role-assign').click();
  await page.getByTestId('assign-person').fill('chloe');
  await expect(page.getByTestId('person-option')).toHaveText([/Chloé Petit.*Communication/]);
  await screenshot(page, 'roles-picker');
  await page.getByTestId('assign-person').press('ArrowDown');
  await page.getByTestId('assign-person').press('Enter');
  await expect(page.getByTestId('assign-person')).toHaveValue('Chloé Petit');
  await page.getByTestId('assign-person').press('Enter');
  await expect(roles.holder('communications')).toHaveText('Chloé Petit');
  await expect(roles.vacancyWarning).toHaveCount(0);
  await expect(roles.row('commander').getByTestId('role-by')).toHaveText('Camille Laurent');
  await expect(roles.row('commander').getByTestId('role-since')).toHaveAttribute('title', /\d/);

  // No briefing, no handover: every missing part is named and nothing changes.
  await roles.openHandover('commander');
  await roles.submitHandover('Bob Durand', {});
  await expect(roles.handoverError('conditions')).toHaveText('Describe the current conditions.');
  await expect(roles.handoverError('actions')).toHaveText('List the actions under way, even if none.');
  await expect(roles.handoverError('needs')).toHaveText('Say what the role needs next.');
  await expect(roles.handoverError('to')).toHaveCount(0);
  await expect(page.getByTestId('briefing-conditions')).toBeFocused();
  await screenshot(page, 'roles-handover-refused');
  await expect(roles.holder('commander')).toHaveText('Alice Martin');
  await page.getByTestId('role-form-cancel').click();

  await roles.handOver('commander', 'Bob Durand', BRIEFING);
  await expect(roles.row('commander')).toHaveAttribute('data-state', 'held');
  await roles.release('communications', 'Off shift; Chloé is back at 08:00');
  await expect(roles.vacancyWarning).toHaveText('⚠ Nobody holds: Communications lead.');
  // In the incident's side column the board fits its panel: nothing is cut or pushes the page sideways.
  expect(await page.getByTestId('role-board').evaluate((board) => board.scrollWidth - board.clientWidth)).toBe(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await roles.row('communications').scrollIntoViewIfNeeded();
  await screenshot(page, 'roles-board');

  // The directory tells where each person holds a role now, and leads there.
  await roles.openPeople();
  await expect(roles.rolesOf('Bob Durand')).toHaveText(['Incident commander · Checkout fails at payment']);
  await expect(roles.rolesOf('Alice Martin')).toHaveCount(0);
  await expect(roles.rolesOf('Chloé Petit')).toHaveCount(0);
  await screenshot(page, 'people');
  await roles.rolesOf('Bob Durand').click();
  await expect(ui.incidentTitle).toHaveText('Checkout fails at payment');
});

test('flags one person holding three roles, and a custom critical role left vacant', async ({ warroom }) => {
  const { ui, session } = warroom;
  const roles = new RolesPage(session.page);
  await ui.declare({ title: 'Stores cannot take card payments', severity: 'SEV2', kind: 'technical-failure' });

  await roles.addCustomRole('Payment provider liaison', { critical: true });
  await expect(roles.row({ name: 'Payment provider liaison' })).toHaveAttribute('data-critical', 'true');
  await expect(roles.vacancyWarning).toContainText('Payment provider liaison');

  // Nobody in the directory: names typed in are enough in the worst hour.
  await roles.assign('commander', 'Dana Roy');
  await roles.assign('scribe', 'Dana Roy');
  await expect(roles.overloadWarnings).toHaveCount(0);
  await roles.assign('operations', 'Dana Roy');
  await expect(roles.overloadWarnings).toHaveText([
    /Dana Roy holds 3 roles \(Incident commander, Scribe, and Operations lead\)/,
  ]);
  await expect(roles.board.getByTestId('role-overload')).toHaveCount(3);
  await screenshot(session.page, 'roles-overload');

  await roles.assign({ name: 'Payment provider liaison' }, 'Eli Moreau');
  await expect(roles.vacancyWarning).toHaveText('⚠ Nobody holds: Communications lead.');
  await roles.release('scribe');
  await expect(roles.overloadWarnings).toHaveCount(0);

  // Renamed and no longer critical in the directory; the board follows.
  await roles.openPeople();
  const custom = session.page.getByTestId('custom-role-row');
  await expect(custom).toHaveText([/Payment provider liaison/]);
  await custom.getByTestId('custom-role-edit').click();
  await session.page.getByTestId('custom-role-name').fill('PSP liaison');
  await session.page.getByTestId('custom-role-critical').uncheck();
  await session.page.getByTestId('custom-role-submit').click();
  await expect(custom.getByTestId('custom-role-label')).toHaveText('PSP liaison');
  await session.page.goBack();
  await expect(roles.row({ name: 'PSP liaison' })).toHaveAttribute('data-critical', 'false');
  await expect(roles.holder({ name: 'PSP liaison' })).toHaveText('Eli Moreau');
});

test('runs the role board in French', async ({ warroom }) => {
  const { ui, session } = warroom;
  const page = session.page;
  const roles = new RolesPage(page);
  await ui.setLanguage('fr');
  await ui.declare({ title: 'Le paiement échoue', severity: 'SEV1', kind: 'technical-failure' });
  await expect(roles.vacancyWarning).toHaveText(
    '⚠ Personne n’occupe : Responsable de l’incident et Responsable communication.',
  );
  await expect(roles.row('commander').getByTestId('role-name')).toHaveText('Responsable de l’incident');
  await roles.assign('commander', 'Alice Martin');
  await roles.openHandover('commander');
  await roles.submitHandover('', {});
  await expect(roles.handoverError('to')).toHaveText('Indiquez qui reprend le rôle.');
  await expect(roles.handoverError('conditions')).toHaveText('Décrivez la situation actuelle.');
  await expect(page.getByTestId('handover-errors')).toHaveText(
    '4 champs sont à compléter avant d’enregistrer la passation.',
  );
  await screenshot(page, 'roles-handover-fr');
  await page.getByTestId('role-form-cancel').click();
  await roles.openPeople();
  await expect(page.getByTestId('people-empty')).toContainText('Personne dans l’annuaire');
  await roles.addPerson({ name: 'Bernard Lefèvre', team: 'Magasins', skills: ['Réseau'] });
  await screenshot(page, 'people-fr');
});
