// The host of one device: what both Electron main and the Node web host run.
// It owns the data dir and answers the bridge; transports only carry messages.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type { AppInfo, EventPayload } from '../../common/bridge/contract';
import type { OpenedFile } from '../../common/bridge/shell-contract';
import { matchLocale } from '../../common/i18n/locales';
import { verifyRecord } from '../../common/events/chain';
import {
  DEFAULT_WORKSPACE,
  EXERCISE_WORKSPACE,
  WORKSPACES,
  type EventDraft,
  type PersonRef,
  type WarEvent,
  type Workspace,
} from '../../common/events/event';
import type { EventLog } from '../../common/sync/event-log';
import type { HostIdentity, OpenedLog } from './host-store';
import { deviceKey, type KeySeal } from './device-identity';
import { systemClock, type Clock } from '../services/clock';
import { createLogger } from '../services/logger';
import type { Notifier } from '../services/notifier';
import { createBackupHost } from './backup-host';
import { createRouter, HostEvents, type Router } from './bridge-router';
import { Monitoring, SECRET_PREFIX } from './monitoring';
import { Replication, type ConnectHub } from './replication';
import { createCommsHost } from './comms-host';
import { createDevicesHost } from './devices-host';
import { createExerciseHost } from './exercise-host';
import { RecordView } from './record-view';
import { createRunbookHost } from './runbook-host';
import { openSecretStore } from './secret-store';
import { openSettingsStore, type SettingsStore } from './settings-store';
import { accessOf } from './web-access';

