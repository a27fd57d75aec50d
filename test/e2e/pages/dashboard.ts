// Page object: the dashboard, the command palette and record verification.
import { expect, type Locator, type Page } from '@playwright/test';
import type { Declaration } from './war-room-page';

type Severity = Declaration['severity'];

/** Where an event sits in a device's chain, as verification reports it. */
export interface ChainPosition {
  readonly deviceId: string;
  readonly seq: number;
  readonly id: string;
}

export class DashboardPage {
  constructor(readonly page: Page) {}

  get view(): Locator {
    return this.page.getByTestId('incident-list');
  }

  /** Open incidents, in the order shown. */
  get openRows(): Locator {
    return this.page.getByTestId('open-incidents').getByTestId('incident-row');
  }

  openRow(title: string): Locator {
    return this.openRows.filter({ hasText: title });
  }

  count(severity: Severity): Locator {
    return this.page.getByTestId(`count-${severity}`);
  }

  get closed(): Locator {
    return this.page.getByTestId('closed-incidents');
  }

  get closedRows(): Locator {
    return this.closed.getByTestId('incident-row');
  }

  async showClosed(): Promise<void> {
    const toggle = this.closed.getByTestId('closed-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await expect(this.closed.getByTestId('closed-search')).toBeVisible();
  }

  async searchClosed(query: string): Promise<void> {
    await this.closed.getByTestId('closed-search').fill(query);
  }

  // The command palette.

  get palette(): Locator {
    return this.page.getByTestId('palette');
  }

  get paletteInput(): Locator {
    return this.page.getByTestId('palette-input');
  }

  get paletteOptions(): Locator {
    return this.palette.getByTestId('palette-option');
  }

  async openPalette(): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await expect(this.paletteInput).toBeFocused();
  }

  /** Types `query` and runs the best match, after checking it is the command expected (`status:closed`, `open:<id>`…). */
  async runCommand(query: string, commandId: string | RegExp): Promise<void> {
    await this.openPalette();
    await this.paletteInput.fill(query);
    await expect(this.paletteOptions.first()).toHaveAttribute('data-command', commandId);
    await this.paletteInput.press('Enter');
  }

  /** Declares from the palette and lands on the new incident. */
  async declareFromPalette({ title, severity, kind }: Declaration): Promise<void> {
    await this.runCommand('declare', 'declare');
    await expect(this.palette).toHaveAttribute('data-view', 'declare');
    await this.page.getByTestId(`declare-severity-${severity}`).check({ force: true });
    await this.page.getByTestId('declare-kind').selectOption(kind);
    await this.page.getByTestId('declare-title').fill(title);
    await this.page.getByTestId('declare-title').press('Enter');
    await expect(this.palette).toHaveCount(0);
    await expect(this.page.getByTestId('incident-title')).toHaveText(title);
  }

  // Record verification.

  get verifyResult(): Locator {
    return this.page.getByTestId('verify-result');
  }

  get windowReport(): Locator {
    return this.verifyResult.getByTestId('verify-window');
  }

  get hostReport(): Locator {
    return this.verifyResult.getByTestId('verify-host');
  }

  get breaks(): Locator {
    return this.windowReport.getByTestId('verify-break');
  }

  /** Runs "Verify the record" from the settings screen and waits for both copies' reports. */
  async verifyRecord(): Promise<void> {
    await this.page.getByTestId('open-settings').click();
    // The host's store opens on first need (PGlite's first start takes seconds, more on a busy
    // machine) and a call it cannot answer in time is reported as such: verify again until it answers.
    await expect(async () => {
      await this.page.getByTestId('verify-run').click();
      await expect(this.verifyResult).toHaveAttribute('data-state', /^(intact|broken)$/, { timeout: 15_000 });
      await expect(this.hostReport).toHaveAttribute('data-state', /^(intact|broken)$/, { timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
  }

  /**
   * Alters one stored note in the window's IndexedDB, as someone with the laptop
   * in hand could, and says which event it was.
   */
  async tamperWithNote(text: string, forged: string): Promise<ChainPosition> {
    return this.page.evaluate(
      ({ text, forged }) =>
        new Promise<ChainPosition>((resolve, reject) => {
          const opening = indexedDB.open('warroom');
          opening.onerror = () => reject(opening.error);
          opening.onsuccess = () => {
            const db = opening.result;
            const events = db.transaction('events', 'readwrite').objectStore('events');
            const cursor = events.openCursor();
            cursor.onerror = () => reject(cursor.error);
            cursor.onsuccess = () => {
              const at = cursor.result;
              if (!at) return reject(new Error(`no note "${text}" stored`));
              const event = at.value as { deviceId: string; seq: number; id: string; payload: { text?: string } };
              if (event.payload.text !== text) return at.continue();
              const update = at.update({ ...event, payload: { ...event.payload, text: forged } });
              update.onerror = () => reject(update.error);
              update.onsuccess = () => {
                db.close();
                resolve({ deviceId: event.deviceId, seq: event.seq, id: event.id });
              };
            };
          };
        }),
      { text, forged },
    );
  }
}
