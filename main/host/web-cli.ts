// `npm run web`: browser mode. Starts the host on 127.0.0.1 and serves the
// renderer; prints the address, and opens the system browser when there is one.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { matchLocale, type Locale } from '../../common/i18n/locales';
import { translate } from '../../common/i18n/messages';
import { writeFileAtomic } from '../services/atomic-file';
import { createLogger } from '../services/logger';
import { appVersion, RENDERER_DIR } from './app-paths';
import { defaultDataDir } from './data-dir';
import { createHost, systemLocaleFromEnv } from './host';
import { hasHostStore } from './host-store';
import { hostServices } from './host-services';
import { startWebHost, type WebHost } from './web-host';

const log = createLogger('web');

export interface WebArgs {
  readonly dataDir: string;
  readonly port: number | null;
  readonly open: boolean;
  /** LAN mode's join token; null keeps browser mode on loopback only. */
  readonly lanToken: string | null;
}

const MIN_TOKEN_LENGTH = 16;

export function parseWebArgs(argv: readonly string[]): WebArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      lan: { type: 'boolean', default: false },
      'join-token': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? null : Number(values.port);
  if (port !== null && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  }
  const given = values['join-token'];
  if (given !== undefined && !values.lan) throw new Error('--join-token goes with --lan');
  if (given !== undefined && given.length < MIN_TOKEN_LENGTH) {
    throw new Error(`--join-token must be at least ${MIN_TOKEN_LENGTH} characters`);
  }
  return {
    dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
    port,
    open: !values['no-open'],
    lanToken: values.lan ? (given ?? randomBytes(18).toString('base64url')) : null,
  };
}

// The renderer's local record lives in the browser under the page's origin, so
// browser mode keeps its port from one run to the next whenever it is free.
async function rememberedPort(dataDir: string): Promise<number> {
  try {
    const { port } = JSON.parse(await readFile(join(dataDir, 'web-host.json'), 'utf8')) as { port?: unknown };
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536 ? port : 0;
  } catch {
    return 0;
  }
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((info) => (info && info.family === 'IPv4' && !info.internal ? [info.address] : []));
}

function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin'
      ? { file: 'open', args: [url] }
      : process.platform === 'win32'
        ? { file: 'cmd', args: ['/c', 'start', '""', url] }
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? { file: 'xdg-open', args: [url] }
          : null;
  if (!command) return;
  const child = spawn(command.file, command.args, { stdio: 'ignore', detached: true });
  child.on('error', () => log.debug(`no ${command.file} to open a browser`));
  child.unref();
}

/** An opening longer than this is announced, so a first start does not look hung. */
const OPENING_NOTICE_MS = 1000;

export async function runWeb(args: WebArgs): Promise<{ web: WebHost; close(): Promise<void> }> {
  const host = await createHost({
    dataDir: args.dataDir,
    mode: 'browser',
    version: appVersion(),
    systemLocale: systemLocaleFromEnv(),
    ...hostServices(args.dataDir),
  });
  const locale: Locale = host.settings.get().locale ?? matchLocale(systemLocaleFromEnv());
  const say = (key: string, values?: Record<string, string | number>) =>
    process.stdout.write(`${translate(locale, key, values)}\n`);

  // On a first start the record is created before the address is given (a copy
  // of the empty database made at build time, or initdb without one), so that a
  // window finds a host whose record is open and followed. Reopening it later is
  // short and left to the host, behind the window's loading. A store that cannot
  // open is logged by the host; the window still works from its own copy.
  if (!(await hasHostStore(args.dataDir))) {
    const slowOpen = setTimeout(() => say('cli.opening'), OPENING_NOTICE_MS);
    await host.log().catch(() => undefined);
    clearTimeout(slowOpen);
  }
  const wanted = args.port ?? (await rememberedPort(args.dataDir));
  let web: WebHost;
  try {
    web = await startWebHost({ host, rendererDir: RENDERER_DIR, port: wanted, lanToken: args.lanToken });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || args.port !== null) throw error;
    web = await startWebHost({ host, rendererDir: RENDERER_DIR, port: 0, lanToken: args.lanToken });
    say('cli.portTaken', { port: wanted, next: web.port });
  }
  await writeFileAtomic(join(args.dataDir, 'web-host.json'), `${JSON.stringify({ port: web.port })}\n`);
  const localUrl = args.lanToken ? `${web.url}?join=${args.lanToken}` : web.url;
  say('cli.listening', { url: localUrl });
  if (args.lanToken) {
    for (const address of lanAddresses())
      say('cli.lanUrl', { url: `http://${address}:${web.port}/?join=${args.lanToken}` });
    say('cli.lanWarning');
  }
  say('cli.dataDir', { dir: args.dataDir });
  if (args.open) openBrowser(localUrl);
  else say('cli.openBrowser');
  return {
    web,
    async close() {
      await web.close();
      await host.close();
    },
  };
}

export function main(argv: readonly string[]): void {
  let args: WebArgs;
  try {
    args = parseWebArgs(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  runWeb(args).then(
    (running) => {
      const stop = () => {
        running.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      log.error('browser mode could not start', error);
      process.exit(1);
    },
  );
}
