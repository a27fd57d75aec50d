// The one replica of this window, and its folded state.
import { EventStore, WarRoomDatabase } from './database';
import { Projection } from './projection';

export { DraftError, EventStore, WarRoomDatabase } from './database';
export { useWarRoomState } from './hooks';
export { Projection } from './projection';

let store: EventStore | null = null;
let projection: Projection | null = null;

export function getEventStore(): EventStore {
  store ??= new EventStore(new WarRoomDatabase());
  return store;
}

export function getProjection(): Projection {
  projection ??= new Projection(getEventStore());
  return projection;
}
