// The state of every monitor, as pure transitions: check results move a
// monitor's health through its failure and success thresholds (so one lost
// packet does not page anyone), and the status shown adds maintenance windows
// and parents on top. A child failing under a failing parent is shown as
// caused by that parent, not alerted on its own: one root cause on the board.
import { isInMaintenance } from './maintenance';
import type { MonitorDefinition } from './monitor-schema';
import { reason, type Reason } from './reasons';

export type CheckOutcome = 'success' | 'failure';

/** What one check found; probes produce it, the exercise clock may forge it. */
export interface CheckResult {
  /** When the check started, in ms since the epoch. */
  readonly at: number;
  readonly outcome: CheckOutcome;
  readonly latencyMs: number | null;
  readonly reason: Reason<'reason'>;
  /** Early signs that are not failures: a certificate close to expiry, unusual slowness. */
  readonly warnings: readonly Reason<'warning'>[];
}

export const MONITOR_STATUSES = ['pending', 'up', 'down', 'maintenance', 'caused-by-parent'] as const;
export type MonitorStatus = (typeof MONITOR_STATUSES)[number];

/** A monitor's own verdict from its checks, before maintenance and parents are considered. */
export interface Health {
  readonly status: 'pending' | 'up' | 'down';
  readonly since: number;
  readonly consecutiveFailures: number;
  readonly consecutiveSuccesses: number;
  readonly last: CheckResult | null;
}

export function initialHealth(at: number): Health {
  return { status: 'pending', since: at, consecutiveFailures: 0, consecutiveSuccesses: 0, last: null };
}

export interface Thresholds {
  readonly failureThreshold: number;
  readonly successThreshold: number;
}

/**
 * One check applied to a health. A pending monitor goes up on its first
 * success (there is no flapping to damp yet) but down only after the failure
 * threshold, like an up one; a down monitor needs the success threshold.
 */
export function nextHealth(health: Health, result: CheckResult, thresholds: Thresholds): Health {
  if (result.outcome === 'success') {
    const successes = health.consecutiveSuccesses + 1;
    const isUp =
      health.status === 'up' ||
      health.status === 'pending' ||
      (health.status === 'down' && successes >= thresholds.successThreshold);
    return {
      status: isUp ? 'up' : 'down',
      since: isUp && health.status !== 'up' ? result.at : health.since,
      consecutiveFailures: 0,
      consecutiveSuccesses: successes,
      last: result,
    };
  }
  const failures = health.consecutiveFailures + 1;
  const isDown = health.status === 'down' || failures >= thresholds.failureThreshold;
  return {
    status: isDown ? 'down' : health.status,
    since: isDown && health.status !== 'down' ? result.at : health.since,
    consecutiveFailures: failures,
    consecutiveSuccesses: 0,
    last: result,
  };
}

/**
 * A parent is failing when it is down or its latest check failed: children and
 * parent usually fail in the same second, and the child must not alert in the
 * few checks before the parent crosses its own threshold.
 */
export function isFailing(health: Health): boolean {
  return health.status === 'down' || health.last?.outcome === 'failure';
}

export interface MonitorView {
  readonly id: string;
  readonly status: MonitorStatus;
  /** Why it is in that status: the latest check's reason, or the parent it is blamed on. */
  readonly reason: Reason<'reason'>;
  /** The failing ancestor highest up the chain, for `caused-by-parent`. */
  readonly causedBy?: string;
  readonly warnings: readonly Reason<'warning'>[];
  readonly health: Health;
}

export type BoardChange =
  | {
      readonly type: 'status';
      readonly monitorId: string;
      readonly at: number;
      readonly from: MonitorStatus;
      readonly to: MonitorStatus;
      readonly reason: Reason<'reason'>;
      readonly causedBy?: string;
      /** Only a monitor going down on its own pages anyone; its return is the matching recovery. */
      readonly isAlert: boolean;
      readonly isRecovery: boolean;
    }
  | {
      readonly type: 'warnings';
      readonly monitorId: string;
      readonly at: number;
      readonly raised: readonly Reason<'warning'>[];
      readonly cleared: readonly Reason<'warning'>[];
    };

/** The board of all monitors: their healths, and the status each one shows. */
export class MonitorBoard {
  private definitions = new Map<string, MonitorDefinition>();
  private children = new Map<string, string[]>();
  private healths = new Map<string, Health>();
  private shown = new Map<string, MonitorView>();

  constructor(definitions: readonly MonitorDefinition[], now: number) {
    this.setDefinitions(definitions, now);
  }

