// Issue 20: a large YAML file used to freeze the window for 30–60 s before it
// was refused. Now a file over 1 MiB is refused from its size alone, unread,
// with its size and the limit in the reader's language; a file within the limit
// is parsed in a worker, keeping its importer's line and reason.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { MonitorsPage } from './pages/monitors';
import { screenshot } from './screenshot';

const MONITOR = [
  'monitors:',
  '  - id: backup',
  '    name: Nightly backup',
  '    type: heartbeat',
  '    every: 86400',
  '',
];

/**
 * A valid monitors file padded with a YAML comment to 50 MB (Playwright takes
 * buffers under 50 MiB): were it read, its monitor would be imported.
 */
function fiftyMegabytes(): Buffer {
  const head = Buffer.from(MONITOR.join('\n'), 'utf8');
  const padding = Buffer.alloc(50_000_000 - head.length, 0x78);
  padding[0] = 0x23; // '#'
  return Buffer.concat([head, padding]);
}

/** Console messages about the Content Security Policy: a worker it blocked would show here. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  return violations;
}

test('a 50 MB monitors file is refused unread with its size and the limit, and nothing is imported', async ({
  warroom,
}) => {
  const { page } = warroom.session;
  const monitors = new MonitorsPage(page);
  await monitors.open();
  await monitors.chooseYamlFile('huge.yaml', fiftyMegabytes());

  await expect(monitors.fileRefusal).toHaveText(
    '“huge.yaml” is 47.7 MiB: a file imported here can be at most 1 MiB. It was not read, and nothing was imported.',
  );
  await expect(monitors.fileRefusal).toHaveAttribute('data-size', '50000000');
  await expect(monitors.fileRefusal).toHaveAttribute('data-limit', String(1024 * 1024));
  await expect(page.getByTestId('yaml-imported')).toHaveCount(0);
  await expect(monitors.rows).toHaveCount(0);
  await monitors.fileRefusal.scrollIntoViewIfNeeded();
  await screenshot(page, 'yaml-too-large-en');

  // The panel is free at once: the next import goes through and clears the refusal.
  await monitors.importYaml(MONITOR.join('\n'));
  await expect(page.getByTestId('yaml-imported')).toHaveText('1 monitor imported.');
  await expect(monitors.fileRefusal).toHaveCount(0);
  await expect(monitors.rows).toHaveCount(1);
});

test('a file within the limit is parsed in a worker, keeping its line and reason', async ({ warroom }) => {
  const { page } = warroom.session;
  const csp = watchCsp(page);
  const monitors = new MonitorsPage(page);
  await monitors.open();

  const bad = [
    'monitors:',
    '  - id: erp',
    '    name: ERP',
    '    type: tcp',
    '    host: erp.internal',
    '    port: https',
    '',
  ];
  const [worker] = await Promise.all([
    page.waitForEvent('worker'),
    monitors.chooseYamlFile('bad.yaml', Buffer.from(bad.join('\n'), 'utf8')),
  ]);
  expect(worker.url()).toMatch(/parse-yaml\.worker.*\.js$/);
  await expect(monitors.yamlProblems).toHaveText(['Line 6, column 11: port must be a number']);
  await expect(monitors.rows).toHaveCount(0);

  await monitors.chooseYamlFile('good.yaml', Buffer.from(MONITOR.join('\n'), 'utf8'));
  await expect(page.getByTestId('yaml-imported')).toHaveText('1 monitor imported.');
  await expect(monitors.row('Nightly backup')).toHaveCount(1);
  await expect(monitors.fileRefusal).toHaveCount(0);
  expect(csp).toEqual([]);
});

test.describe('on a French system', () => {
  test.use({ lang: 'fr_FR.UTF-8' });

  test('the refusal gives the size and the limit in French', async ({ warroom }) => {
    const { page } = warroom.session;
    const monitors = new MonitorsPage(page);
    await expect(page.getByTestId('nav-monitors')).toHaveText('Moniteurs');
    await monitors.open();
    await monitors.chooseYamlFile('énorme.yaml', fiftyMegabytes());

    await expect(monitors.fileRefusal).toHaveText(
      '« énorme.yaml » fait 47,7 Mio : un fichier importé ici ne peut pas dépasser 1 Mio. Il n’a pas été lu et rien n’a été importé.',
    );
    await expect(monitors.rows).toHaveCount(0);
    await expect(page.getByTestId('yaml-imported')).toHaveCount(0);
    await monitors.fileRefusal.scrollIntoViewIfNeeded();
    await screenshot(page, 'yaml-too-large-fr');
  });
});
