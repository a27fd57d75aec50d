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

export const EMPTY_STATE: WarRoomState = { incidents: new Map(), orphans: 0 };

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
    case 'incident.note-added': {
      const incident = event.incidentId === undefined ? undefined : incidents.get(event.incidentId);
      if (!incident) return false;
      incident.updatedAt = Math.max(incident.updatedAt, at);
      incident.timeline.push({ kind: 'note', eventId: event.id, at, actor: event.actor, text: event.payload.text });
      return true;
    }
    // Single-valued fields: the last change in the one total order wins, on every
    // replica alike; concurrent changes all stay in the timeline.
    case 'incident.status-changed': {
      const incident = event.incidentId === undefined ? undefined : incidents.get(event.incidentId);
      if (!incident) return false;
      const to = event.payload.status;
      incident.timeline.push({ kind: 'status', eventId: event.id, at, actor: event.actor, from: incident.status, to });
      incident.status = to;
      incident.updatedAt = Math.max(incident.updatedAt, at);
      return true;
    }
    case 'incident.severity-changed': {
      const incident = event.incidentId === undefined ? undefined : incidents.get(event.incidentId);
      if (!incident) return false;
      const to = event.payload.severity;
      incident.timeline.push({
        kind: 'severity',
        eventId: event.id,
        at,
        actor: event.actor,
        from: incident.severity,
        to,
      });
      incident.severity = to;
      incident.updatedAt = Math.max(incident.updatedAt, at);
      return true;
    }
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
