// The dashboard's view of the record: every open incident at a glance, most
// severe then oldest first, with what needs a commander's attention (no
// commander, empty critical roles, an update due); closed incidents below,
// found by search. Pure, so it is tested without a window.
import { SEVERITIES, type PersonRef, type Severity } from '../events/event';
import type { Audience } from '../comms/audiences';
import { dueByAudience, effectivePolicy, soonestDue, type AudienceDue, type AudiencePolicy } from '../comms/cadence';
import type { NextUpdate } from './cadence';
import type { Documents } from './documents';
import { isOpen, type Incident, type WarRoomState } from './incidents';
import { roleBoard } from './roles';

export interface DashboardRow {
  readonly incident: Incident;
  readonly commander: PersonRef | undefined;
  /** Critical roles nobody holds, the commander's included. */
  readonly vacantCritical: readonly string[];
  /** The soonest message due, to any audience. */
  readonly nextUpdate: NextUpdate;
  /** Which audience the soonest message is for. */
  readonly nextAudience: Audience | undefined;
  /** Every audience owed a message, with its countdown. */
  readonly dues: readonly AudienceDue[];
}

export interface Dashboard {
  /** Open incidents, most severe first, then oldest first. */
  readonly open: readonly DashboardRow[];
  /** Closed incidents, most recently active first. */
  readonly closed: readonly Incident[];
  /** Open incidents per severity. */
  readonly counts: Readonly<Record<Severity, number>>;
}

export interface DashboardOptions {
  /** The cadence per severity and audience; the workspace's own by default. */
  readonly policy?: AudiencePolicy;
}

const RANK: Record<Severity, number> = { SEV1: 0, SEV2: 1, SEV3: 2, SEV4: 3 };

/** Most severe first, then the one that has lasted longest; the id breaks ties so every replica agrees. */
export function compareOpen(a: Incident, b: Incident): number {
  return RANK[a.severity] - RANK[b.severity] || a.declaredAt - b.declaredAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const NONE: NextUpdate = { kind: 'none' };

function rowOf(incident: Incident, docs: Documents, now: number, policy: AudiencePolicy): DashboardRow {
  // Counted from the messages that reached each audience (common/comms/cadence.ts).
  const dues = dueByAudience(incident, now, policy);
  const soonest = soonestDue(dues);
  return {
    incident,
    commander: incident.roles.get('commander')?.person,
    vacantCritical: roleBoard(incident.roles, docs).vacantCritical,
    nextUpdate: soonest?.next ?? NONE,
    nextAudience: soonest?.audience,
    dues,
  };
}

/** Open incidents, most severe then oldest first, with what needs attention at `now`. */
export function openRows(state: WarRoomState, now: number, options: DashboardOptions = {}): DashboardRow[] {
  const policy = options.policy ?? effectivePolicy(state.comms);
  return [...state.incidents.values()]
    .filter(isOpen)
    .sort(compareOpen)
    .map((incident) => rowOf(incident, state.docs, now, policy));
}

/** Closed incidents, most recently active first. */
export function closedIncidents(state: WarRoomState): Incident[] {
  return [...state.incidents.values()]
    .filter((incident) => !isOpen(incident))
    .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1));
}

export function severityCounts(rows: readonly DashboardRow[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const row of rows) counts[row.incident.severity] += 1;
  return counts;
}

export function dashboardOf(state: WarRoomState, now: number, options: DashboardOptions = {}): Dashboard {
  const open = openRows(state, now, options);
  return { open, closed: closedIncidents(state), counts: severityCounts(open) };
}

/** Lower case without accents, so "securite" finds "Sécurité" and "CAFÉ" finds "cafe". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Incidents whose title, services, business processes or type hold every word
 * of the query, ignoring case and accents. `kindLabel` names a type in the
 * user's language, so both "security" and "sécurité" find a security incident.
 */
export function searchIncidents(
  incidents: readonly Incident[],
  query: string,
  kindLabel: (kind: string) => string = (kind) => kind,
): Incident[] {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...incidents];
  return incidents.filter((incident) => {
    const haystack = foldText(
      [incident.title, ...incident.services, ...incident.processes, incident.kind, kindLabel(incident.kind)].join('\n'),
    );
    return words.every((word) => haystack.includes(word));
  });
}
