// Runs browser mode as a user would: the host process (`out/main/web.js`) with
// its own data dir, and a Chromium profile of its own pointed at it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../support/chromium';

export const APP_ROOT = join(__dirname, '..', '..');

export interface BrowserModeSession {
  readonly url: string;
  readonly page: Page;
  readonly context: BrowserContext;
  /** Dialogs the page opened (alert, confirm…): an injected script would show here. */
  readonly dialogs: string[];
  /** Lines the host printed, for failure messages. */
  readonly output: string[];
  stop(): Promise<void>;
}

export interface LaunchOptions {
  readonly dataDir: string;
  readonly profileDir: string;
  /** The system language the host and browser see. */
  readonly lang?: string;
}

function startHost(dataDir: string, lang: string, output: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(APP_ROOT, 'out', 'main', 'web.js'), '--data-dir', dataDir, '--no-open'], {
    cwd: APP_ROOT,
    env: { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '', WARROOM_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      output.push(line);
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(line);
      if (match) resolve({ child, url: match[0] });
    });
    child.once('exit', (code) =>
      reject(new Error(`browser mode exited (${code}) before listening:\n${output.join('\n')}`)),
    );
  });
}

function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function launchBrowserMode({
  dataDir,
  profileDir,
  lang = 'en_US.UTF-8',
}: LaunchOptions): Promise<BrowserModeSession> {
  const output: string[] = [];
  const { child, url } = await startHost(dataDir, lang, output);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: requireChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
    locale: lang.startsWith('fr') ? 'fr-FR' : 'en-US',
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(url);
  await page.locator('[data-app-state="ready"]').waitFor();
  return {
    url,
    page,
    context,
    dialogs,
    output,
    async stop() {
      await context.close();
      await stopHost(child);
    },
  };
}
