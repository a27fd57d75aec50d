// Key loss and revocation, end to end: two laptops on one team hub, and a
// teammate's browser joined to laptop A over the LAN. What the teammate writes
// reaches laptop B; laptop A revokes that browser in Settings → Devices; the
// browser's next note is refused with a clear, lasting message (in English and
// French), and neither laptop ever shows it; both list the device as revoked.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../support/chromium';
import { HUB_ENTRY, spawnHub, spawnWebHost, type ServerProcess } from '../support/web-host-process';
import { launchBrowserMode, type BrowserModeSession } from './browser-mode';
import { expect, test } from './fixtures';
import { DevicesPage } from './pages/devices';
import { WarRoomPage } from './pages/war-room-page';
import { screenshot } from './screenshot';

const run = promisify(execFile);
const JOIN_TOKEN = 'e2e-join-token-revocation-0123';
// Through the hub: laptop A's host pushes, the hub tells B's host, B's host tells its window.
const THROUGH_HUB = { timeout: 30_000 };

/** This machine's own LAN address: a page opened through it is a teammate's browser, not the laptop's. */
const LAN_ADDRESS = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

test('a laptop revokes its teammate’s browser: its next note is refused everywhere, and it is told so', async () => {
  test.skip(LAN_ADDRESS === undefined, 'this machine has no non-loopback IPv4 address to be a teammate from');
  test.setTimeout(180_000);
  const root = await mkdtemp(join(tmpdir(), 'warroom-revoke-'));
  const hubDir = join(root, 'hub');
  let hub: ServerProcess | null = null;
  let hostA: ServerProcess | null = null;
  let sessionB: BrowserModeSession | null = null;
  const browsers: Browser[] = [];
  try {
    const { stdout } = await run(process.execPath, [HUB_ENTRY, 'workspace', 'add', 'default', '--data-dir', hubDir], {
      env: { ...process.env, DATABASE_URL: '' },
    });
    const hubToken = stdout.trim();
    hub = await spawnHub(hubDir);

    // Laptop A serves the LAN; its owner works on loopback.
    hostA = await spawnWebHost(join(root, 'a-data'), {
      args: ['--lan', '--join-token', JOIN_TOKEN],
      env: { LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', WARROOM_LOG: 'warn' },
    });
    const port = new URL(hostA.url).port;
    const browserA = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS, headless: true });
    browsers.push(browserA);
    const pageA = await (await browserA.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await pageA.goto(`http://127.0.0.1:${port}/?join=${JOIN_TOKEN}`);
    const a = new WarRoomPage(pageA);
    await a.ready();
    sessionB = await launchBrowserMode({ dataDir: join(root, 'b-data'), profileDir: join(root, 'b-profile') });
    const b = new WarRoomPage(sessionB.page);
    await sessionB.page.setViewportSize({ width: 1400, height: 900 });

    await a.setDisplayName('Alice');
    await b.setDisplayName('Bruno');
    for (const laptop of [a, b]) {
      await laptop.joinHub(hub.url, hubToken);
      await expect(laptop.syncStatus).toHaveAttribute('data-state', 'online', THROUGH_HUB);
    }
    await pageA.goto(pageA.url().replace(/#.*$/, '#/'));
    await a.declare({ title: 'Card terminals offline', severity: 'SEV2', kind: 'technical-failure' });

    // Tariq joins laptop A from his own browser, over the LAN address (treated as secure, as HTTPS would be).
    const lanOrigin = `http://${LAN_ADDRESS ?? ''}:${port}`;
    const browserT = await chromium.launch({
      executablePath: requireChromium(),
      args: [...CHROMIUM_ARGS, `--unsafely-treat-insecure-origin-as-secure=${lanOrigin}`],
      headless: true,
    });
    browsers.push(browserT);
    const pageT = await (await browserT.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await pageT.goto(`${lanOrigin}/?join=${JOIN_TOKEN}`);
    const teammate = new WarRoomPage(pageT);
    await teammate.ready();
    await expect(pageT.getByTestId('lan-peer')).toBeVisible();
    await teammate.setDisplayName('Tariq');
    await expect(teammate.incidentRows).toHaveCount(1, THROUGH_HUB);
    await teammate.open('Card terminals offline');
    await teammate.addNote('T1: terminals restarted in store 12');

    // The note reaches laptop B through laptop A's host and the hub.
    await b.page.goto(b.page.url().replace(/#.*$/, '#/'));
    await expect(b.incidentRows).toHaveCount(1, THROUGH_HUB);
    await b.open('Card terminals offline');
    await expect(b.notes).toHaveText(['T1: terminals restarted in store 12'], THROUGH_HUB);
    await b.addNote('B1: store 12 staff told');
    await expect(teammate.notes).toHaveCount(2, THROUGH_HUB);

    // Laptop A lets Tariq's browser go, in two steps.
    const devicesA = new DevicesPage(pageA);
    await devicesA.open();
    const tariqOnA = devicesA.row('Tariq', 'lan');
    await expect(tariqOnA.getByTestId('device-own')).toHaveText('Let in by this laptop');
    await expect(devicesA.row('Alice', 'window').getByTestId('device-own')).toHaveText('This window');
    // Laptop B's window: B's to revoke, or the hub's.
    await expect(devicesA.row('Bruno', 'window').getByTestId('device-not-revocable')).toBeVisible(THROUGH_HUB);
    await expect(devicesA.row('Bruno', 'window').getByTestId('device-sponsor')).toContainText('Another laptop');
    await screenshot(pageA, 'devices-panel');
    await devicesA.startRevoke('Tariq', 'lan', 'Tariq left the war-room');
    await expect(tariqOnA).toHaveAttribute('data-revoked', 'false');
    await screenshot(pageA, 'devices-revoke-confirm');
    await devicesA.confirmRevoke();
    await expect(tariqOnA).toHaveAttribute('data-revoked', 'true');
    await expect(tariqOnA.getByTestId('device-revocation')).toContainText('by Alice');
    await screenshot(pageA, 'devices-panel-revoked');

    // Tariq writes on: refused, and told so in words that stay.
    await teammate.page.getByTestId('note-input').fill('T2: written after the revocation');
    await teammate.page.getByTestId('note-submit').click();
    const refusal = new DevicesPage(pageT).refusal;
    await expect(refusal).toHaveAttribute('data-code', 'device-revoked', THROUGH_HUB);
    await expect(refusal).toContainText(
      'This browser was revoked by Alice: what you write here is no longer accepted and reaches nobody.',
      THROUGH_HUB,
    );
    await screenshot(pageT, 'devices-refused-browser');
    await teammate.setLanguage('fr');
    await expect(refusal).toContainText(
      'Ce navigateur a été révoqué par Alice : ce que vous écrivez ici n’est plus accepté et ne parvient à personne.',
    );
    await screenshot(pageT, 'devices-refused-browser-fr');
    await pageT.reload();
    await teammate.ready();
    await expect(refusal).toContainText('Ce navigateur a été révoqué par Alice', THROUGH_HUB);
    // The teammate sees the devices, its own revoked among them, and no means to revoke any.
    const devicesT = new DevicesPage(pageT);
    await devicesT.open();
    await expect(pageT.getByTestId('devices-laptop-only')).toBeVisible();
    await expect(devicesT.row('Tariq', 'lan')).toHaveAttribute('data-revoked', 'true');
    await expect(devicesT.panel.getByTestId('device-revoke')).toHaveCount(0);
    await screenshot(pageT, 'devices-panel-teammate-fr');

    // Laptop B learns of the revocation through the hub; neither laptop ever holds Tariq's second note.
    const devicesB = new DevicesPage(b.page);
    await devicesB.open();
    const tariqOnB = devicesB.row('Tariq', 'lan');
    await expect(tariqOnB).toHaveAttribute('data-revoked', 'true', THROUGH_HUB);
    await expect(tariqOnB.getByTestId('device-revocation')).toContainText('by Alice');
    await expect(tariqOnB.getByTestId('device-revoke')).toHaveCount(0);
    await b.setLanguage('fr');
    await expect(tariqOnB.getByTestId('device-revocation')).toContainText('Révoqué le');
    await screenshot(b.page, 'devices-panel-fr');
    const before = ['T1: terminals restarted in store 12', 'B1: store 12 staff told'];
    for (const laptop of [a, b]) {
      await laptop.page.goto(laptop.page.url().replace(/#.*$/, '#/'));
      await laptop.open('Card terminals offline');
      await expect(laptop.notes).toHaveCount(before.length);
      expect((await laptop.notes.allTextContents()).sort()).toEqual([...before].sort());
    }
    // A last write of laptop A's own goes round: what travels after the revocation still excludes Tariq's.
    await a.addNote('A1: store 12 on backup terminals');
    const after = [...before, 'A1: store 12 on backup terminals'];
    for (const laptop of [b, a]) {
      await expect(laptop.notes).toHaveCount(after.length, THROUGH_HUB);
      expect((await laptop.notes.allTextContents()).sort()).toEqual([...after].sort());
    }
  } finally {
    for (const browser of browsers) await browser.close();
    await sessionB?.stop();
    await hostA?.stop();
    await hub?.stop();
    await rm(root, { recursive: true, force: true });
  }
});
