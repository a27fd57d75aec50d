// A fresh data dir and browser profile per test, and a restart that keeps both.
import { test as base } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowserMode, type BrowserModeSession } from './browser-mode';
import { WarRoomPage } from './pages/war-room-page';

export interface WarRoom {
  readonly session: BrowserModeSession;
  readonly ui: WarRoomPage;
  readonly dataDir: string;
  /** Stops the host and the browser, then starts both again on the same data. */
  restart(): Promise<void>;
}

export const test = base.extend<{ lang: string; warroom: WarRoom }>({
  lang: ['en_US.UTF-8', { option: true }],
  warroom: async ({ lang }, use, testInfo) => {
    const root = await mkdtemp(join(tmpdir(), 'warroom-e2e-'));
    const options = { dataDir: join(root, 'data'), profileDir: join(root, 'profile'), lang };
    let session = await launchBrowserMode(options);
    // What sessions before a restart printed, so a failure after one shows both.
    const before: { host: string; page: string }[] = [];
    const warroom = {
      get session() {
        return session;
      },
      get ui() {
        return new WarRoomPage(session.page);
      },
      dataDir: options.dataDir,
      async restart() {
        await session.stop();
        before.push({ host: session.output(), page: session.consoleOutput() });
        session = await launchBrowserMode(options);
      },
    };
    await use(warroom);
    if (testInfo.status !== testInfo.expectedStatus) {
      const runs = [...before, { host: session.output(), page: session.consoleOutput() }];
      const joined = (pick: (run: (typeof runs)[number]) => string) =>
        runs.map((run, index) => `--- run ${index + 1}\n${pick(run)}`).join('\n');
      await testInfo.attach('host output', { body: joined((run) => run.host), contentType: 'text/plain' });
      await testInfo.attach('page console', { body: joined((run) => run.page), contentType: 'text/plain' });
    }
    await session.stop();
    await rm(root, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
