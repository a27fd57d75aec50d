// The little SQL surface the stores need, so that one body of SQL runs on both
// engines: PGlite (embedded, in a data dir) for the host and a small hub, and
// PostgreSQL (through `pg`) for a hub that several processes share.

export type SqlParam = string | number | boolean | null | readonly string[] | readonly number[];

/** Runs statements, in a transaction or not. Rows come back as plain objects. */
export interface SqlExecutor {
  query<Row extends object>(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
}

export type StorageKind = 'pglite' | 'postgres';

export interface SqlClient extends SqlExecutor {
  readonly kind: StorageKind;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when
   * it throws. Statements in it see each other's effects and nothing of it is
   * visible elsewhere before the commit.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Calls `onPayload` for each NOTIFY on `channel`, from this process or any
   * other sharing the database, once the notifying transaction commits; and
   * `onResume` when some may have been missed (a lost connection came back), so
   * the listener can catch up by reading the state. Resolves to an unsubscribe.
   */
  listen(channel: string, onPayload: (payload: string) => void, onResume?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** PostgreSQL's SQLSTATE for a unique constraint violation. */
const UNIQUE_VIOLATION = '23505';

/** Whether `error` is PostgreSQL refusing a duplicate key; both drivers put the SQLSTATE in `code`. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}

/** Quotes an identifier (a channel or schema name) for statements that cannot take it as a parameter. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
