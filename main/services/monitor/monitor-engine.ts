// The host's monitoring service: definitions in, checks scheduled, results
// through history, latency baseline and the board, changes out. The host
// wires `onChanges` into the event log and the notifier, and its routes into
// `acceptHeartbeat` and `receiveAlertmanager`. Secrets are looked up at check
// time and never leave the probes.
import {
  alertmanagerWebhookSchema,
  applyAlertmanagerWebhook,
  type IncomingAlert,
  type IncomingAlertChange,
} from '../../../common/monitors/alertmanager';
import { CheckHistory, type HistorySample } from '../../../common/monitors/check-history';
import { EMPTY_BASELINE, observeLatency, type Baseline } from '../../../common/monitors/latency-baseline';
import type { MonitorDefinition } from '../../../common/monitors/monitor-schema';
import {
  MonitorBoard,
  type BoardChange,
  type CheckResult,
  type MonitorView,
} from '../../../common/monitors/monitor-state';
import { warning } from '../../../common/monitors/reasons';
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../logger';
import { createNetworkDriver, type MonitorDriver } from './drivers';
import { acceptBeat, HeartbeatRegistry, type BeatVerdict } from './heartbeat';
import { createHttpAgents, type HttpAgents } from './http-probe';
import type { PingOptions } from './ping-probe';
import type { ProbeResult, SecretLookup } from './probe';
import { ProbeScheduler, type SchedulerStats } from './probe-scheduler';

const HOUR = 3_600_000;
/** Maintenance windows are minute-granular; a check every 15 s opens and closes them on time. */
const MAINTENANCE_REFRESH_MS = 15_000;

export interface MonitorEngineOptions {
  readonly clock: Clock;
  readonly secrets: SecretLookup;
  readonly logger: Logger;
  readonly concurrency?: number;
  readonly historyCapacity?: number;
  readonly ping?: PingOptions;
  /** PEM certificates of private CAs that HTTPS monitors trust besides the public ones. */
  readonly trustedCertificates?: readonly string[];
  /** Status and warning changes, in the order they happened: the event log's input. */
  readonly onChanges?: (changes: readonly BoardChange[]) => void;
  /** Every check result (for a live latency chart); not for the event log, it is far too chatty. */
  readonly onCheck?: (monitorId: string, result: CheckResult) => void;
  readonly onAlertChanges?: (changes: readonly IncomingAlertChange[]) => void;
  /** How late each check started, in ms (benchmarks, the host's health page). */
  readonly onCheckStarted?: (monitorId: string, lateByMs: number) => void;
}

export interface MonitorSnapshot {
  readonly view: MonitorView;
  readonly name: string;
  readonly type: MonitorDefinition['type'];
  /** Percentages, null before any check in the window. */
  readonly uptime: { readonly day: number | null; readonly week: number | null; readonly month: number | null };
  readonly usualLatencyMs: number | null;
  readonly isDriven: boolean;
}

export type AlertmanagerReceipt =
  | { readonly ok: true; readonly changes: readonly IncomingAlertChange[] }
  | { readonly ok: false; readonly error: { readonly code: 'invalid-webhook'; readonly message: string } };

export class MonitorEngine {
  private definitions = new Map<string, MonitorDefinition>();
  private readonly histories = new Map<string, CheckHistory>();
  private readonly baselines = new Map<string, Baseline>();
  private readonly drivers = new Map<string, MonitorDriver>();
  private incoming = new Map<string, IncomingAlert>();
  private readonly board: MonitorBoard;
  private readonly scheduler: ProbeScheduler;
  private readonly agents: HttpAgents;
  private readonly heartbeats: HeartbeatRegistry;
  private readonly network: MonitorDriver;
  private maintenanceTimer: TimerHandle | null = null;

  constructor(private readonly options: MonitorEngineOptions) {
    const { clock } = options;
    this.board = new MonitorBoard([], clock.now());
    this.agents = createHttpAgents(options.trustedCertificates);
    this.heartbeats = new HeartbeatRegistry(clock.now());
    this.network = createNetworkDriver(this.agents, this.heartbeats, options.ping);
    this.scheduler = new ProbeScheduler({
      clock,
      concurrency: options.concurrency,
      check: (id, signal) => this.check(id, signal),
      onResult: (id, result) => this.record(id, result),
      onStart: options.onCheckStarted,
    });
  }

  /** Replaces the monitors (an import, a `doc.put`): kept ones keep their state and history. */
  setMonitors(definitions: readonly MonitorDefinition[]): void {
    const now = this.options.clock.now();
    this.definitions = new Map(definitions.map((definition) => [definition.id, definition]));
    for (const id of [...this.histories.keys()]) {
      if (this.definitions.has(id)) continue;
      this.histories.delete(id);
      this.baselines.delete(id);
      this.drivers.delete(id);
      this.heartbeats.forget(id);
    }
    this.emit(this.board.setDefinitions(definitions, now));
    for (const definition of definitions) {
      if (!this.histories.has(definition.id)) {
        this.histories.set(definition.id, new CheckHistory(this.options.historyCapacity));
      }
    }
    this.scheduler.set(
      definitions
        .filter((definition) => definition.enabled)
        .map((definition) => ({
          id: definition.id,
          intervalMs: definition.interval * 1000,
          timeoutMs: definition.timeout * 1000,
        })),
    );
  }

