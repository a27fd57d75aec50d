// Page object: the monitors screen (board, editor, YAML, service map) and the
// incident declared from a monitor.
import { expect, type Locator, type Page } from '@playwright/test';

export interface HttpMonitorEntry {
  readonly name: string;
  readonly url: string;
  readonly interval?: number;
  readonly failureThreshold?: number;
  readonly successThreshold?: number;
}

export class MonitorsPage {
  constructor(readonly page: Page) {}

  get view(): Locator {
    return this.page.getByTestId('monitors-view');
  }

  get rows(): Locator {
    return this.page.getByTestId('monitor-row');
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('monitor-name').getByText(name, { exact: true }) });
  }

  get map(): Locator {
    return this.page.getByTestId('service-map');
  }

  get mapNodes(): Locator {
    return this.page.getByTestId('map-node');
  }

  /** The map's node for a monitor, found by the exact name in its tooltip (its label may hold zero-width breaks). */
  mapNode(name: string): Locator {
    return this.mapNodes.filter({ hasText: `${name} · ` });
  }

  /** The text a node's label shows, rows joined by spaces, without the zero-width breaks the escaping adds. */
  async nodeLabel(node: Locator): Promise<string> {
    const rows = await node.locator('tspan.row').allTextContents();
    return rows.join(' ').replaceAll('\u200B', '').replace(/\s+/g, ' ').trim();
  }

  get yamlProblems(): Locator {
    return this.page.getByTestId('yaml-problem');
  }

  /**
   * Opens the screen and waits until the host runs its monitors: it starts them
   * once its record (PGlite) is open, which on a busy machine takes a while.
   */
  async open(): Promise<void> {
    await this.page.getByTestId('nav-monitors').click();
    await expect(this.view).toHaveAttribute('data-running', 'true', { timeout: 45_000 });
  }

  async addHttp(entry: HttpMonitorEntry): Promise<void> {
    const field = (name: string) => this.page.getByTestId(`monitor-field-${name}`);
    await this.page.getByTestId('monitor-add').click();
    await field('name').fill(entry.name);
    await field('type').selectOption('http');
    await field('url').fill(entry.url);
    if (entry.interval !== undefined) await field('interval').fill(String(entry.interval));
    if (entry.failureThreshold !== undefined) await field('failureThreshold').fill(String(entry.failureThreshold));
    if (entry.successThreshold !== undefined) await field('successThreshold').fill(String(entry.successThreshold));
    await this.page.getByTestId('monitor-save').click();
    await expect(this.page.getByTestId('monitor-editor')).toBeHidden();
    await expect(this.row(entry.name)).toBeVisible();
  }

  async importYaml(text: string): Promise<void> {
    await this.page.getByTestId('yaml-text').fill(text);
    await this.page.getByTestId('yaml-apply').click();
  }

  /** Picks a file in the YAML panel's file chooser, as a user would. */
  async chooseYamlFile(name: string, buffer: Buffer): Promise<void> {
    await this.page.getByTestId('yaml-file').setInputFiles({ name, mimeType: 'application/yaml', buffer });
  }

  /** A file or text refused before it was read (too large, unreadable). */
  get fileRefusal(): Locator {
    return this.page.getByTestId('file-refused');
  }

  /** Declares an incident from a failing monitor, keeping the pre-filled fields; resolves on the incident view. */
  async declareFrom(name: string): Promise<{ title: string; services: string }> {
    await this.row(name).getByTestId('monitor-declare-open').click();
    const title = await this.page.getByTestId('monitor-declare-title').inputValue();
    const services = await this.page.getByTestId('monitor-declare-services').inputValue();
    await this.page.getByTestId('monitor-declare-submit').click();
    await expect(this.page.getByTestId('incident-title')).toHaveText(title);
    return { title, services };
  }
}
