// The same slice in the Electron app, where an Electron binary and a display
// exist. Elsewhere it is reported as skipped, with the reason.
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translate } from '../../common/i18n/messages';
import { decideLaunch, readLaunchFacts } from '../../main/host/launch-decision';
import { WarRoomPage } from '../e2e/pages/war-room-page';

const APP_ROOT = join(__dirname, '..', '..');
const decision = decideLaunch({ ...readLaunchFacts(), env: { ...process.env, WARROOM_BROWSER_MODE: undefined } });

test.skip(
  decision.mode !== 'electron',
  `Electron cannot run here: ${decision.mode === 'browser' ? translate('en', `cli.reason.${decision.reason}`) : ''}`,
);

async function launch(dataDir: string) {
  if (decision.mode !== 'electron') throw new Error('unreachable: skipped above');
  const app = await electron.launch({ executablePath: decision.binary, args: [APP_ROOT, '--data-dir', dataDir] });
  const page = await app.firstWindow();
  await page.locator('[data-app-state="ready"]').waitFor();
  return { app, ui: new WarRoomPage(page) };
}

test('declares an incident, shows a hostile note as text, and finds both after a restart', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'warroom-electron-'));
  try {
    const first = await launch(dataDir);
    // What the page can reach tells whether isolation holds: no Node, no require,
    // and a facade with exactly the bridge's two members.
    const reach = await first.ui.page.evaluate(() => ({
      url: window.location.href,
      hasProcess: typeof (window as unknown as { process?: unknown }).process !== 'undefined',
      hasRequire: typeof (window as unknown as { require?: unknown }).require !== 'undefined',
      facade: Object.keys((window as unknown as { warroom?: object }).warroom ?? {}).sort(),
    }));
    expect(reach).toEqual({
      url: expect.stringMatching(/^app:\/\/warroom\//),
      hasProcess: false,
      hasRequire: false,
      facade: ['invoke', 'subscribe'],
    });

    await first.ui.declare({ title: 'Checkout fails at payment', severity: 'SEV1', kind: 'technical-failure' });
    await first.ui.addNote('<img src=x onerror=alert(1)>');
    await expect(first.ui.notes).toHaveText(['<img src=x onerror=alert(1)>']);
    await first.app.close();

    const second = await launch(dataDir);
    await second.ui.open('Checkout fails at payment');
    await expect(second.ui.notes).toHaveText(['<img src=x onerror=alert(1)>']);
    await second.app.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
