// The host of one device: what both Electron main and the Node web host run.
// It owns the data dir and answers the bridge; transports only carry messages.
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { AppInfo } from '../../common/bridge/contract';
import { createLogger } from '../services/logger';
import { createRouter, HostEvents, type Router } from './bridge-router';
import { openSettingsStore, type SettingsStore } from './settings-store';

export interface HostOptions {
  readonly dataDir: string;
  readonly mode: AppInfo['mode'];
  readonly version: string;
  /** The system language as a BCP 47 tag; Electron passes app.getLocale(). */
  readonly systemLocale: string;
}

export interface Host {
  readonly route: Router;
  readonly events: HostEvents;
  readonly settings: SettingsStore;
  readonly dataDir: string;
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
  const log = createLogger('host');
  await mkdir(options.dataDir, { recursive: true });
  const settings = await openSettingsStore(options.dataDir, createLogger('settings'));
  const events = new HostEvents();
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
    },
    log,
  );
  log.info(`host ready (${options.mode}), data in ${options.dataDir}`);
  return { route, events, settings, dataDir: options.dataDir };
}
