// Schema versions, applied once each and in order, in one transaction, so a
// database is always at a known version. Several hub processes may start at
// once on one PostgreSQL: an advisory lock lets one migrate while the others wait
// and then find nothing left to do.
import type { SqlClient } from './sql-client';

export interface Migration {
  readonly version: number;
  readonly statements: readonly string[];
}

// Any fixed number; it only has to differ from the store's other advisory locks,
// which use the two-key form (workspace, device) and so can never collide with it.
const MIGRATION_LOCK = 7_421_001;

/** Brings `component`'s tables up to the last of `migrations`; returns the versions applied. */
export async function runMigrations(
  client: SqlClient,
  component: string,
  migrations: readonly Migration[],
): Promise<number[]> {
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS warroom_migrations (
      component text NOT NULL,
      version integer NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version)
    )`);
    const rows = await tx.query<{ version: number }>(
      'SELECT coalesce(max(version), 0)::int AS version FROM warroom_migrations WHERE component = $1',
      [component],
    );
    const current = rows[0]?.version ?? 0;
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (migration.version <= current) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO warroom_migrations (component, version) VALUES ($1, $2)', [
        component,
        migration.version,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}
