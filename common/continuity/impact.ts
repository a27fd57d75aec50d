// The live business impact of an incident, as pure arithmetic on instants
// (milliseconds since the epoch): the cost accrued so far and per hour, the
// countdown to each process's RTO breach, the warning before it, and the data
// at risk since the last successful backup (RPO). Instants are absolute, so
// time zones and daylight-saving changes cannot bend a countdown or a cost: a
// night when clocks go back really lasts 25 hours and costs 25 hours.
import { CONTINUITY_THRESHOLDS, type ContinuityThreshold } from '../events/event';
import type { BusinessProcess } from './process-schema';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The warning comes when this share of the RTO has gone by. */
export const WARN_AT_SHARE = 0.75;

export type RtoState = 'ok' | 'warning' | 'breached' | 'met' | 'missed';
export type RpoState = 'ok' | 'breached' | 'unknown';

export interface ImpactWindow {
  /** When the impact began (the incident's `started` key time). */
  readonly startedAt: number;
  /** When service came back (mitigated, else resolved); undefined while it is down. */
  readonly restoredAt: number | undefined;
}

export interface ProcessImpact {
  readonly processId: string;
  readonly startedAt: number;
  readonly restoredAt: number | undefined;
  readonly downMs: number;
  readonly cost: number;
  readonly costPerHour: number;
  readonly rtoAt: number;
  readonly warnAt: number;
  /** Time left before the RTO breach; negative once breached; undefined once restored. */
  readonly remainingMs: number | undefined;
  readonly rto: RtoState;
  /** Data that would be lost by restoring the last successful backup (now, or when service came back). */
  readonly exposureMs: number | undefined;
  readonly rpo: RpoState;
  /** When the exposure passes the RPO; undefined without a backup heartbeat. */
  readonly rpoAt: number | undefined;
}

/** Cost of `ms` of downtime at a daily rate, in the currency's units (cents are kept). */
export function costOf(costPerDay: number, ms: number): number {
  return (costPerDay * Math.max(0, ms)) / DAY_MS;
}

export function processImpact(
  process: BusinessProcess,
  window: ImpactWindow,
  now: number,
  lastBackupAt?: number,
): ProcessImpact {
  const end = window.restoredAt ?? now;
  const downMs = Math.max(0, end - window.startedAt);
  const rtoMs = process.rtoMinutes * MINUTE_MS;
  const rtoAt = window.startedAt + rtoMs;
  const warnAt = window.startedAt + Math.round(rtoMs * WARN_AT_SHARE);
  let rto: RtoState;
  if (window.restoredAt !== undefined) rto = window.restoredAt <= rtoAt ? 'met' : 'missed';
  else if (now >= rtoAt) rto = 'breached';
  else if (now >= warnAt) rto = 'warning';
  else rto = 'ok';
  const rpoMs = process.rpoMinutes * MINUTE_MS;
  const exposureMs = lastBackupAt === undefined ? undefined : Math.max(0, end - lastBackupAt);
  const rpoAt = lastBackupAt === undefined ? undefined : lastBackupAt + rpoMs;
  return {
    processId: process.id,
    startedAt: window.startedAt,
    restoredAt: window.restoredAt,
    downMs,
    cost: costOf(process.costPerDay, downMs),
    costPerHour: process.costPerDay / 24,
    rtoAt,
    warnAt,
    remainingMs: window.restoredAt === undefined ? rtoAt - now : undefined,
    rto,
    exposureMs,
    rpo: exposureMs === undefined ? 'unknown' : exposureMs > rpoMs ? 'breached' : 'ok',
    rpoAt,
  };
}

export interface ImpactTotals {
  readonly cost: number;
  /** Per hour, for the processes still down. */
  readonly costPerHour: number;
}

/** Sums per currency would mix units; totals are only given when all processes share one. */
export function totalImpact(impacts: readonly ProcessImpact[]): ImpactTotals {
  return {
    cost: impacts.reduce((sum, impact) => sum + impact.cost, 0),
    costPerHour: impacts.reduce((sum, impact) => sum + (impact.remainingMs === undefined ? 0 : impact.costPerHour), 0),
  };
}

/** Thresholds that go into the timeline when crossed. */
export const THRESHOLDS = CONTINUITY_THRESHOLDS;
export type Threshold = ContinuityThreshold;

export interface Crossing {
  readonly processId: string;
  readonly threshold: Threshold;
  /** When it was crossed, computed from the record: the same on every laptop. */
  readonly at: number;
}

/** The key a crossing is recorded under: one entry per incident, process and threshold. */
export function crossingKey(processId: string, threshold: Threshold): string {
  return `${processId}/${threshold}`;
}

/**
 * Thresholds crossed by `now` and not in `recorded` yet (keys from
 * `crossingKey`). A threshold passed after service came back was never crossed.
 */
export function dueCrossings(impact: ProcessImpact, now: number, recorded: ReadonlySet<string>): Crossing[] {
  const until = Math.min(now, impact.restoredAt ?? Infinity);
  const candidates: Crossing[] = [
    { processId: impact.processId, threshold: 'rto-warning', at: impact.warnAt },
    { processId: impact.processId, threshold: 'rto-breached', at: impact.rtoAt },
  ];
  if (impact.rpoAt !== undefined)
    // A backup already too old when the trouble began is a breach from its first moment.
    candidates.push({
      processId: impact.processId,
      threshold: 'rpo-breached',
      at: Math.max(impact.rpoAt, impact.startedAt),
    });
  return candidates.filter(
    (crossing) => crossing.at <= until && !recorded.has(crossingKey(crossing.processId, crossing.threshold)),
  );
}
