// Page object: what a user does in the war-room, and where tests look for it.
import { expect, type Locator, type Page } from '@playwright/test';

export interface Declaration {
  readonly title: string;
  readonly severity: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';
  readonly kind: 'technical-failure' | 'performance' | 'security' | 'human-error';
}

export class WarRoomPage {
  constructor(readonly page: Page) {}

  get incidentRows(): Locator {
    return this.page.getByTestId('incident-row');
  }

  get timelineEntries(): Locator {
    return this.page.getByTestId('timeline-entry');
  }

  get notes(): Locator {
    return this.page.getByTestId('note-text');
  }

  get incidentTitle(): Locator {
    return this.page.getByTestId('incident-title');
  }

  async ready(): Promise<void> {
    await this.page.locator('[data-app-state="ready"]').waitFor();
  }

  async declare({ title, severity, kind }: Declaration): Promise<void> {
    await this.page.getByTestId('declare-open').click();
    await this.page.getByTestId('declare-title').fill(title);
    await this.page.getByTestId(`declare-severity-${severity}`).check({ force: true });
    await this.page.getByTestId('declare-kind').selectOption(kind);
    await this.page.getByTestId('declare-submit').click();
    await expect(this.incidentTitle).toHaveText(title);
  }

  async addNote(text: string, { withKeyboard = false } = {}): Promise<void> {
    const before = await this.notes.count();
    await this.page.getByTestId('note-input').fill(text);
    if (withKeyboard) await this.page.getByTestId('note-input').press('Control+Enter');
    else await this.page.getByTestId('note-submit').click();
    await expect(this.notes).toHaveCount(before + 1);
  }

  async backToList(): Promise<void> {
    await this.page.getByTestId('back-to-list').click();
    await this.page.getByTestId('incident-list').waitFor();
  }

  async open(title: string): Promise<void> {
    await this.incidentRows.filter({ hasText: title }).getByTestId('incident-link').click();
    await expect(this.incidentTitle).toHaveText(title);
  }

  async setLanguage(locale: 'en' | 'fr'): Promise<void> {
    await this.page.getByTestId('language').selectOption(locale);
    await expect(this.page.locator('html')).toHaveAttribute('lang', locale);
  }

  get syncStatus(): Locator {
    return this.page.getByTestId('sync-status').first();
  }

  async joinHub(url: string, token: string): Promise<void> {
    await this.page.getByTestId('open-settings').click();
    await this.page.getByTestId('hub-url').fill(url);
    await this.page.getByTestId('hub-token').fill(token);
    await this.page.getByTestId('hub-join').click();
    await expect(this.page.getByTestId('hub-joined')).toBeVisible();
  }

  /** The header's "You" box, with what it is showing: `unknown`, `unnamed`, `proposed` or `enrolled`. */
  get youBox(): Locator {
    return this.page.getByTestId('you-box');
  }

  /** The person this device writes as, once it is enrolled (read-only). */
  get youName(): Locator {
    return this.page.getByTestId('you-name');
  }

  /** The first-visit question of a device nobody is named at. */
  get whoAreYou(): Locator {
    return this.page.getByTestId('who-are-you');
  }

  /**
   * Says who is at this window, whatever it shows: answers the first-visit
   * question, types the name before the first entry, or hands an enrolled
   * device over (the name typed, then the confirmation).
   */
  async setDisplayName(name: string): Promise<void> {
    await expect(this.youBox).not.toHaveAttribute('data-person-state', 'unknown');
    const state = await this.youBox.getAttribute('data-person-state');
    if (state === 'unnamed') return this.answerWhoAreYou(name);
    if (state === 'enrolled') return this.handOver(name);
    const field = this.page.getByTestId('display-name');
    await field.fill(name);
    await field.press('Enter');
    await expect(field).toHaveValue(name);
  }

  /** Answers "Who are you?" with Enter; the question goes and the name is the one proposed. */
  async answerWhoAreYou(name: string): Promise<void> {
    await expect(this.whoAreYou).toBeVisible();
    await this.whoAreYou.getByTestId('who-name').fill(name);
    await this.whoAreYou.getByTestId('who-name').press('Enter');
    await expect(this.whoAreYou).toHaveCount(0);
    await expect(this.page.getByTestId('display-name')).toHaveValue(name);
  }

  /** The deliberate hand-over of an enrolled device: who takes over, then the confirmation. */
  async handOver(name: string): Promise<void> {
    await this.page.getByTestId('person-change-open').click();
    const dialog = this.page.getByTestId('person-change');
    await dialog.getByTestId('person-change-name').fill(name);
    await dialog.getByTestId('person-change-next').click();
    await expect(dialog.getByTestId('person-change-summary')).toBeVisible();
    await dialog.getByTestId('person-change-confirm').click();
    await expect(dialog).toHaveCount(0);
    await expect(this.youName).toHaveText(name);
  }
}
