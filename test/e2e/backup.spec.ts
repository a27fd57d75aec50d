// The workspace backup end to end: data made through the UI, backed up to an
// encrypted file, the laptop wiped (a fresh host, data dir and browser profile),
// the file restored, and the same war-room on screen. Damaged files are refused
// with the reason and change nothing.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowserMode } from './browser-mode';
import { expect, test } from './fixtures';
import { BackupPage } from './pages/backup';
import { WarRoomPage } from './pages/war-room-page';
import { RolesPage } from './pages/roles';
import { screenshot } from './screenshot';

const PASSPHRASE = 'salle de crise 2026';
const HOSTILE_NOTE = '<img src=x onerror=alert(1)> — paiement rétabli ✓';

test('backs up, wipes, restores: the same incidents, timeline, roles and documents', async ({ warroom }) => {
  const { ui, session } = warroom;
  const page = session.page;
  const roles = new RolesPage(page);
  const scratch = await mkdtemp(join(tmpdir(), 'warroom-backup-e2e-'));
  const file = join(scratch, 'workspace.warroom-backup');
  try {
    await ui.setDisplayName('Camille Laurent');
    await ui.declare({ title: 'Checkout fails at payment', severity: 'SEV1', kind: 'technical-failure' });
    await ui.addNote(HOSTILE_NOTE);
    await ui.addNote('Rolled back release 4.2');
    await roles.assign('commander', 'Alice Martin');
    const notes = await ui.notes.allTextContents();
    const entries = await ui.timelineEntries.count();
    await ui.backToList();
    await ui.declare({ title: 'Stores cannot print receipts', severity: 'SEV3', kind: 'human-error' });
    const backup = new BackupPage(page);
    await backup.open();
    await page.getByTestId('incident-type-name').fill('Fournisseur de paiement');
    await page.getByTestId('incident-type-add').click();
    await expect(page.getByTestId('incident-type').filter({ hasText: 'Fournisseur de paiement' })).toHaveCount(1);

    // Mismatched passphrases never make a file.
    await page.getByTestId('backup-passphrase').fill(PASSPHRASE);
    await page.getByTestId('backup-passphrase-confirm').fill('something else');
    await page.getByTestId('backup-create').click();
    await expect(page.getByTestId('backup-created-error')).toHaveText('The two passphrases differ.');

    await backup.backUp(file, PASSPHRASE);
    await expect(backup.created).toContainText('from 1 device saved as warroom-default-');
    await expect(backup.created).toContainText('Encrypted with your passphrase.');
    await screenshot(page, 'backup-settings');
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 17).toString()).toBe('WARROOM-BACKUP 1\n');
    expect(bytes.includes(Buffer.from('Checkout fails'))).toBe(false);
    const expectedEvents = Number(/Backup of (\d+) events/.exec((await backup.created.textContent()) ?? '')?.[1]);
    expect(expectedEvents).toBeGreaterThan(5);

    // Another laptop: nothing in common but the file.
    const fresh = await launchBrowserMode({ dataDir: join(scratch, 'data'), profileDir: join(scratch, 'profile') });
    try {
      const other = fresh.page;
      const restore = new BackupPage(other);
      await expect(other.getByTestId('incident-row')).toHaveCount(0);
      await restore.open();

      // Refusals first: each says why, and the record stays empty.
      await writeFile(join(scratch, 'cut.warroom-backup'), bytes.subarray(0, bytes.length - 100));
      await restore.restore(join(scratch, 'cut.warroom-backup'), PASSPHRASE);
      await expect(restore.restoreError).toContainText('This backup is incomplete');
      await expect(restore.restoreError).toContainText('Nothing was changed.');
      const flipped = Buffer.from(bytes);
      flipped[bytes.length - 200] = flipped[bytes.length - 200]! ^ 1;
      await writeFile(join(scratch, 'flipped.warroom-backup'), flipped);
      await restore.restore(join(scratch, 'flipped.warroom-backup'), PASSPHRASE);
      await expect(restore.restoreError).toContainText('This backup is damaged');
      await restore.restore(file, 'not the passphrase');
      await expect(restore.restoreError).toContainText('This passphrase does not open the backup.');
      await restore.restore(file);
      await expect(restore.restoreError).toContainText('This backup is encrypted: give its passphrase.');
      await restore.restoreError.scrollIntoViewIfNeeded();
      await screenshot(other, 'backup-refused');

      await restore.restore(file, PASSPHRASE);
      await expect(restore.restored).toContainText(`${expectedEvents} events checked; new here: ${expectedEvents}.`);
      await expect(other.getByTestId('incident-type').filter({ hasText: 'Fournisseur de paiement' })).toHaveCount(1);
      await other.getByTestId('nav-dashboard').click();
      await expect(other.getByTestId('incident-row')).toHaveCount(2);
      const otherUi = new WarRoomPage(other);
      await otherUi.open('Checkout fails at payment');
      await expect(otherUi.notes).toHaveText(notes);
      expect(notes).toContain(HOSTILE_NOTE);
      await expect(otherUi.timelineEntries).toHaveCount(entries);
      await expect(new RolesPage(other).holder('commander')).toHaveText('Alice Martin');
      expect(fresh.dialogs).toEqual([]);
    } finally {
      await fresh.stop();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});

test.describe('in French', () => {
  test.use({ lang: 'fr_FR.UTF-8' });

  test('makes an unencrypted backup and says so; restoring it here adds nothing', async ({ warroom }) => {
    const { ui, session } = warroom;
    const page = session.page;
    const scratch = await mkdtemp(join(tmpdir(), 'warroom-backup-fr-'));
    try {
      await ui.declare({ title: 'Caisses hors ligne en magasin', severity: 'SEV2', kind: 'technical-failure' });
      const backup = new BackupPage(page);
      await backup.open();
      await page.getByTestId('backup-passphrase').fill('court');
      await page.getByTestId('backup-passphrase-confirm').fill('court');
      await page.getByTestId('backup-create').click();
      await expect(page.getByTestId('backup-created-error')).toHaveText(
        'Une phrase de passe compte au moins 8 caractères.',
      );
      await page.getByTestId('backup-passphrase').fill('');
      const file = join(scratch, 'sauvegarde.warroom-backup');
      await backup.backUp(file);
      await expect(backup.created).toContainText('Non chiffrée : rangez le fichier en lieu sûr.');
      await backup.restore(file);
      // The window's enrolment and its declaration.
      await expect(backup.restored).toContainText('2 événements vérifiés ; nouveaux ici : 0.');
      await backup.restored.scrollIntoViewIfNeeded();
      await screenshot(page, 'backup-settings-fr');
      await writeFile(join(scratch, 'notes.txt'), 'pas une sauvegarde');
      await backup.restore(join(scratch, 'notes.txt'));
      await expect(backup.restoreError).toContainText('Ce fichier n’est pas une sauvegarde de War-room.');
      await expect(backup.restoreError).toContainText('Rien n’a été modifié.');
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
