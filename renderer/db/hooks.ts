// React access to the replica: state folded from the live event log.
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { foldEvents, type WarRoomState } from '../../common/domain/incidents';
import type { EventStore } from './database';

/** The folded state, recomputed whenever the log changes; undefined while loading. */
export function useWarRoomState(store: EventStore): WarRoomState | undefined {
  const events = useLiveQuery(() => store.all(), [store]);
  return useMemo(() => (events ? foldEvents(events) : undefined), [events]);
}
