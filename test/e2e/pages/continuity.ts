// Page object: business processes, plans, risks, the knowledge base, the
// impact panel of an incident and its post-mortem.
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

export class ContinuityPage {
  constructor(readonly page: Page) {}

  async openTab(tab: 'processes' | 'plans' | 'risks' | 'knowledge'): Promise<void> {
    await this.page.getByTestId('nav-continuity').click();
    await this.page.getByTestId(`continuity-tab-${tab}`).click();
    await expect(this.page.getByTestId(`continuity-tab-${tab}`)).toHaveAttribute('aria-current', 'page');
  }

  processRow(id: string): Locator {
    return this.page.locator(`[data-testid="process-row"][data-process="${id}"]`);
  }

  impactRow(id: string): Locator {
    return this.page.locator(`[data-testid="impact-process"][data-process="${id}"]`);
  }

  get impactRows(): Locator {
    return this.page.getByTestId('impact-process');
  }

  get impactTotal(): Locator {
    return this.page.getByTestId('impact-total');
  }

  async importYaml(name: string, text: string): Promise<void> {
    await this.page.getByTestId('processes-import-file').setInputFiles({
      name,
      mimeType: 'application/yaml',
      buffer: Buffer.from(text, 'utf8'),
    });
  }

  async openPostmortem(): Promise<void> {
    await this.page.getByTestId('open-postmortem').click();
    await expect(this.page.getByTestId('postmortem-view')).toBeVisible();
  }

  /** Clicks an export button and returns the downloaded file's name and bytes. */
  async export(format: 'markdown' | 'html' | 'pdf'): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(`postmortem-export-${format}`).click(),
    ]);
    return { name: download.suggestedFilename(), bytes: await read(download) };
  }
}

async function read(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFile(path);
}
