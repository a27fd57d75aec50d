// The host of one device: what both Electron main and the Node web host run.
// It owns the data dir and answers the bridge; transports only carry messages.
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { AppInfo } from '../../common/bridge/contract';
import type { OpenedFile } from '../../common/bridge/shell-contract';
import { matchLocale } from '../../common/i18n/locales';
import { verifyRecord } from '../../common/events/chain';
import type { EventDraft } from '../../common/events/event';
import type { EventLog } from '../../common/sync/event-log';
import type { OpenedLog } from './host-store';
import { systemClock, type Clock } from '../services/clock';
import { createLogger } from '../services/logger';
import type { Notifier } from '../services/notifier';
import { createBackupHost } from './backup-host';
import { createRouter, HostEvents, type Router } from './bridge-router';
import { Monitoring, SECRET_PREFIX } from './monitoring';
import { Replication, type ConnectHub } from './replication';
import { createCommsHost } from './comms-host';
import { RecordView } from './record-view';
import { createRunbookHost } from './runbook-host';
import { openSecretStore } from './secret-store';
import { openSettingsStore, type SettingsStore } from './settings-store';

export interface HostOptions {
  readonly dataDir: string;
  readonly mode: AppInfo['mode'];
  readonly version: string;
  /** The system language as a BCP 47 tag; Electron passes app.getLocale(). */
  readonly systemLocale: string;
  /**
   * Opens the host's replica, on first need. PGlite's first start keeps Node's
   * event loop busy for seconds, so it must not run before the window has
   * loaded: the window shows its own replica at once and syncs once interactive.
   */
  readonly openLog: () => Promise<OpenedLog>;
  readonly connectHub: ConnectHub;
  /** Electron's system notifications; browser mode pushes `app:notify` to its windows. */
  readonly notifier?: Notifier;
  /** The monitors' clock (a fake one in tests). */
  readonly clock?: Clock;
  /** The desktop shell's queue of files the system asked it to open; none in browser mode. */
  readonly takeOpenedFile?: () => Promise<OpenedFile | null>;
}

export interface Host {
  readonly route: Router;
  readonly events: HostEvents;
  readonly settings: SettingsStore;
  readonly replication: Replication;
  readonly monitoring: Monitoring;
  /** The host's replica, opened on first call. */
  log(): Promise<EventLog>;
  /** Writes events of this host's own into its record, and tells windows and the hub. */
  append(drafts: readonly EventDraft[]): Promise<void>;
  readonly dataDir: string;
  close(): Promise<void>;
}

const HUB_START_DELAY_MS = 2_000;
/** PostgreSQL's largest LIMIT worth asking for: more events than any record holds. */
const ALL_EVENTS = 2 ** 31 - 1;

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
  let opened: Promise<OpenedLog> | null = null;
  const open = () => {
    if (!opened) {
      opened = options.openLog();
      opened.catch((error: unknown) => createLogger('store').error('the host store could not be opened', error));
    }
    return opened;
  };
  const log = () => open().then((store) => store.log);
  const secrets = openSecretStore(options.dataDir);
  const replication = new Replication({
    dataDir: options.dataDir,
    log,
    events,
    secrets,
    connectHub: options.connectHub,
    logger: createLogger('replication'),
  });
  const clock = options.clock ?? systemClock;
  // Host services write their own events (a monitor's change, a command's
  // evidence) into this device's chain, as any replica writes its own.
  const appendOwn = async (drafts: readonly EventDraft[]) => {
    const store = await open();
    if (!store.append) throw new Error('this record is read-only');
    return store.append(drafts, clock.now());
  };
  const monitoring = new Monitoring({
    log,
    append: appendOwn,
    onAppended: (vector) => replication.onLocalChange(vector),
    secrets,
    events,
    notifier: options.notifier ?? {
      notify: (title, body, tag) => events.emit('app:notify', { title, body, ...(tag ? { tag } : {}) }),
    },
    clock,
    logger: createLogger('monitoring'),
    locale: () => settings.get().locale ?? matchLocale(options.systemLocale),
  });
  const view = new RecordView({ log, events, clock });
  const append = async (drafts: readonly EventDraft[]) => {
    await appendOwn(drafts);
    replication.onLocalChange(await (await log()).vector());
  };
  const runbooks = createRunbookHost({
    view,
    monitors: monitoring.watch,
    dataDir: options.dataDir,
    append,
    events,
    secrets,
    logger: createLogger('runbook'),
    clock,
  });
  const comms = createCommsHost({
    dataDir: options.dataDir,
    append,
    events,
    // The secrets people set through `secret:set` (the Secrets panel) live in the monitors' namespace.
    secret: (name) => secrets.get(`${SECRET_PREFIX}${name}`),
    logger: createLogger('comms'),
    clock,
  });
  const backups = createBackupHost({
    dataDir: options.dataDir,
    appVersion: options.version,
    log,
    onRestored: async (replica) => replication.onLocalChange(await replica.vector()),
    logger: createLogger('backup'),
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
      // Every event beyond the empty vector is every event held, through the one
      // interface all replicas share.
      'record:verify': async () => {
        const replica = await log();
        const heads = await replica.vector();
        return verifyRecord(await replica.eventsBeyond({}, ALL_EVENTS), heads);
      },
      ...monitoring.handlers,
      ...runbooks.handlers,
      ...comms.handlers,
      ...backups.handlers,
      'shell:take-opened-file': async () => ({ file: (await options.takeOpenedFile?.()) ?? null }),
    },
    hostLog,
  );
  // The hub loop would open the store at once; give a window time to load first.
  // A window's first sync opens the store sooner; with no window, this does.
  const startTimer = setTimeout(() => {
    void replication.start();
    void monitoring.start();
    comms.start().catch(() => undefined);
    runbooks
      .recoverInterrupted()
      .catch((error: unknown) => createLogger('runbook').error('interrupted steps could not be recorded', error));
  }, HUB_START_DELAY_MS);
  startTimer.unref();
  hostLog.info(`host ready (${options.mode}), data in ${options.dataDir}`);
  return {
    route,
    events,
    settings,
    replication,
    monitoring,
    log,
    append,
    dataDir: options.dataDir,
    async close() {
      clearTimeout(startTimer);
      // Running commands are cancelled and their evidence written before the store closes.
      await runbooks.close();
      await comms.close();
      replication.close();
      await monitoring.close();
      const store = opened ? await opened.catch(() => null) : null;
      await store?.close();
    },
  };
}
