// The hardened shell in the real Electron app, where an Electron binary and a
// display exist; elsewhere reported as skipped with the reason. The window's web
// preferences, navigation and popups refused, IPC only for the app, and a
// runbook file given on the command line landing in the runbook importer.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translate } from '../../common/i18n/messages';
import { decideLaunch, readLaunchFacts } from '../../main/host/launch-decision';

const APP_ROOT = join(__dirname, '..', '..');
const decision = decideLaunch({ ...readLaunchFacts(), env: { ...process.env, WARROOM_BROWSER_MODE: undefined } });

test.skip(
  decision.mode !== 'electron',
  `Electron cannot run here: ${decision.mode === 'browser' ? translate('en', `cli.reason.${decision.reason}`) : ''}`,
);

const RUNBOOK = `id: opened-from-disk
title: Opened from the file manager
types: [technical-failure]
steps:
  - id: check
    kind: manual
    title: Check the payment provider's status page
`;

async function launch(dataDir: string, extraArgs: string[] = []): Promise<ElectronApplication> {
  if (decision.mode !== 'electron') throw new Error('unreachable: skipped above');
  return electron.launch({ executablePath: decision.binary, args: [APP_ROOT, '--data-dir', dataDir, ...extraArgs] });
}

test('hardens the window: isolation, sandbox, no Node, web security, no way out', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'warroom-electron-shell-'));
  const app = await launch(dataDir);
  try {
    const page = await app.firstWindow();
    await page.locator('[data-app-state="ready"]').waitFor();
    const preferences = await app.evaluate(({ BrowserWindow }) => {
      const [window] = BrowserWindow.getAllWindows();
      // Undocumented but stable (Electron's own specs use it): what the window really runs with.
      const contents = window?.webContents as unknown as
        { getLastWebPreferences(): Record<string, unknown> | null } | undefined;
      const prefs = contents?.getLastWebPreferences();
      return prefs
        ? {
            contextIsolation: prefs.contextIsolation,
            sandbox: prefs.sandbox,
            nodeIntegration: prefs.nodeIntegration,
            nodeIntegrationInWorker: prefs.nodeIntegrationInWorker,
            webSecurity: prefs.webSecurity,
            allowRunningInsecureContent: prefs.allowRunningInsecureContent,
            webviewTag: prefs.webviewTag,
          }
        : null;
    });
    expect(preferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    // And what the page can reach agrees: no Node, no require, only the bridge's facade.
    const reach = await page.evaluate(() => ({
      hasProcess: typeof (window as unknown as { process?: unknown }).process !== 'undefined',
      hasRequire: typeof (window as unknown as { require?: unknown }).require !== 'undefined',
      facade: Object.keys((window as unknown as { warroom?: object }).warroom ?? {}).sort(),
    }));
    expect(reach).toEqual({ hasProcess: false, hasRequire: false, facade: ['invoke', 'subscribe'] });
    // Served from the custom protocol with its CSP, never from file://.
    expect(page.url()).toMatch(/^app:\/\/warroom\//);
    // A script's attempts to leave or open windows go nowhere.
    const attempts = await page.evaluate(() => {
      const popup = window.open('https://example.org/', '_blank', 'width=300');
      window.location.href = 'file:///etc/passwd';
      return { popup: popup === null };
    });
    expect(attempts).toEqual({ popup: true });
    await page.locator('[data-app-state="ready"]').waitFor();
    expect(page.url()).toMatch(/^app:\/\/warroom\//);
    expect(app.windows()).toHaveLength(1);
    // The protocol serves the app's files only.
    const traversal = await page.evaluate(async () => (await fetch('/..%2f..%2fpackage.json')).status);
    expect(traversal).toBe(404);
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('opens a runbook file given on the command line in the runbook importer', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'warroom-electron-open-'));
  const file = join(dataDir, 'opened.yaml');
  await writeFile(file, RUNBOOK);
  const app = await launch(join(dataDir, 'data'), [file]);
  try {
    const page = await app.firstWindow();
    await page.locator('[data-app-state="ready"]').waitFor();
    await expect(page.getByTestId('runbook-saved')).toBeVisible();
    await expect(page.getByTestId('runbook-detail')).toHaveAttribute('data-runbook-id', 'opened-from-disk');
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
