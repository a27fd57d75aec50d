// Page object: the exercise room (its banner, the facilitator console, the
// participants' inbox, the scripted monitors and the after-action report).
import { expect, type Locator, type Page } from '@playwright/test';

export class ExercisesPage {
  constructor(readonly page: Page) {}

  get banner(): Locator {
    return this.page.getByTestId('exercise-banner');
  }

  get console(): Locator {
    return this.page.getByTestId('facilitator-console');
  }

  get inbox(): Locator {
    return this.page.getByTestId('inject-inbox');
  }

  /** From the real record, through the exercises screen: the page reloads into the exercise workspace. */
  async openRoom(): Promise<void> {
    await this.page.getByTestId('nav-exercises').click();
    await this.page.getByTestId('open-exercise-room').click();
    await this.page.locator('[data-app-state="ready"]').waitFor();
    await expect(this.banner).toBeVisible();
  }

  async start(scenarioId: string, speed: number): Promise<void> {
    await this.page.getByTestId(`exercise-scenario-${scenarioId}`).click();
    await this.page.getByTestId('exercise-speed').selectOption(String(speed));
    await this.page.getByTestId('exercise-start').click();
    // The host writes the start; the window sees it once it has synced.
    await expect(this.console).toBeVisible({ timeout: 60_000 });
  }

  inject(id: string): Locator {
    return this.page.getByTestId(`inject-${id}`);
  }

  async fire(id: string): Promise<void> {
    await this.page.getByTestId(`inject-fire-${id}`).click();
    await expect(this.inject(id)).toHaveAttribute('data-state', 'fired');
  }

  score(actionId: string): Locator {
    return this.page.getByTestId(`score-${actionId}`);
  }
}
