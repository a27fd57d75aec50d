// Incident state as a pure fold of events. Any replica holding the same events
// computes the same state, whatever order they arrived in.
import { assertNever } from '../assert';
import { hlcMillis } from '../events/hlc';
import type { IncidentKind, IncidentStatus, Severity, WarEvent } from '../events/event';
import { compareEvents } from './order';

export type { IncidentStatus } from '../events/event';

export type TimelineEntry =
  | {
      kind: 'declared';
      eventId: string;
      at: number;
      actor: string;
      title: string;
      severity: Severity;
      incidentKind: IncidentKind;
    }
  | { kind: 'note'; eventId: string; at: number; actor: string; text: string }
  | { kind: 'status'; eventId: string; at: number; actor: string; from: IncidentStatus; to: IncidentStatus }
  | { kind: 'severity'; eventId: string; at: number; actor: string; from: Severity; to: Severity };

export interface Incident {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly kind: IncidentKind;
  readonly status: IncidentStatus;
  readonly declaredAt: number;
  readonly declaredBy: string;
  readonly updatedAt: number;
  readonly timeline: readonly TimelineEntry[];
}

export interface WarRoomState {
  /** Incidents by id. */
  readonly incidents: ReadonlyMap<string, Incident>;
  /** Events that refer to an incident this replica does not hold (yet). */
  readonly orphans: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type IncidentDraft = Mutable<Omit<Incident, 'timeline'>> & { timeline: TimelineEntry[] };

// Mutates private drafts: a fold over 100,000 events must stay linear.
function apply(incidents: Map<string, IncidentDraft>, event: WarEvent): boolean {
  const at = hlcMillis(event.hlc);
  switch (event.type) {
    case 'incident.declared': {
      if (incidents.has(event.id)) return true;
      const { title, severity, kind } = event.payload;
      incidents.set(event.id, {
        id: event.id,
        title,
        severity,
        kind,
        status: 'investigating',
        declaredAt: at,
        declaredBy: event.actor,
        updatedAt: at,
        timeline: [
          { kind: 'declared', eventId: event.id, at, actor: event.actor, title, severity, incidentKind: kind },
        ],
      });
      return true;
    }
    default:
      return applyToIncident(incidents, event, at);
  }
}

type IncidentEvent = Exclude<WarEvent, { type: 'incident.declared' }>;

/** Events about a declared incident; false when this replica does not hold it (yet). */
function applyToIncident(incidents: Map<string, IncidentDraft>, event: IncidentEvent, at: number): boolean {
  const incident = event.incidentId === undefined ? undefined : incidents.get(event.incidentId);
  if (!incident) return false;
  incident.updatedAt = Math.max(incident.updatedAt, at);
  const entry = { eventId: event.id, at, actor: event.actor };
  switch (event.type) {
    case 'incident.note-added':
      incident.timeline.push({ ...entry, kind: 'note', text: event.payload.text });
      return true;
    // Single-valued fields: the last change in the one total order wins, on every
    // replica alike; concurrent changes all stay in the timeline.
    case 'incident.status-changed':
      incident.timeline.push({ ...entry, kind: 'status', from: incident.status, to: event.payload.status });
      incident.status = event.payload.status;
      return true;
    case 'incident.severity-changed':
      incident.timeline.push({ ...entry, kind: 'severity', from: incident.severity, to: event.payload.severity });
      incident.severity = event.payload.severity;
      return true;
    default:
      return assertNever(event);
  }
}

/** Folds events, in any order, into the war-room state. */
export function foldEvents(events: readonly WarEvent[]): WarRoomState {
  const ordered = [...events].sort(compareEvents);
  const incidents = new Map<string, IncidentDraft>();
  let orphans = 0;
  for (const event of ordered) {
    if (!apply(incidents, event)) orphans += 1;
  }
  return { incidents, orphans };
}

/** Incidents, most recently active first. */
export function listIncidents(state: WarRoomState): Incident[] {
  return [...state.incidents.values()].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1));
}