  /** Replaces the definitions; a kept monitor keeps its health, a new one starts pending. */
  setDefinitions(definitions: readonly MonitorDefinition[], now: number): BoardChange[] {
    this.definitions = new Map(definitions.map((definition) => [definition.id, definition]));
    this.children = new Map();
    for (const definition of definitions) {
      if (definition.parent === undefined) continue;
      const siblings = this.children.get(definition.parent) ?? [];
      siblings.push(definition.id);
      this.children.set(definition.parent, siblings);
    }
    for (const id of this.healths.keys()) if (!this.definitions.has(id)) this.healths.delete(id);
    for (const id of this.shown.keys()) if (!this.definitions.has(id)) this.shown.delete(id);
    for (const definition of definitions) {
      if (!this.healths.has(definition.id)) this.healths.set(definition.id, initialHealth(now));
    }
    return this.refresh([...this.definitions.keys()], now);
  }

  /** Applies one check; returns what changed on the board, the monitor's children included. */
  record(monitorId: string, result: CheckResult): BoardChange[] {
    const definition = this.definitions.get(monitorId);
    const health = this.healths.get(monitorId);
    if (definition === undefined || health === undefined) return [];
    this.healths.set(monitorId, nextHealth(health, result, definition));
    return this.refresh(this.withDescendants(monitorId), result.at);
  }

  /** Maintenance windows open and close with no check happening: the host calls this every few seconds. */
  refreshMaintenance(now: number): BoardChange[] {
    const windowed = [...this.definitions.values()].filter((definition) => definition.maintenance?.length);
    return this.refresh(
      windowed.map((definition) => definition.id),
      now,
    );
  }

  view(monitorId: string): MonitorView | undefined {
    return this.shown.get(monitorId);
  }

  views(): MonitorView[] {
    return [...this.shown.values()];
  }

  private withDescendants(monitorId: string): string[] {
    const ids: string[] = [];
    const seen = new Set<string>();
    const stack = [monitorId];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      if (seen.has(id)) continue;
      seen.add(id);
      ids.push(id);
      stack.push(...(this.children.get(id) ?? []));
    }
    return ids;
  }

  /** The highest ancestor reached through failing parents, if the direct parent is failing. */
  private blame(definition: MonitorDefinition): string | undefined {
    let culprit: string | undefined;
    const seen = new Set([definition.id]);
    for (let id = definition.parent; id !== undefined && !seen.has(id); id = this.definitions.get(id)?.parent) {
      seen.add(id);
      const health = this.healths.get(id);
      if (health === undefined || !isFailing(health)) break;
      culprit = id;
    }
    return culprit;
  }

  private compute(definition: MonitorDefinition, health: Health, now: number): MonitorView {
    const base = { id: definition.id, health, warnings: health.last?.warnings ?? [] };
    const latest = health.last?.reason ?? reason('pending');
    if (isInMaintenance(definition.maintenance, now)) {
      return { ...base, status: 'maintenance', reason: reason('maintenance') };
    }
    if (health.status === 'down' || (health.status === 'pending' && health.last?.outcome === 'failure')) {
      const culprit = this.blame(definition);
      if (culprit !== undefined) {
        const parentName = this.definitions.get(culprit)?.name ?? culprit;
        return {
          ...base,
          status: 'caused-by-parent',
          reason: reason('causedByParent', { parent: parentName }),
          causedBy: culprit,
        };
      }
    }
    return { ...base, status: health.status, reason: latest };
  }

  private refresh(ids: readonly string[], now: number): BoardChange[] {
    const changes: BoardChange[] = [];
    for (const id of ids) {
      const definition = this.definitions.get(id);
      const health = this.healths.get(id);
      if (definition === undefined || health === undefined) continue;
      const before = this.shown.get(id);
      const after = this.compute(definition, health, now);
      this.shown.set(id, after);
      const from = before?.status ?? 'pending';
      if (before === undefined || from !== after.status) {
        if (before !== undefined || after.status !== 'pending') {
          changes.push({
            type: 'status',
            monitorId: id,
            at: now,
            from,
            to: after.status,
            reason: after.reason,
            causedBy: after.causedBy,
            isAlert: after.status === 'down',
            isRecovery: from === 'down' && after.status === 'up',
          });
        }
      }
      const previous = before?.warnings ?? [];
      const raised = after.warnings.filter((item) => !previous.some((old) => old.key === item.key));
      const cleared = previous.filter((old) => !after.warnings.some((item) => item.key === old.key));
      if (raised.length > 0 || cleared.length > 0) {
        changes.push({ type: 'warnings', monitorId: id, at: now, raised, cleared });
      }
    }
    return changes;
  }
}
