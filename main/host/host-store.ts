// The host's replica: PGlite in `<data dir>/store`, through the same SQL store
// the hub runs on PostgreSQL. Host services will append to it directly, so what
// they record lands even when no window is open. One store serves every
// workspace: the real record and the exercises, each a log of its own.
import { join } from 'node:path';
import {
  DEFAULT_WORKSPACE,
  type EventDraft,
  type PersonRef,
  type WarEvent,
  type Workspace,
} from '../../common/events/event';
import type { DeviceKey } from '../services/identity/device-key';
import type { EventLog, OrderedLog } from '../../common/sync/event-log';
import type { Logger } from '../services/logger';
import { hasPgliteDatabase, openPgliteClient } from './store/pglite-client';
import { SqlEventStore, type SqlEventLog } from './store/sql-event-log';

export type AppendOwn = (drafts: readonly EventDraft[], nowMs: number) => Promise<readonly WarEvent[]>;

export interface WorkspaceLog {
  readonly log: EventLog & OrderedLog;
  /** Seals the host's own events (monitor changes) onto this device's chain; absent on a read-only log. */
  readonly append?: AppendOwn;
  /** The device this host writes as, where it writes (the exercise clock runs the sessions it started). */
  readonly deviceId?: string;
}

export interface OpenedLog extends WorkspaceLog {
  /** The log of another workspace in the same store; absent where the store serves only the real record. */
  readonly workspace?: (workspace: Workspace) => WorkspaceLog;
  close(): Promise<void>;
}

export interface HostStore extends OpenedLog {
  readonly log: SqlEventLog;
}

function appendTo(log: SqlEventLog): AppendOwn {
  return async (drafts, nowMs) => {
    const result = await log.append(drafts, nowMs);
    if (!result.ok) throw new Error(`${result.error.code} at ${result.error.field}: ${result.error.message}`);
    return result.events;
  };
}

const storeDir = (dataDir: string) => join(dataDir, 'store');

/** Whether the host's record was created already: false on a first start. */
export function hasHostStore(dataDir: string): Promise<boolean> {
  return hasPgliteDatabase(storeDir(dataDir));
}

/** Who this host writes as: its device key and the person at the laptop. */
export interface HostIdentity {
  readonly key: DeviceKey;
  readonly person: () => PersonRef;
}

export async function openHostStore(dataDir: string, logger: Logger, identity: HostIdentity): Promise<HostStore> {
  const client = await openPgliteClient(storeDir(dataDir), logger);
  try {
    const store = await SqlEventStore.open(client, { signer: { kind: 'host', ...identity } });
    const log = store.log(DEFAULT_WORKSPACE);
    const workspace = (name: Workspace): WorkspaceLog => {
      const other = store.log(name);
      return { log: other, append: appendTo(other), deviceId: store.deviceId };
    };
    return { log, append: appendTo(log), deviceId: store.deviceId, workspace, close: () => client.close() };
  } catch (error) {
    await client.close();
    throw error;
  }
}
