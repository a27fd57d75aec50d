// The hub's own device, so that it can sign what only a hub may write: the
// revocation of any device of a workspace (a lost laptop). Its Ed25519 key is
// made once and kept in the hub's database (store_meta 'device-key', PKCS#8 in
// base64), so every hub process sharing one PostgreSQL signs as the same device;
// its events are written by "Team hub". Whoever holds the database holds the
// workspace already: the key adds no power they did not have.
import type { PersonRef } from '../../../common/events/event';
import { generateDeviceKey, importDeviceKey, type DeviceKey } from '../../services/identity/device-key';
import { runMigrations } from '../store/migrations';
import type { SqlClient } from '../store/sql-client';
import { STORE_MIGRATIONS, type StoreSigner } from '../store/sql-event-log';

export const HUB_KEY_META = 'device-key';
export const HUB_PERSON: PersonRef = { name: 'Team hub' };

/** The hub's key: the one in its database, or a new one kept there (the first writer's, when several start at once). */
export async function hubDeviceKey(client: SqlClient): Promise<DeviceKey> {
  // store_meta is the store's table: make sure it is there before the store opens.
  await runMigrations(client, 'store', STORE_MIGRATIONS);
  await client.query(`INSERT INTO store_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [
    HUB_KEY_META,
    generateDeviceKey().exported,
  ]);
  const [row] = await client.query<{ value: string }>(`SELECT value FROM store_meta WHERE key = $1`, [HUB_KEY_META]);
  if (!row) throw new Error('the hub could not read its device key');
  return importDeviceKey(row.value);
}

/** How the hub's store signs its own events: as a hub device, written by "Team hub". */
export function hubSigner(key: DeviceKey): StoreSigner {
  return { kind: 'hub', key, person: () => HUB_PERSON };
}
