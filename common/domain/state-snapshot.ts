// The folded state as plain data, for a window to keep between visits so that a
// reload folds only what is new: everything in the state is plain data, Maps
// and Sets (which IndexedDB stores as they are) but the timelines, kept as
// arrays here and rebuilt as persistent lists on the way back.
import type { Incident, TimelineEntry, WarRoomState } from './incidents';
import { PersistentList } from './persistent-list';

export type IncidentSnapshot = Omit<Incident, 'timeline'> & { readonly timeline: readonly TimelineEntry[] };

export type StateSnapshot = Omit<WarRoomState, 'incidents'> & {
  readonly incidents: ReadonlyMap<string, IncidentSnapshot>;
};

export function toSnapshot(state: WarRoomState): StateSnapshot {
  const incidents = new Map<string, IncidentSnapshot>();
  for (const [id, incident] of state.incidents) incidents.set(id, { ...incident, timeline: incident.timeline.slice() });
  return { ...state, incidents };
}

export function fromSnapshot(snapshot: StateSnapshot): WarRoomState {
  const incidents = new Map<string, Incident>();
  for (const [id, incident] of snapshot.incidents)
    incidents.set(id, { ...incident, timeline: PersistentList.from(incident.timeline) });
  return { ...snapshot, incidents };
}
