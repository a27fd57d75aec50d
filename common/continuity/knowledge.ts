// The knowledge base: past incidents and what they taught, searchable by
// service, type and words, and the ones most like an incident just declared.
import { normaliseName } from '../domain/documents';
import type { Incident, WarRoomState } from '../domain/incidents';
import type { Postmortem } from './records-schema';

export interface PastIncident {
  readonly incident: Incident;
  readonly lessons: Postmortem | undefined;
  /** Action items raised by its review. */
  readonly actions: readonly string[];
}

export interface KnowledgeQuery {
  readonly text: string;
  readonly service: string | null;
  readonly kind: string | null;
}

function words(text: string): string[] {
  return normaliseName(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 2);
}

function pastOf(state: Pick<WarRoomState, 'incidents' | 'continuity'>, incident: Incident): PastIncident {
  const actions = [...state.continuity.actions.values()]
    .filter((stored) => stored.body.incidentId === incident.id)
    .map((stored) => stored.body.title);
  return { incident, lessons: state.continuity.postmortems.get(incident.id)?.body, actions };
}

function haystack(past: PastIncident): string {
  const { incident, lessons } = past;
  const notes = incident.timeline.flatMap((entry) => (entry.kind === 'note' ? [entry.text] : []));
  return normaliseName(
    [
      incident.title,
      ...incident.services,
      ...incident.processes,
      lessons?.summary,
      lessons?.wentWell,
      lessons?.wentBadly,
      ...(lessons?.whys ?? []),
      ...past.actions,
      ...notes,
    ]
      .filter(Boolean)
      .join(' '),
  );
}

/** Incidents that are over (resolved or closed), matching every word, the service and the type asked for; newest first. */
export function searchKnowledge(
  state: Pick<WarRoomState, 'incidents' | 'continuity'>,
  query: KnowledgeQuery,
): PastIncident[] {
  const terms = words(query.text);
  const service = query.service === null ? null : normaliseName(query.service);
  return [...state.incidents.values()]
    .filter((incident) => incident.status === 'resolved' || incident.status === 'closed')
    .filter((incident) => query.kind === null || incident.kind === query.kind)
    .filter((incident) => service === null || incident.services.some((name) => normaliseName(name) === service))
    .map((incident) => pastOf(state, incident))
    .filter((past) => {
      if (terms.length === 0) return true;
      const text = haystack(past);
      return terms.every((term) => text.includes(term));
    })
    .sort((a, b) => b.incident.declaredAt - a.incident.declaredAt || (a.incident.id < b.incident.id ? -1 : 1));
}

/**
 * Past incidents most like this one: a shared service counts most, then the
 * same type, then shared title words. At most `limit`, best first.
 */
export function similarIncidents(
  state: Pick<WarRoomState, 'incidents' | 'continuity'>,
  incident: Incident,
  limit = 3,
): PastIncident[] {
  const services = new Set(incident.services.map(normaliseName));
  const titleWords = new Set(words(incident.title));
  const scored = searchKnowledge(state, { text: '', service: null, kind: null })
    .filter((past) => past.incident.id !== incident.id)
    .map((past) => {
      const shared = past.incident.services.filter((name) => services.has(normaliseName(name))).length;
      const sameKind = past.incident.kind === incident.kind ? 1 : 0;
      const common = words(past.incident.title).filter((word) => titleWords.has(word)).length;
      return { past, score: shared * 4 + common * 2 + sameKind };
    })
    .filter(({ score }) => score >= 2);
  return scored
    .sort((a, b) => b.score - a.score || b.past.incident.declaredAt - a.past.incident.declaredAt)
    .slice(0, limit)
    .map(({ past }) => past);
}

/** Every service named by a past incident, for the search's service list. */
export function knownServices(state: Pick<WarRoomState, 'incidents'>): string[] {
  const seen = new Map<string, string>();
  for (const incident of state.incidents.values())
    for (const service of incident.services)
      if (!seen.has(normaliseName(service))) seen.set(normaliseName(service), service);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}
