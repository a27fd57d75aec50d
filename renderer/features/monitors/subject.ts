// What the board offers to declare from or link: one of the host's monitors
// or an incoming alert, as the record's events need it.
import type { AlertRow, MonitorRow } from '../../../common/bridge/monitor-contract';
import type { MonitorEntryStatus } from '../../../common/domain/incidents';
import type { PayloadOf } from '../../../common/events/event';

export interface BoardSubject {
  readonly monitorId: string;
  readonly name: string;
  readonly status: MonitorEntryStatus;
  readonly reason: PayloadOf<'incident.monitor-linked'>['reason'];
  readonly latencyMs?: number;
  /** When the trouble was first seen: the first failing check, else the status's start. */
  readonly detectedAt: number;
  readonly services: readonly string[];
}

export function subjectOfMonitor(row: MonitorRow): BoardSubject {
  const latest = row.latencies.at(-1);
  return {
    monitorId: row.id,
    name: row.name,
    status: row.status,
    reason: row.reason,
    ...(latest === null || latest === undefined ? {} : { latencyMs: Math.round(latest) }),
    detectedAt: row.failingSince ?? row.since,
    services: row.services,
  };
}

export function subjectOfAlert(alert: AlertRow): BoardSubject {
  return {
    monitorId: alert.id,
    name: alert.name.slice(0, 120),
    status: alert.status,
    reason: alert.reason,
    detectedAt: alert.since,
    services: [alert.name.slice(0, 120)],
  };
}

/** The evidence event for a subject, on an incident. */
export function linkPayload(subject: BoardSubject): PayloadOf<'incident.monitor-linked'> {
  return {
    monitorId: subject.monitorId,
    name: subject.name,
    status: subject.status,
    reason: subject.reason,
    ...(subject.latencyMs === undefined ? {} : { latencyMs: subject.latencyMs }),
  };
}
