// React access to the replica: state folded from the live event log.
import { useSyncExternalStore } from 'react';
import type { WarRoomState } from '../../common/domain/incidents';
import type { Projection } from './projection';

/** The folded state, current with every write; undefined while the log is first read. */
export function useWarRoomState(projection: Projection): WarRoomState | undefined {
  return useSyncExternalStore(projection.subscribe, projection.getSnapshot);
}
