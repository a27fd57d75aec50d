// The one replica of this window, and its folded state. A window shows one
// workspace, chosen when it loads: the real record, or the exercises
// (`?workspace=exercise`), each in its own IndexedDB database, so a drill can
// never write into the real record.
import { DEFAULT_WORKSPACE, EXERCISE_WORKSPACE, type Workspace } from '../../common/events/event';
import { EventStore, WarRoomDatabase } from './database';
import { Projection } from './projection';

export { DraftError, EventStore, WarRoomDatabase } from './database';
export { useWarRoomState } from './hooks';
export { Projection } from './projection';

const DATABASE_NAMES: Record<Workspace, string> = {
  [DEFAULT_WORKSPACE]: 'warroom',
  [EXERCISE_WORKSPACE]: 'warroom-exercise',
};

/** The workspace a page address asks for; anything else is the real record. */
export function workspaceOfSearch(search: string): Workspace {
  return new URLSearchParams(search).get('workspace') === EXERCISE_WORKSPACE ? EXERCISE_WORKSPACE : DEFAULT_WORKSPACE;
}

/** The search part of the address that opens a workspace, keeping the rest of the query. */
export function searchForWorkspace(search: string, workspace: Workspace): string {
  const params = new URLSearchParams(search);
  if (workspace === DEFAULT_WORKSPACE) params.delete('workspace');
  else params.set('workspace', workspace);
  const query = params.toString();
  return query ? `?${query}` : '';
}

let store: EventStore | null = null;
let projection: Projection | null = null;

/** This window's workspace. */
export function currentWorkspace(): Workspace {
  return workspaceOfSearch(typeof location === 'undefined' ? '' : location.search);
}

export function getEventStore(): EventStore {
  const workspace = currentWorkspace();
  store ??= new EventStore(new WarRoomDatabase(DATABASE_NAMES[workspace]), undefined, workspace);
  return store;
}

export function getProjection(): Projection {
  projection ??= new Projection(getEventStore());
  return projection;
}
