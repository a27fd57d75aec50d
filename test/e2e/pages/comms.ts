// Page object: communications on an incident (countdowns, the composer) and
// the comms screen (channels, outbox).
import { expect, type Locator, type Page } from '@playwright/test';

export class CommsPage {
  constructor(readonly page: Page) {}

  async openScreen(): Promise<void> {
    await this.page.getByTestId('nav-comms').click();
    await expect(this.page.getByTestId('comms-view')).toBeVisible();
  }

  async addWebhookChannel(name: string, kind: string, secret: string, url: string): Promise<void> {
    // The secret is stored by the host: the window must have reached it.
    await expect(this.page.getByTestId('host-status')).toHaveAttribute('data-status', 'online', { timeout: 60_000 });
    await this.openScreen();
    await this.page.getByTestId('comms-tab-channels').click();
    await this.page.getByTestId('channel-new').click();
    await this.page.getByTestId('channel-name').fill(name);
    await this.page.getByTestId('channel-kind').selectOption(kind);
    await this.page.getByTestId('channel-secret').fill(secret);
    await this.page.getByTestId('channel-secretValue').fill(url);
    await this.page.getByTestId('channel-save').click();
    // The host's first start of its store (PGlite) can hold its event loop past the bridge's
    // 10 s call timeout on a busy machine; the window then says the host did not answer, and
    // the person saves again, as a user would.
    const item = this.page.getByTestId('channel-item').filter({ hasText: name });
    const notice = this.page.getByTestId('channel-notice');
    await expect(async () => {
      if (await item.isVisible()) return;
      if ((await notice.textContent())?.includes('no answer from the host')) {
        await this.page.getByTestId('channel-save').click();
      }
      await expect(item).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 90_000 });
  }

  due(audience: string): Locator {
    return this.page.getByTestId(`comms-due-${audience}`);
  }

  get composer(): Locator {
    return this.page.getByTestId('composer');
  }

  get preview(): Locator {
    return this.page.getByTestId('composer-preview');
  }

  get emptyWarning(): Locator {
    return this.page.getByTestId('composer-empty');
  }

  async compose(audience: string): Promise<void> {
    await this.page.getByTestId('comms-compose').click();
    await expect(this.composer).toBeVisible();
    await this.page.getByTestId('composer-audience').selectOption(audience);
  }

  async fill(variable: string, value: string): Promise<void> {
    await this.page.getByTestId(`composer-var-${variable}`).fill(value);
  }

  async sendThrough(channelName: string): Promise<void> {
    const option = this.page.getByTestId('composer-channel').locator('option').filter({ hasText: channelName });
    await this.page.getByTestId('composer-channel').selectOption((await option.getAttribute('value')) ?? '');
    await this.page.getByTestId('composer-send').click();
  }

  messageEntries(action: 'recorded' | 'sent' | 'failed'): Locator {
    return this.page.locator(`[data-testid="message-entry"][data-action="${action}"]`);
  }
}
