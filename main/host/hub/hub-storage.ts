// Where the hub keeps its data: PostgreSQL when DATABASE_URL is set (several hub
// processes may share it), else PGlite in the hub's data dir (one process). The
// hub's store signs as the hub's own device (hub-device.ts).
import type { Logger } from '../../services/logger';
import { openPgClient } from '../store/pg-client';
import { openPgliteClient } from '../store/pglite-client';
import type { SqlClient } from '../store/sql-client';
import { SqlEventStore } from '../store/sql-event-log';
import { hubDeviceKey, hubSigner } from './hub-device';
import { WorkspaceRegistry } from './workspace-registry';

export interface HubStorageOptions {
  /** A `postgres://` URL, or null for PGlite in `dataDir`. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly log: Logger;
}

export interface HubStorage {
  readonly client: SqlClient;
  readonly store: SqlEventStore;
  readonly registry: WorkspaceRegistry;
  /** Where the data is, for the operator (never the password). */
  readonly description: string;
  close(): Promise<void>;
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL at ${parsed.host}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

export async function openHubStorage(options: HubStorageOptions): Promise<HubStorage> {
  const client = options.databaseUrl
    ? await openPgClient(options.databaseUrl, { log: options.log })
    : await openPgliteClient(options.dataDir, options.log);
  try {
    // The hub signs as a device of its own: it revokes devices (`hub device revoke`).
    const store = await SqlEventStore.open(client, { signer: hubSigner(await hubDeviceKey(client)) });
    const registry = await WorkspaceRegistry.open(client);
    return {
      client,
      store,
      registry,
      description: options.databaseUrl ? describeUrl(options.databaseUrl) : `PGlite in ${options.dataDir}`,
      close: () => client.close(),
    };
  } catch (error) {
    await client.close();
    throw error;
  }
}
