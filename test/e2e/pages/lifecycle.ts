// Page object: the incident's key times, durations, impact and the workspace's
// severity definitions and incident types.
import { expect, type Locator, type Page } from '@playwright/test';

export type KeyTimeName = 'started' | 'detected' | 'acknowledged' | 'mitigated' | 'resolved';

export class LifecyclePage {
  constructor(readonly page: Page) {}

  keyTime(key: KeyTimeName): Locator {
    return this.page.getByTestId(`key-time-${key}`);
  }

  duration(id: 'ttd' | 'tta' | 'ttm' | 'ttr'): Locator {
    return this.page.getByTestId(`duration-${id}`);
  }

  /** Local wall-clock value for a datetime-local field: 2026-11-21T14:02:00. */
  static localInput(date: Date): string {
    const pad = (value: number) => String(value).padStart(2, '0');
    return (
      `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
      `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
    );
  }

  async correct(key: KeyTimeName, localValue: string, reason: string): Promise<void> {
    await this.page.getByTestId(`key-time-correct-${key}`).click();
    const form = this.page.getByTestId(`key-time-form-${key}`);
    await form.getByTestId('key-time-input').fill(localValue);
    await form.getByTestId('key-time-reason').fill(reason);
    await form.getByTestId('key-time-save').click();
    await expect(form).toHaveCount(0);
    await expect(this.keyTime(key)).toHaveAttribute('data-corrected', 'true');
  }

  async editImpact({ services, processes }: { services?: string; processes?: string }): Promise<void> {
    await this.page.getByTestId('details-edit').click();
    if (services !== undefined) await this.page.getByTestId('details-services').fill(services);
    if (processes !== undefined) await this.page.getByTestId('details-processes').fill(processes);
    await this.page.getByTestId('details-save').click();
    await expect(this.page.getByTestId('details-form')).toHaveCount(0);
  }

  async setStatus(status: string): Promise<void> {
    await this.page.getByTestId('incident-status').selectOption(status);
    await expect(this.page.getByTestId('incident-status')).toHaveValue(status);
  }

  async addIncidentType(name: string): Promise<void> {
    await this.page.getByTestId('open-settings').click();
    await this.page.getByTestId('incident-type-name').fill(name);
    await this.page.getByTestId('incident-type-add').click();
    await expect(this.page.getByTestId('incident-types')).toContainText(name);
  }

  async defineSeverity(severity: string, text: string): Promise<void> {
    const block = this.page.getByTestId(`severity-definition-${severity}`);
    await block.getByTestId('severity-definition-text').fill(text);
    await block.getByTestId('severity-definition-save').click();
    await expect(block.getByTestId('severity-definition-reset')).toBeVisible();
  }
}
