// Browser mode on the LAN: nothing without the join token, the app with it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../support/chromium';
import { spawnWebHost } from '../support/web-host-process';
import { expect, test } from './fixtures';

const TOKEN = 'e2e-join-token-0123456789';

test('LAN mode serves only browsers that present the join token', async () => {
  const root = await mkdtemp(join(tmpdir(), 'warroom-lan-'));
  const host = await spawnWebHost(join(root, 'data'), { args: ['--lan', '--join-token', TOKEN] });
  const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    expect(host.output()).toContain(`?join=${TOKEN}`);
    const origin = new URL(host.url).origin;
    const page = await browser.newPage();
    const refused = await page.goto(`${origin}/`);
    expect(refused?.status()).toBe(401);
    await expect(page.locator('body')).toContainText('join token');

    await page.goto(`${origin}/?join=${TOKEN}`);
    await expect(page).toHaveURL(`${origin}/`);
    await page.locator('[data-app-state="ready"]').waitFor();
    await expect(page.getByTestId('host-status')).toHaveAttribute('data-status', 'online');
  } finally {
    await browser.close();
    await host.stop();
    await rm(root, { recursive: true, force: true });
  }
});
