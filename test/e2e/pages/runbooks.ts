// Page object: the runbook library, checklists on an incident, the command
// confirmation and the terminal pane.
import { expect, type Locator, type Page } from '@playwright/test';

export class RunbooksPage {
  constructor(readonly page: Page) {}

  // The library

  async openLibrary(): Promise<void> {
    await this.page.getByTestId('nav-runbooks').click();
    await expect(this.page.getByTestId('runbooks-view')).toBeVisible();
  }

  libraryLink(runbookId: string): Locator {
    return this.page.locator(`[data-testid="runbook-link"][data-runbook-id="${runbookId}"]`);
  }

  get detail(): Locator {
    return this.page.getByTestId('runbook-detail');
  }

  get refusal(): Locator {
    return this.page.getByTestId('yaml-refusal');
  }

  /** Types a runbook into the YAML editor and saves it as a workspace document. */
  async saveYaml(yaml: string): Promise<void> {
    await this.page.getByTestId('runbook-new').click();
    await this.page.getByTestId('runbook-yaml').fill(yaml);
    await this.page.getByTestId('runbook-save').click();
  }

  // Checklists on an incident

  get runs(): Locator {
    return this.page.getByTestId('run');
  }

  get chooser(): Locator {
    return this.page.getByTestId('run-choose');
  }

  async start(runbookId?: string): Promise<Locator> {
    const before = await this.runs.count();
    if (runbookId) await this.chooser.selectOption(runbookId);
    await this.page.getByTestId('run-start').click();
    await expect(this.runs).toHaveCount(before + 1);
    return this.runs.last();
  }

  step(run: Locator, stepId: string): Locator {
    return run.locator(`[data-testid="run-step"][data-step-id="${stepId}"]`);
  }

  async tick(run: Locator, stepId: string): Promise<void> {
    const step = this.step(run, stepId);
    await step.getByTestId('step-tick').click();
    await expect(step).toHaveAttribute('data-status', 'done');
  }

  get confirmation(): Locator {
    return this.page.getByTestId('command-confirm');
  }

  /** Opens the confirmation of a command step; the caller checks what it shows, then confirms. */
  async askToRun(run: Locator, stepId: string): Promise<Locator> {
    await this.step(run, stepId).getByTestId('step-run').click();
    await expect(this.confirmation).toBeVisible();
    return this.confirmation;
  }

  async confirm(): Promise<void> {
    await this.confirmation.getByTestId('confirm-run').click();
    await expect(this.confirmation).toBeHidden();
  }

  terminalText(run: Locator, stepId: string): Locator {
    return this.step(run, stepId).getByTestId('terminal-text');
  }

  execState(run: Locator, stepId: string): Locator {
    return this.step(run, stepId).getByTestId('exec-state');
  }

  /** Runbook entries of the incident timeline. */
  get timelineEntries(): Locator {
    return this.page.getByTestId('runbook-entry');
  }
}
