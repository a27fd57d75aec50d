// Page object: the workspace backup in Settings.
import { expect, type Locator, type Page } from '@playwright/test';

export class BackupPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByTestId('backup-panel');
  }

  get created(): Locator {
    return this.page.getByTestId('backup-created');
  }

  get restored(): Locator {
    return this.page.getByTestId('restore-outcome');
  }

  get restoreError(): Locator {
    return this.page.getByTestId('restore-outcome-error');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('open-settings').click();
    await expect(this.panel).toBeVisible();
  }

  /** Makes a backup and saves the downloaded file at `path`. */
  async backUp(path: string, passphrase?: string): Promise<void> {
    if (passphrase) {
      await this.page.getByTestId('backup-passphrase').fill(passphrase);
      await this.page.getByTestId('backup-passphrase-confirm').fill(passphrase);
    }
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('backup-create').click();
    await (await download).saveAs(path);
    await expect(this.created).toBeVisible();
  }

  async restore(path: string, passphrase?: string): Promise<void> {
    await this.page.getByTestId('restore-file').setInputFiles(path);
    await this.page.getByTestId('restore-passphrase').fill(passphrase ?? '');
    await this.page.getByTestId('restore-submit').click();
  }
}
