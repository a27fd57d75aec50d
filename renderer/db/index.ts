// The one replica of this window.
import { EventStore, WarRoomDatabase } from './database';

export { DraftError, EventStore, WarRoomDatabase } from './database';
export { useWarRoomState } from './hooks';

let store: EventStore | null = null;

export function getEventStore(): EventStore {
  store ??= new EventStore(new WarRoomDatabase());
  return store;
}