  start(): void {
    this.scheduler.start();
    this.scheduleMaintenance();
  }

  async stop(): Promise<void> {
    if (this.maintenanceTimer !== null) this.options.clock.clearTimeout(this.maintenanceTimer);
    this.maintenanceTimer = null;
    await this.scheduler.stop();
    this.agents.destroy();
  }

  checkNow(monitorId: string): void {
    this.scheduler.checkNow(monitorId);
  }

  /** Lets an exercise (or a test) decide a monitor's results; null gives it back to the network. */
  drive(monitorId: string, driver: MonitorDriver | null): void {
    if (driver === null) this.drivers.delete(monitorId);
    else this.drivers.set(monitorId, driver);
  }

  /** The host's heartbeat route: `POST /heartbeat/<monitor id>` with `?token=` when the monitor has one. */
  async acceptHeartbeat(monitorId: string, token: string | null): Promise<BeatVerdict> {
    const definition = this.definitions.get(monitorId);
    const monitor = definition?.type === 'heartbeat' ? definition : undefined;
    const verdict = await acceptBeat(this.heartbeats, monitor, token, this.options.secrets, this.options.clock.now());
    // A beat is news: check at once rather than at the next tick.
    if (verdict === 'accepted') this.scheduler.checkNow(monitorId);
    return verdict;
  }

  /** The host's Alertmanager route: the parsed JSON body of a webhook. */
  receiveAlertmanager(body: unknown): AlertmanagerReceipt {
    const parsed = alertmanagerWebhookSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.map(String).join('.') ?? '';
      return { ok: false, error: { code: 'invalid-webhook', message: `${where}: ${issue?.message ?? 'invalid'}` } };
    }
    const { alerts, changes } = applyAlertmanagerWebhook(this.incoming, parsed.data, this.options.clock.now());
    this.incoming = alerts;
    if (changes.length > 0) this.options.onAlertChanges?.(changes);
    return { ok: true, changes };
  }

  alerts(): IncomingAlert[] {
    return [...this.incoming.values()];
  }

  snapshot(): MonitorSnapshot[] {
    const now = this.options.clock.now();
    return this.board.views().flatMap((view) => {
      const definition = this.definitions.get(view.id);
      const history = this.histories.get(view.id);
      if (definition === undefined || history === undefined) return [];
      const baseline = this.baselines.get(view.id);
      return [
        {
          view,
          name: definition.name,
          type: definition.type,
          uptime: {
            day: history.uptime(now, 24 * HOUR),
            week: history.uptime(now, 7 * 24 * HOUR),
            month: history.uptime(now, 30 * 24 * HOUR),
          },
          usualLatencyMs: baseline && baseline.samples > 0 ? Math.round(baseline.meanMs) : null,
          isDriven: this.drivers.has(view.id),
        },
      ];
    });
  }

  /** A monitor's retained checks, oldest first; the latest `limit` only when given. */
  history(monitorId: string, limit?: number): HistorySample[] {
    return this.histories.get(monitorId)?.samples(limit) ?? [];
  }

  definition(monitorId: string): MonitorDefinition | undefined {
    return this.definitions.get(monitorId);
  }

  stats(): SchedulerStats {
    return this.scheduler.stats();
  }

  private check(monitorId: string, signal: AbortSignal): Promise<ProbeResult> {
    const definition = this.definitions.get(monitorId);
    if (definition === undefined) return Promise.reject(new Error(`unknown monitor ${monitorId}`));
    const driver = this.drivers.get(monitorId) ?? this.network;
    return driver.check(definition, {
      signal,
      timeoutMs: definition.timeout * 1000,
      secrets: this.options.secrets,
      now: () => this.options.clock.now(),
    });
  }

  private record(monitorId: string, checked: CheckResult): void {
    let result = checked;
    if (result.outcome === 'success' && result.latencyMs !== null) {
      const baseline = observeLatency(this.baselines.get(monitorId) ?? EMPTY_BASELINE, result.latencyMs);
      this.baselines.set(monitorId, baseline);
      if (baseline.isWarning) {
        const slow = warning('slowerThanUsual', { latency: result.latencyMs, usual: Math.round(baseline.meanMs) });
        result = { ...result, warnings: [...result.warnings, slow] };
      }
    }
    this.histories.get(monitorId)?.push(result);
    this.options.onCheck?.(monitorId, result);
    this.emit(this.board.record(monitorId, result));
  }

  private emit(changes: readonly BoardChange[]): void {
    if (changes.length === 0) return;
    for (const change of changes) {
      if (change.type === 'status' && change.isAlert) this.options.logger.info(`monitor ${change.monitorId} is down`);
    }
    this.options.onChanges?.(changes);
  }

  private scheduleMaintenance(): void {
    const { clock } = this.options;
    this.maintenanceTimer = clock.setTimeout(() => {
      this.emit(this.board.refreshMaintenance(clock.now()));
      this.scheduleMaintenance();
    }, MAINTENANCE_REFRESH_MS);
  }
}
