// Page object: Settings → Devices (who writes to the record, revoking one) and
// the band a window shows while its host refuses what it writes.
import { expect, type Locator, type Page } from '@playwright/test';
import type { DeviceKind } from '../../../common/events/event';

export class DevicesPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByTestId('devices-panel');
  }

  get refusal(): Locator {
    return this.page.getByTestId('write-refusal');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('open-settings').click();
    await expect(this.panel).toBeVisible();
  }

  /** The row of `person`'s device of `kind`. */
  row(person: string, kind: DeviceKind): Locator {
    return this.panel
      .locator(`[data-testid="device-row"][data-kind="${kind}"]`)
      .filter({ has: this.page.getByTestId('device-person').getByText(person, { exact: true }) });
  }

  /** The first of two steps: the row's button opens the confirmation, which asks nothing of the host yet. */
  async startRevoke(person: string, kind: DeviceKind, reason: string): Promise<void> {
    await this.row(person, kind).getByTestId('device-revoke').click();
    const confirm = this.panel.getByTestId('device-confirm');
    await expect(confirm).toBeVisible();
    await confirm.getByTestId('device-revoke-reason').fill(reason);
  }

  /** The second step. */
  async confirmRevoke(): Promise<void> {
    await this.panel.getByTestId('device-revoke-confirm').click();
    await expect(this.panel.getByTestId('device-revoke-outcome')).toBeVisible();
  }
}