export interface HostOptions {
  readonly dataDir: string;
  readonly mode: AppInfo['mode'];
  readonly version: string;
  /** The system language as a BCP 47 tag; Electron passes app.getLocale(). */
  readonly systemLocale: string;
  /**
   * Opens the host's record, on first need, writing as `identity` (its device
   * key, the person at the laptop). PGlite's first start keeps Node's event loop
   * busy for seconds, so it must not run before the window has loaded: the
   * window shows its own replica at once and syncs once interactive.
   */
  readonly openLog: (identity: HostIdentity) => Promise<OpenedLog>;
  readonly connectHub: ConnectHub;
  /** Electron's system notifications; browser mode pushes `app:notify` to its windows. */
  readonly notifier?: Notifier;
  /** The monitors' clock (a fake one in tests). */
  readonly clock?: Clock;
  /** How the device key is sealed at rest: Electron's safeStorage in the desktop app; none in browser mode. */
  readonly keySeal?: KeySeal;
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

/** One workspace's record in this host: its log, its writes, its own reading of it, its hub. */
interface WorkspaceRecord {
  readonly workspace: Workspace;
  log(): Promise<EventLog>;
  appendOwn(drafts: readonly EventDraft[]): Promise<readonly WarEvent[]>;
  /** Writes events of this host's own, and tells windows and the hub. */
  append(drafts: readonly EventDraft[]): Promise<void>;
  deviceId(): Promise<string>;
  readonly replication: Replication;
  readonly view: RecordView;
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
  const secrets = openSecretStore(options.dataDir);
  // The person at the laptop: the name in the "You" box, else the account's.
  const person = (): PersonRef => ({ name: settings.get().displayName ?? (currentUserName() || 'War-room') });
  const open = () => {
    if (!opened) {
      opened = deviceKey(secrets, options.keySeal).then((key) => options.openLog({ key, person }));
      opened.catch((error: unknown) => createLogger('store').error('the host store could not be opened', error));
    }
    return opened;
  };
  const clock = options.clock ?? systemClock;
  const records = new Map(WORKSPACES.map((workspace) => [workspace, openWorkspace(workspace)] as const)) as ReadonlyMap<
    Workspace,
    WorkspaceRecord
  >;
  function openWorkspace(workspace: Workspace): WorkspaceRecord {
    const opened = () =>
      open().then((store) => {
        if (workspace === DEFAULT_WORKSPACE) return store;
        if (!store.workspace) throw new Error(`this store holds no "${workspace}" workspace`);
        return store.workspace(workspace);
      });
    const log = () => opened().then((store) => store.log);
    const deviceId = async () => {
      const store = await opened();
      if (store.deviceId === undefined) throw new Error('this record is read-only');
      return store.deviceId;
    };
    const replication = new Replication({
      dataDir: options.dataDir,
      workspace,
      log,
      deviceId,
      events,
      secrets,
      connectHub: options.connectHub,
      logger: createLogger(workspace === DEFAULT_WORKSPACE ? 'replication' : `replication:${workspace}`),
      // The clock this host seals its events with: the one the hub's is compared with.
      now: () => clock.now(),
    });
    // Host services write their own events (a monitor's change, a command's
    // evidence, an inject) into this device's chain, as any replica writes its own.
    const appendOwn = async (drafts: readonly EventDraft[]) => {
      const store = await opened();
      if (!store.append) throw new Error('this record is read-only');
      return store.append(drafts, clock.now());
    };
    const append = async (drafts: readonly EventDraft[]) => {
      await appendOwn(drafts);
      replication.onLocalChange(await (await log()).vector());
    };
    return { workspace, log, appendOwn, append, deviceId, replication, view: new RecordView({ log, events, clock }) };
  }
  const record = (workspace: Workspace | undefined): WorkspaceRecord =>
    records.get(workspace ?? DEFAULT_WORKSPACE) as WorkspaceRecord;
  const real = record(DEFAULT_WORKSPACE);
  const drill = record(EXERCISE_WORKSPACE);
  const { log, replication, view, append } = real;
  const monitoring = new Monitoring({
    log,
    append: real.appendOwn,
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
  // The exercise workspace's runs: their own runner and journal, evidence in the drill's record.
  const drillDir = join(options.dataDir, EXERCISE_WORKSPACE);
  await mkdir(drillDir, { recursive: true });
  const drillRunbooks = createRunbookHost({
    view: drill.view,
    monitors: monitoring.watch,
    dataDir: drillDir,
    append: drill.append,
    events,
    secrets,
    logger: createLogger('runbook:exercise'),
    clock,
    workspace: EXERCISE_WORKSPACE,
  });
  const exercises = createExerciseHost({
    view: drill.view,
    append: drill.append,
    deviceId: drill.deviceId,
    clock,
    logger: createLogger('exercise'),
  });
  // Whatever grows the drill's record (a window, the hub, the clock itself) may move its clock.
  events.subscribe((name, payload) => {
    if (name === 'sync:changed' && (payload as EventPayload<'sync:changed'>).workspace === EXERCISE_WORKSPACE)
      exercises.onChanged();
  });
  const comms = createCommsHost({
    dataDir: options.dataDir,
    append,
    appendExercise: drill.append,
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
  const devices = createDevicesHost({ record, person, logger: createLogger('devices') });
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
      // The transport says who called: the desktop window is always at the laptop.
      'app:get-access': async (_request, caller) => accessOf(caller.isAtLaptop),
      'settings:get': async () => settings.get(),
      'settings:update': async (patch) => {
        const next = await settings.update(patch);
        events.emit('settings:changed', next);
        return next;
      },
      'sync:exchange': (request, caller) => {
        const target = records.get(request.workspace as Workspace);
        // An unknown workspace gets the protocol's own refusal from the real record.
        return (target ?? real).replication.exchangeWithWindow(request, caller);
      },
      'sync:get-status': async ({ workspace }) => record(workspace).replication.status(),
      'hub:join': ({ url, token, workspace }) => record(workspace).replication.join(url, token),
      'hub:leave': ({ workspace }) => record(workspace).replication.leave(),
      // Every event beyond the empty vector is every event held, through the one
      // interface all replicas share.
      'record:identity': async ({ workspace }, caller) => ({
        sponsor: await record(workspace).deviceId(),
        kind: caller.isAtLaptop ? 'window' : 'lan',
        person: caller.isAtLaptop ? person() : null,
      }),
      'record:verify': async () => {
        const replica = await log();
        const heads = await replica.vector();
        return verifyRecord(await replica.eventsBeyond({}, ALL_EVENTS), heads);
      },
      ...devices.handlers,
      ...monitoring.handlers,
      ...runbooks.handlers,
      'runbook:run-step': (request, caller) =>
        (request.workspace === EXERCISE_WORKSPACE ? drillRunbooks : runbooks).handlers['runbook:run-step'](
          request,
          caller,
        ),
      'runbook:cancel': async ({ execId }) => ({
        isCancelled: runbooks.runner.cancel(execId) || drillRunbooks.runner.cancel(execId),
      }),
      'runbook:ack-output': async ({ execId, bytes }) => {
        runbooks.runner.ack(execId, bytes);
        drillRunbooks.runner.ack(execId, bytes);
        return {};
      },
      ...exercises.handlers,
      ...comms.handlers,
      ...backups.handlers,
      'shell:take-opened-file': async () => ({ file: (await options.takeOpenedFile?.()) ?? null }),
    },
    hostLog,
  );
  // The hub loop would open the store at once; give a window time to load first.
  // A window's first sync opens the store sooner; with no window, this does.
  const startTimer = setTimeout(() => {
    for (const each of records.values()) void each.replication.start();
    void monitoring.start();
    exercises.start().catch(() => undefined);
    comms.start().catch(() => undefined);
    for (const host of [runbooks, drillRunbooks])
      host
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
      exercises.close();
      await runbooks.close();
      await drillRunbooks.close();
      await comms.close();
      for (const each of records.values()) each.replication.close();
      await monitoring.close();
      const store = opened ? await opened.catch(() => null) : null;
      await store?.close();
    },
  };
}
