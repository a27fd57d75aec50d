// Runs browser mode as a user would: the host process (`out/main/web.js`) with
// its own data dir, and a Chromium profile of its own pointed at it.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../support/chromium';
import { spawnWebHost } from '../support/web-host-process';

export interface BrowserModeSession {
  readonly url: string;
  readonly page: Page;
  readonly context: BrowserContext;
  /** Dialogs the page opened (alert, confirm…): an injected script would show here. */
  readonly dialogs: string[];
  /** What the host printed, for failure messages. */
  output(): string;
  /** What the page wrote to its console (warnings and errors), for failure messages. */
  consoleOutput(): string;
  /** Stops the host process only; the browser stays open. */
  stopHost(): Promise<void>;
  /** Starts the host again on the same data dir (and so the same port). */
  startHost(): Promise<void>;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  readonly dataDir: string;
  readonly profileDir: string;
  /** The system language the host and browser see. */
  readonly lang?: string;
}

export async function launchBrowserMode({
  dataDir,
  profileDir,
  lang = 'en_US.UTF-8',
}: LaunchOptions): Promise<BrowserModeSession> {
  const spawnHost = () =>
    spawnWebHost(dataDir, { env: { LANG: lang, LC_ALL: '', LC_MESSAGES: '', WARROOM_LOG: 'warn' } });
  let host = await spawnHost();
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: requireChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
    locale: lang.startsWith('fr') ? 'fr-FR' : 'en-US',
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const dialogs: string[] = [];
  const consoleLines: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') {
      consoleLines.push(`${new Date().toISOString()} ${message.type()}: ${message.text()}`);
    }
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(host.url);
  await page.locator('[data-app-state="ready"]').waitFor();
  return {
    url: host.url,
    page,
    context,
    dialogs,
    output: () => host.output(),
    consoleOutput: () => consoleLines.join('\n'),
    stopHost: () => host.stop(),
    async startHost() {
      host = await spawnHost();
    },
    async stop() {
      await context.close();
      await host.stop();
    },
  };
}
