// The host's replica: PGlite in `<data dir>/store`, through the same SQL store
// the hub runs on PostgreSQL. Host services will append to it directly, so what
// they record lands even when no window is open.
import { join } from 'node:path';
import { DEFAULT_WORKSPACE, type EventDraft, type WarEvent } from '../../common/events/event';
import type { EventLog } from '../../common/sync/event-log';
import type { Logger } from '../services/logger';
import { openPgliteClient } from './store/pglite-client';
import { SqlEventStore, type SqlEventLog } from './store/sql-event-log';

export interface OpenedLog {
  readonly log: EventLog;
  /** Seals the host's own events (monitor changes) onto this device's chain; absent on a read-only log. */
  readonly append?: (drafts: readonly EventDraft[], nowMs: number) => Promise<readonly WarEvent[]>;
  close(): Promise<void>;
}

export interface HostStore extends OpenedLog {
  readonly log: SqlEventLog;
}

export async function openHostStore(dataDir: string, logger: Logger): Promise<HostStore> {
  const client = await openPgliteClient(join(dataDir, 'store'), logger);
  try {
    const store = await SqlEventStore.open(client);
    const log = store.log(DEFAULT_WORKSPACE);
    const append = async (drafts: readonly EventDraft[], nowMs: number) => {
      const result = await log.append(drafts, nowMs);
      if (!result.ok) throw new Error(`${result.error.code} at ${result.error.field}: ${result.error.message}`);
      return result.events;
    };
    return { log, append, close: () => client.close() };
  } catch (error) {
    await client.close();
    throw error;
  }
}
