// The host's monitoring: the engine follows the `monitor` documents of the
// host's record, its status changes become `monitor.state-changed` events
// (never each check), alerts and recoveries go to the notifier, and windows
// get the live board over the bridge. Secrets for monitors live in the host's
// secret store under `monitor/<name>`; their values never reach a window.
import { timingSafeEqual, createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { CallName } from '../../common/bridge/contract';
import {
  SPARKLINE_CHECKS,
  type AlertRow,
  type MonitorBoardSnapshot,
  type MonitorRow,
} from '../../common/bridge/monitor-contract';
import { normaliseName } from '../../common/domain/documents';
import { compareEvents } from '../../common/domain/order';
import { ACTOR_MAX, NAME_MAX, type EventDraft, type WarEvent } from '../../common/events/event';
import { hlcMillis } from '../../common/events/hlc';
import type { Locale } from '../../common/i18n/locales';
import { translate } from '../../common/i18n/messages';
import type { IncomingAlert, IncomingAlertChange } from '../../common/monitors/alertmanager';
import {
  applyMonitorDocEvent,
  EMPTY_MONITOR_DOCS,
  MONITOR_COLLECTION,
  monitorServices,
  validMonitors,
  type MonitorDocs,
} from '../../common/monitors/monitor-docs';
import type { MonitorDefinition } from '../../common/monitors/monitor-schema';
import type { BoardChange } from '../../common/monitors/monitor-state';
import { describe, reason } from '../../common/monitors/reasons';
import { hasDocumentIndex, type EventLog } from '../../common/sync/event-log';
import type { VersionVector } from '../../common/sync/vector';
import type { Clock, TimerHandle } from '../services/clock';
import type { Logger } from '../services/logger';
import { ScriptedDriver } from '../services/monitor/drivers';
import { MonitorEngine, type AlertmanagerReceipt } from '../services/monitor/monitor-engine';
import { failure, success } from '../services/monitor/probe';
import type { BeatVerdict } from '../services/monitor/heartbeat';
import type { Notifier } from '../services/notifier';
import type { MonitorWatch } from '../services/runbook/monitor-wait';
import type { Handlers, HostEvents } from './bridge-router';
import type { SecretStore } from './secret-store';

/** Monitor secrets share the host's store with the hub token, in a namespace of their own. */
export const SECRET_PREFIX = 'monitor/';
/** The secret that opens `POST /alertmanager`; without it the route refuses everything. */
export const ALERTMANAGER_TOKEN_SECRET = 'alertmanager-token';
const READ_BATCH = 5_000;
/** Checks come in bursts; windows get one board per burst. */
const PUSH_DELAY_MS = 250;

export type MonitoringCalls = Extract<
  CallName,
  'monitor:snapshot' | 'monitor:history' | 'monitor:check-now' | 'secret:list' | 'secret:set'
>;

export interface MonitoringOptions {
  /** The host's replica, opened on first call. */
  readonly log: () => Promise<EventLog>;
  /** Seals the host's own events onto its chain; null when the record is read-only (tests). */
  readonly append: ((drafts: readonly EventDraft[]) => Promise<readonly WarEvent[]>) | null;
  /** Called after the host wrote events, so windows and the hub pull them. */
  readonly onAppended: (vector: VersionVector) => void;
  readonly secrets: SecretStore;
  readonly events: HostEvents;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The language of notifications: the host's setting, else the system's. */
  readonly locale: () => Locale;
  /** The author of the host's events; the computer's name by default (evidence says where it was seen from). */
  readonly actor?: string;
  readonly trustedCertificates?: readonly string[];
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function clip(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed || '?';
}

/** What an incoming alert stands for: the services an incident may list. */
function alertServices(alert: IncomingAlert): string[] {
  const names = [alert.labels.service, alert.labels.job, alert.labels.alertname]
    .filter((name): name is string => typeof name === 'string' && name.trim().length > 0)
    .map((name) => clip(name, NAME_MAX));
  return [...new Map(names.map((name) => [name.toLowerCase(), name])).values()];
}

/** What an exercise inject says a monitor's checks find. */
export interface DrivenResult {
  readonly outcome: 'success' | 'failure';
  /** Shown as the reason, in the inject's own words. */
  readonly text: string;
  readonly latencyMs?: number;
}

export class Monitoring {
  readonly engine: MonitorEngine;
  private readonly drivers = new Map<string, ScriptedDriver>();
  private docs: MonitorDocs = EMPTY_MONITOR_DOCS;
  private readonly docEvents: WarEvent[] = [];
  private readonly vector: Record<string, number> = {};
  private definitionsKey = '';
  private definitions: readonly MonitorDefinition[] = [];
  private started: Promise<void> | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private writing: Promise<unknown> = Promise.resolve();
  private pushTimer: TimerHandle | null = null;
  private isRunning = false;
  private isClosed = false;
  private isAlertmanagerEnabled = false;
  private unsubscribe: (() => void) | null = null;
  private readonly actor: string;
  private readonly statusListeners = new Set<(monitorId: string, status: string) => void>();

  /** What a runbook's wait step watches: a monitor by id or name, and each change of status. */
  readonly watch: MonitorWatch = {
    find: (ref) => {
      const rows = this.engine.snapshot();
      const wanted = normaliseName(ref);
      const row =
        rows.find((candidate) => candidate.view.id === ref) ??
        rows.find((candidate) => normaliseName(candidate.name) === wanted);
      return row ? { id: row.view.id, name: row.name, status: row.view.status } : undefined;
    },
    onStatus: (listener) => {
      this.statusListeners.add(listener);
      return () => this.statusListeners.delete(listener);
    },
  };

  constructor(private readonly options: MonitoringOptions) {
    this.actor = clip(options.actor ?? `monitor@${hostname() || 'host'}`, ACTOR_MAX);
    this.engine = new MonitorEngine({
      clock: options.clock,
      logger: options.logger,
      secrets: (name) => options.secrets.get(`${SECRET_PREFIX}${name}`),
      trustedCertificates: options.trustedCertificates,
      onChanges: (changes) => this.onBoardChanges(changes),
      onAlertChanges: (changes) => this.onAlertChanges(changes),
      onCheck: () => this.schedulePush(),
    });
  }

  /** Reads the record, runs its monitors and follows it from then on. Safe to call again. */
  start(): Promise<void> {
    this.started ??= (async () => {
      this.unsubscribe = this.options.events.subscribe((name) => {
        if (name === 'sync:changed') void this.refresh();
      });
      await this.refreshSecrets();
      await this.refresh();
      if (this.isClosed) return;
      this.engine.start();
      this.isRunning = true;
      this.schedulePush();
    })().catch((error: unknown) => this.options.logger.error('monitoring could not start', error));
    return this.started;
  }

  /** Reads what is new in the record; monitor documents that changed reach the engine. */
  refresh(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = this.read()
      .catch((error: unknown) => {
        // A host closing under a read in progress is not news.
        if (!this.isClosed) this.options.logger.error('monitor documents could not be read', error);
      })
      .finally(() => {
        this.reading = null;
        if (this.readAgain && !this.isClosed) {
          this.readAgain = false;
          void this.refresh();
        }
      });
    return this.reading;
  }

  /** The monitor documents as the host last read them. */
  documents(): MonitorDocs {
    return this.docs;
  }

  board(): MonitorBoardSnapshot {
    const monitors = this.engine.snapshot().map((snapshot): MonitorRow => {
      const { view } = snapshot;
      const definition = this.engine.definition(view.id);
      const recent = this.engine.history(view.id, SPARKLINE_CHECKS);
      let failingSince: number | null = null;
      for (let index = recent.length - 1; index >= 0 && recent[index]?.outcome === 'failure'; index -= 1) {
        failingSince = recent[index]?.at ?? null;
      }
      return {
        id: view.id,
        name: snapshot.name,
        type: snapshot.type,
        status: view.status,
        since: view.health.since,
        reason: view.reason,
        ...(view.causedBy === undefined ? {} : { causedBy: view.causedBy }),
        ...(definition?.parent === undefined ? {} : { parent: definition.parent }),
        services: definition ? monitorServices(definition) : [],
        warnings: [...view.warnings],
        lastCheckAt: view.health.last?.at ?? null,
        failingSince,
        uptimeDay: snapshot.uptime.day,
        usualLatencyMs: snapshot.usualLatencyMs,
        latencies: recent.map((sample) => sample.latencyMs),
        isDriven: snapshot.isDriven,
      };
    });
    const alerts = this.engine.alerts().map((alert): AlertRow => ({
      id: alert.id,
      name: alert.name,
      status: alert.status,
      since: alert.since,
      reason: alert.reason,
      severity: alert.severity,
      receiver: alert.receiver,
      generatorURL: alert.generatorURL,
      receivedAt: alert.receivedAt,
    }));
    return { isRunning: this.isRunning, monitors, alerts, isAlertmanagerEnabled: this.isAlertmanagerEnabled };
  }

  readonly handlers: Pick<Handlers, MonitoringCalls> = {
    'monitor:snapshot': async () => this.board(),
    'monitor:history': async ({ monitorId }) => ({ samples: this.engine.history(monitorId) }),
    'monitor:check-now': async ({ monitorId }) => {
      const isKnown = this.engine.definition(monitorId) !== undefined;
      if (isKnown) this.engine.checkNow(monitorId);
      return { isKnown };
    },
    'secret:list': async () => ({ names: await this.secretNames() }),
    'secret:set': async ({ name, value }) => {
      await this.options.secrets.set(`${SECRET_PREFIX}${name}`, value);
      await this.refreshSecrets();
      // A secret that was missing may make a failing monitor pass: check those now.
      for (const row of this.engine.snapshot()) if (row.view.status === 'down') this.engine.checkNow(row.view.id);
      this.schedulePush();
      return { names: await this.secretNames() };
    },
  };

  /**
   * The exercise hook: from now on the monitor's checks give this result, not
   * the network's, through the same thresholds, board and record. `null` gives
   * it back to the network.
   */
  drive(monitorId: string, result: DrivenResult | null): void {
    if (result === null) {
      this.drivers.delete(monitorId);
      this.engine.drive(monitorId, null);
      return;
    }
    const probe =
      result.outcome === 'success'
        ? success(reason('driven', { text: result.text }), result.latencyMs ?? null)
        : failure(reason('driven', { text: result.text }), result.latencyMs ?? null);
    const existing = this.drivers.get(monitorId);
    if (existing) existing.set(probe);
    else {
      const driver = new ScriptedDriver(probe);
      this.drivers.set(monitorId, driver);
      this.engine.drive(monitorId, driver);
    }
    this.engine.checkNow(monitorId);
  }

  acceptHeartbeat(monitorId: string, token: string | null): Promise<BeatVerdict> {
    return this.engine.acceptHeartbeat(monitorId, token);
  }

  /** The Alertmanager route, once its bearer token or `?token=` matched the stored one. */
  async receiveAlertmanager(token: string | null, body: unknown): Promise<AlertmanagerReceipt | 'forbidden'> {
    const expected = await this.options.secrets.get(`${SECRET_PREFIX}${ALERTMANAGER_TOKEN_SECRET}`);
    if (expected === null || token === null || !sameSecret(token, expected)) return 'forbidden';
    const receipt = this.engine.receiveAlertmanager(body);
    if (receipt.ok) this.schedulePush();
    return receipt;
  }

  /** Resolves once every state change so far is in the record. */
  flushed(): Promise<void> {
    return this.writing.then(() => undefined);
  }

  async close(): Promise<void> {
    this.isClosed = true;
    this.unsubscribe?.();
    if (this.pushTimer !== null) this.options.clock.clearTimeout(this.pushTimer);
    await this.started;
    await this.engine.stop();
    await this.reading;
    await this.writing;
  }

  private async secretNames(): Promise<string[]> {
    return (await this.options.secrets.names())
      .filter((name) => name.startsWith(SECRET_PREFIX))
      .map((name) => name.slice(SECRET_PREFIX.length));
  }

  private async refreshSecrets(): Promise<void> {
    this.isAlertmanagerEnabled = (await this.secretNames()).includes(ALERTMANAGER_TOKEN_SECRET);
  }

  private async read(): Promise<void> {
    const log = await this.options.log();
    let isDocChanged = false;
    // The first read takes the monitors from the store's index, then follows on from there.
    if (Object.keys(this.vector).length === 0 && hasDocumentIndex(log)) {
      const { events, vector } = await log.documentEvents(MONITOR_COLLECTION);
      this.docEvents.push(...events);
      Object.assign(this.vector, vector);
      isDocChanged = events.length > 0;
    }
    for (;;) {
      const batch = await log.eventsBeyond(this.vector, READ_BATCH);
      for (const event of batch) {
        this.vector[event.deviceId] = Math.max(this.vector[event.deviceId] ?? 0, event.seq);
        if (
          (event.type === 'doc.put' || event.type === 'doc.delete') &&
          event.payload.collection === MONITOR_COLLECTION
        ) {
          this.docEvents.push(event);
          isDocChanged = true;
        }
      }
      if (batch.length < READ_BATCH) break;
    }
    if (!isDocChanged || this.isClosed) return;
    // Sync may bring an older edit after a newer one: refold in the one total order.
    this.docEvents.sort(compareEvents);
    let docs = EMPTY_MONITOR_DOCS;
    for (const event of this.docEvents) {
      if (event.type === 'doc.put' || event.type === 'doc.delete')
        docs = applyMonitorDocEvent(docs, event, hlcMillis(event.hlc));
    }
    this.docs = docs;
    const definitions = validMonitors(docs);
    const key = JSON.stringify(definitions);
    if (key === this.definitionsKey) return;
    this.definitionsKey = key;
    const invalid = [...docs.byId.values()].filter((doc) => doc.definition === null);
    for (const doc of invalid) this.options.logger.warn(`monitor document ${doc.id} is invalid and not run`);
    const before = new Map(this.definitions.map((definition) => [definition.id, JSON.stringify(definition)]));
    this.definitions = definitions;
    this.engine.setMonitors(definitions);
    // Someone just added or edited these: show their status now rather than
    // somewhere within their interval. At start, the scheduler spreads them.
    if (this.isRunning) {
      for (const definition of definitions) {
        if (definition.enabled && before.get(definition.id) !== JSON.stringify(definition)) {
          this.engine.checkNow(definition.id);
        }
      }
    }
    this.schedulePush();
  }

  private onBoardChanges(changes: readonly BoardChange[]): void {
    const drafts: EventDraft[] = [];
    const locale = this.options.locale();
    for (const change of changes) {
      if (change.type !== 'status') continue;
      for (const listener of this.statusListeners) listener(change.monitorId, change.to);
      // A monitor found up at start tells no incident anything; one found down does.
      if (change.from === 'pending' && change.to === 'up') continue;
      const definition = this.engine.definition(change.monitorId);
      if (!definition) continue;
      drafts.push(this.stateChanged(definition, change));
      if (change.isAlert || change.isRecovery) {
        this.options.notifier.notify(
          translate(locale, change.isAlert ? 'monitors.notify.down' : 'monitors.notify.up', { name: definition.name }),
          describe(change.reason, locale),
          `monitor:${definition.id}`,
        );
      }
    }
    this.record(drafts);
    this.schedulePush();
  }

  private stateChanged(definition: MonitorDefinition, change: Extract<BoardChange, { type: 'status' }>): EventDraft {
    const last = this.engine.history(definition.id, 1)[0];
    return {
      type: 'monitor.state-changed',
      actor: this.actor,
      payload: {
        monitorId: definition.id,
        name: definition.name,
        status: change.to,
        from: change.from,
        reason: change.reason,
        ...(last?.latencyMs === null || last === undefined ? {} : { latencyMs: Math.round(last.latencyMs) }),
        services: monitorServices(definition),
        isAlert: change.isAlert,
      },
    };
  }

  private onAlertChanges(changes: readonly IncomingAlertChange[]): void {
    const locale = this.options.locale();
    const drafts: EventDraft[] = changes.map((change) => {
      const name = clip(change.alert.name, NAME_MAX);
      if (change.to === 'down' || change.from === 'down') {
        this.options.notifier.notify(
          translate(locale, change.to === 'down' ? 'monitors.notify.alertFiring' : 'monitors.notify.alertResolved', {
            name,
          }),
          describe(change.alert.reason, locale),
          change.alertId,
        );
      }
      const services = alertServices(change.alert);
      return {
        type: 'monitor.state-changed',
        actor: this.actor,
        payload: {
          monitorId: change.alertId.slice(0, 200),
          name,
          status: change.to,
          from: change.from ?? 'pending',
          reason: change.alert.reason,
          ...(services.length > 0 ? { services } : {}),
          isAlert: change.to === 'down',
        },
      };
    });
    this.record(drafts);
  }

  /** Appends in order, one batch at a time; a refused draft is logged, never thrown at the engine. */
  private record(drafts: readonly EventDraft[]): void {
    const { append } = this.options;
    if (drafts.length === 0 || append === null) return;
    this.writing = this.writing
      .then(async () => {
        await append(drafts);
        const log = await this.options.log();
        this.options.onAppended(await log.vector());
      })
      .catch((error: unknown) => this.options.logger.error('monitor changes could not be recorded', error));
  }

  private schedulePush(): void {
    if (this.pushTimer !== null || this.isClosed) return;
    this.pushTimer = this.options.clock.setTimeout(() => {
      this.pushTimer = null;
      if (this.isClosed) return;
      this.options.events.emit('monitor:changed', this.board());
    }, PUSH_DELAY_MS);
  }
}
