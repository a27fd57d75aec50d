// The host of one device: what both Electron main and the Node web host run.
// It owns the data dir and answers the bridge; transports only carry messages.
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { AppInfo } from '../../common/bridge/contract';
import type { EventLog } from '../../common/sync/event-log';
import type { OpenedLog } from './host-store';
import { createLogger } from '../services/logger';
import { createRouter, HostEvents, type Router } from './bridge-router';
import { Replication, type ConnectHub } from './replication';
import { openSecretStore } from './secret-store';
import { openSettingsStore, type SettingsStore } from './settings-store';

export interface HostOptions {
  readonly dataDir: string;
  readonly mode: AppInfo['mode'];
  readonly version: string;
  /** The system language as a BCP 47 tag; Electron passes app.getLocale(). */
  readonly systemLocale: string;
  /**
   * Opens the host's replica. Not awaited at start: the window shows its own
   * replica at once while this (PGlite's first start is slow) gets ready.
   */
  readonly openLog: () => Promise<OpenedLog>;
  readonly connectHub: ConnectHub;
}

export interface Host {
  readonly route: Router;
  readonly events: HostEvents;
  readonly settings: SettingsStore;
  readonly replication: Replication;
  readonly log: Promise<EventLog>;
  readonly dataDir: string;
  close(): Promise<void>;
}

export function systemLocaleFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
}

function currentUserName(): string {
  try {
    return userInfo().username;
  } catch {
    // Some sandboxes have no passwd entry for the current uid.
    return '';
  }
}

export async function createHost(options: HostOptions): Promise<Host> {
  const hostLog = createLogger('host');
  await mkdir(options.dataDir, { recursive: true });
  const settings = await openSettingsStore(options.dataDir, createLogger('settings'));
  const events = new HostEvents();
  const opened = options.openLog();
  // Nobody may be waiting on it yet; a failure is reported to whoever asks.
  opened.catch((error: unknown) => createLogger('store').error('the host store could not be opened', error));
  const log = opened.then((store) => store.log);
  const replication = new Replication({
    dataDir: options.dataDir,
    log,
    events,
    secrets: openSecretStore(options.dataDir),
    connectHub: options.connectHub,
    logger: createLogger('replication'),
  });
  const info: AppInfo = {
    name: 'War-room',
    version: options.version,
    mode: options.mode,
    platform: process.platform,
    systemLocale: options.systemLocale,
    userName: currentUserName(),
    dataDir: options.dataDir,
  };
  const route = createRouter(
    {
      'app:get-info': async () => info,
      'settings:get': async () => settings.get(),
      'settings:update': async (patch) => {
        const next = await settings.update(patch);
        events.emit('settings:changed', next);
        return next;
      },
      'sync:exchange': (request) => replication.exchangeWithWindow(request),
      'sync:get-status': async () => replication.status(),
      'hub:join': ({ url, token }) => replication.join(url, token),
      'hub:leave': () => replication.leave(),
    },
    hostLog,
  );
  void replication.start();
  hostLog.info(`host ready (${options.mode}), data in ${options.dataDir}`);
  return {
    route,
    events,
    settings,
    replication,
    log,
    dataDir: options.dataDir,
    async close() {
      replication.close();
      const opened = await log.catch(() => null);
      if (opened && 'close' in opened && typeof opened.close === 'function')
        await (opened.close as () => Promise<void>)();
    },
  };
}
