// Monitoring through the real UI in browser mode: a monitor against a server
// this test starts, its failure in plain words, an incident declared from it
// with the evidence in its timeline; a bad YAML file refused whole; French;
// hostile monitor names shown as text on the board and the mermaid map; no
// Content Security Policy violation in the console on any of it.
import type { Page } from '@playwright/test';
import { startHealthServer } from '../support/health-server';
import { expect, test } from './fixtures';
import { MonitorsPage } from './pages/monitors';
import { screenshot } from './screenshot';

const HOSTILE = '<img src=x onerror=alert(1)>';
/** Mermaid syntax in a name: close the label, add a class and an edge, a directive, a click handler. */
const HOSTILE_SYNTAX = '"]:::x --> y %%{init: {"securityLevel":"loose"}}%% click m0 call alert() #quot; `md`';

/** Console messages about the Content Security Policy: mermaid's inline styles would show here. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  return violations;
}

test('a monitor going down offers an incident pre-filled, whose timeline shows the evidence', async ({ warroom }) => {
  const { page } = warroom.session;
  const csp = watchCsp(page);
  const monitors = new MonitorsPage(page);
  const server = await startHealthServer();
  try {
    await monitors.open();
    await monitors.addHttp({
      name: 'Checkout API',
      url: `${server.url}/health`,
      interval: 1,
      failureThreshold: 1,
      successThreshold: 1,
    });
    const row = monitors.row('Checkout API');
    await expect(row).toHaveAttribute('data-status', 'up');
    await expect(row.getByTestId('monitor-status')).toHaveText('Up');
    await expect(row.getByTestId('monitor-reason')).toContainText('status 200 in');
    await expect(monitors.mapNodes.filter({ hasText: 'Checkout API' })).toHaveAttribute('data-status', 'up');
    await screenshot(page, 'monitors-up');

    await server.close();
    await expect(row).toHaveAttribute('data-status', 'down');
    await expect(row.getByTestId('monitor-status')).toHaveText('Down');
    const reason = `connection refused by 127.0.0.1:${server.port}`;
    await expect(row.getByTestId('monitor-reason')).toHaveText(reason);
    await expect(monitors.mapNodes.filter({ hasText: 'Checkout API' })).toHaveAttribute('data-status', 'down');
    await screenshot(page, 'monitors-down');
    await monitors.map.scrollIntoViewIfNeeded();
    await screenshot(page, 'monitors-map');

    const declared = await monitors.declareFrom('Checkout API');
    expect(declared).toEqual({ title: 'Checkout API is down', services: 'Checkout API' });
    const evidence = page.getByTestId('monitor-evidence');
    await expect(evidence).toHaveCount(1);
    await expect(evidence).toContainText('linked the monitor Checkout API: Down connection refused');
    await expect(evidence).toContainText(reason);
    await screenshot(page, 'incident-from-monitor');
    expect(csp).toEqual([]);
  } finally {
    await server.close();
  }
});

test('an invalid YAML file is refused with its line and reason, and nothing of it is applied', async ({ warroom }) => {
  const monitors = new MonitorsPage(warroom.session.page);
  await monitors.open();
  await monitors.importYaml(
    ['monitors:', '  - id: backup', '    name: Nightly backup', '    type: heartbeat', '    every: 86400', ''].join(
      '\n',
    ),
  );
  await expect(warroom.session.page.getByTestId('yaml-imported')).toHaveText('1 monitor imported.');
  await expect(monitors.rows).toHaveCount(1);

  await monitors.importYaml(
    [
      'monitors:',
      '  - id: stores',
      '    name: Store tills',
      '    type: tcp',
      '    host: 10.1.0.5',
      '    port: 443',
      '  - id: erp',
      '    name: ERP',
      '    type: tcp',
      '    host: erp.internal',
      '    port: https',
      '',
    ].join('\n'),
  );
  await expect(monitors.yamlProblems).toHaveText(['Line 11, column 11: port must be a number']);
  await expect(warroom.session.page.getByTestId('yaml-refused')).toContainText('nothing was imported');
  // The valid first monitor of the refused file was not applied either.
  await expect(monitors.rows).toHaveCount(1);
  await expect(monitors.row('Store tills')).toHaveCount(0);
  await screenshot(warroom.session.page, 'monitors-yaml-refused');
});

test.describe('on a French system', () => {
  test.use({ lang: 'fr_FR.UTF-8' });

  test('shows the board in French and hostile monitor names as text on the board and the map', async ({ warroom }) => {
    const { page } = warroom.session;
    const csp = watchCsp(page);
    const monitors = new MonitorsPage(page);
    await expect(page.getByTestId('nav-monitors')).toHaveText('Moniteurs');
    await monitors.open();
    await monitors.importYaml(
      [
        'monitors:',
        '  - id: hostile',
        `    name: "${HOSTILE}"`,
        '    type: heartbeat',
        '    every: 3600',
        '    interval: 1',
        '  - id: syntax',
        `    name: '${HOSTILE_SYNTAX}'`,
        '    type: heartbeat',
        '    every: 3600',
        '    interval: 1',
        '    parent: hostile',
        '',
      ].join('\n'),
    );
    await expect(page.getByTestId('yaml-imported')).toHaveText('2 moniteurs importés.');
    const row = monitors.row(HOSTILE);
    await expect(row.getByTestId('monitor-name')).toHaveText(HOSTILE);
    await expect(row.getByTestId('monitor-status')).toHaveText('Opérationnel');
    await expect(row.getByTestId('monitor-reason')).toContainText('pas encore de signal de vie');
    await expect(monitors.map).toHaveAttribute('data-state', 'drawn');
    await expect(monitors.mapNodes).toHaveCount(2);
    const [node, child] = [monitors.mapNode(HOSTILE), monitors.mapNode(HOSTILE_SYNTAX)];
    await expect(node).toHaveAttribute('data-status', 'up');
    await expect(node.locator('title')).toHaveText(`${HOSTILE} · Opérationnel`);
    await expect(child.locator('title')).toHaveText(`${HOSTILE_SYNTAX} · Opérationnel`);
    // Drawn as text: the label shows the name (with invisible breaks and ” for "), then the status.
    expect(await monitors.nodeLabel(node)).toBe(`${HOSTILE} Opérationnel`);
    expect(await monitors.nodeLabel(child)).toBe(`${HOSTILE_SYNTAX.replaceAll('"', '\u201D')} Opérationnel`);
    // One edge, parent to child, and nothing else the names asked for: no element, class, handler or link.
    await expect(monitors.map.locator('svg .flowchart-link')).toHaveCount(1);
    const svg = monitors.map.locator('svg');
    expect(
      await svg.locator('img, image, a, script, foreignObject, style, [onerror], [onclick], [style]').count(),
    ).toBe(0);
    expect(await svg.locator('.x, .y, .clickable').count()).toBe(0);
    await expect(page.getByTestId('service-map')).toContainText('Opérationnel');
    await expect(monitors.view.locator('img')).toHaveCount(0);
    await monitors.map.scrollIntoViewIfNeeded();
    await screenshot(page, 'monitors-fr');
    expect(warroom.session.dialogs).toEqual([]);
    expect(csp).toEqual([]);
  });
});
