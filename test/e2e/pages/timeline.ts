// Page object of the incident timeline: notes of each kind, filters, key
// moments, time display, exports and the quick note dialog.
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

import type { FilterKind } from '../../../common/domain/timeline-filter';

export type NoteKind = 'note' | 'decision' | 'action' | 'observation';
/** The kinds the timeline's filter offers, as the app defines them. */
export type EntryFilterKind = FilterKind;
export type ExportFormat = 'markdown' | 'csv' | 'json';

export interface ExportedFile {
  readonly name: string;
  readonly text: string;
}

export class TimelinePage {
  constructor(readonly page: Page) {}

  /** The scrolling pane; `data-count` holds how many entries the filters let through. */
  get pane(): Locator {
    return this.page.getByTestId('timeline');
  }

  /** The mounted rows, newest first (the list is virtualised: only rows in and near view). */
  get entries(): Locator {
    return this.page.getByTestId('timeline-entry');
  }

  get notes(): Locator {
    return this.page.getByTestId('note-text');
  }

  get keyMoments(): Locator {
    return this.page.getByTestId('key-moment');
  }

  get search(): Locator {
    return this.page.getByTestId('timeline-search');
  }

  get count(): Locator {
    return this.page.getByTestId('timeline-count');
  }

  /** The mounted row holding this text. */
  entry(text: string): Locator {
    return this.entries.filter({ hasText: text });
  }

  /** Posts a note of a kind with the composer (Ctrl+Enter when asked) and waits for its row. */
  async post(text: string, kind: NoteKind = 'note', { withKeyboard = false } = {}): Promise<void> {
    await this.page.getByTestId(`composer-kind-${kind}`).check({ force: true });
    const input = this.page.getByTestId('note-input');
    await input.fill(text);
    if (withKeyboard) await input.press('Control+Enter');
    else await this.page.getByTestId('note-submit').click();
    await expect(input).toHaveValue('');
    await expect(this.entries.first().getByTestId('note-text')).toHaveText(text);
  }

  async filterKinds(kinds: readonly EntryFilterKind[]): Promise<void> {
    for (const kind of kinds) await this.page.getByTestId(`timeline-filter-kind-${kind}`).check({ force: true });
  }

  async filterAuthor(author: string | null): Promise<void> {
    await this.page.getByTestId('timeline-filter-author').selectOption(author ?? '');
  }

  async filterRole(role: string | null): Promise<void> {
    await this.page.getByTestId('timeline-filter-role').selectOption(role ?? '');
  }

  async searchFor(words: string): Promise<void> {
    await this.search.fill(words);
  }

  async pinnedOnly(isOn: boolean): Promise<void> {
    await this.page.getByTestId('timeline-filter-pinned').setChecked(isOn);
  }

  async clearFilters(): Promise<void> {
    await this.page.getByTestId('timeline-filter-clear').click();
  }

  /** Marks (or unmarks) the mounted row holding this text as a key moment. */
  async pin(text: string, isPinned = true): Promise<void> {
    const toggle = this.entry(text).getByTestId('pin-toggle');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', String(isPinned));
  }

  async showTimes(mode: 'relative' | 'absolute'): Promise<void> {
    await this.page.getByTestId(`time-mode-${mode}`).click();
    await expect(this.page.getByTestId(`time-mode-${mode}`)).toHaveAttribute('aria-pressed', 'true');
  }

  /** Clicks an export button and returns the downloaded file's name and text. */
  async export(format: ExportFormat): Promise<ExportedFile> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(`export-${format}`).click(),
    ]);
    return readDownload(download);
  }

  /** Opens the quick note with Alt+N, from wherever the focus is. */
  async openQuickNote(): Promise<Locator> {
    await this.page.keyboard.press('Alt+KeyN');
    const dialog = this.page.getByTestId('quick-note');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('quick-note-input')).toBeFocused();
    return dialog;
  }

  /** A note from anywhere: Alt+N, kind, text, Ctrl+Enter; waits for the dialog to close. */
  async quickNote(text: string, kind: NoteKind = 'note', { incidentTitle }: { incidentTitle?: string } = {}) {
    const dialog = await this.openQuickNote();
    if (incidentTitle) {
      await dialog
        .getByTestId('quick-note-incident')
        .selectOption({ label: await optionLabel(dialog.getByTestId('quick-note-incident'), incidentTitle) });
    }
    await dialog.getByTestId(`quick-note-kind-${kind}`).check({ force: true });
    await dialog.getByTestId('quick-note-input').fill(text);
    await dialog.getByTestId('quick-note-input').press('Control+Enter');
    await expect(dialog).toBeHidden();
  }
}

async function optionLabel(select: Locator, title: string): Promise<string> {
  const labels = await select.locator('option').allTextContents();
  const label = labels.find((candidate) => candidate.includes(title));
  if (!label) throw new Error(`no incident titled ${title} in ${labels.join(', ')}`);
  return label;
}

export async function readDownload(download: Download): Promise<ExportedFile> {
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}
