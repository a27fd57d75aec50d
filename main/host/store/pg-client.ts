// A PostgreSQL server behind the SqlClient surface, through `pg`: a pool for
// queries and transactions, and one dedicated connection for LISTEN, which
// reconnects by itself when the server or the network drops it.
import pg from 'pg';
import type { Logger } from '../../services/logger';
import { quoteIdentifier, type SqlClient, type SqlExecutor, type SqlParam } from './sql-client';

export interface PgClientOptions {
  /** Tables live in this schema (created if missing); tests use one per file. */
  readonly schema?: string;
  /** Connections in the pool. */
  readonly max?: number;
  readonly log?: Logger;
}

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 10_000;

function executor(queryable: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<Row extends object>(sql: string, params: readonly SqlParam[] = []) {
      const result = await queryable.query<Row>(sql, [...params]);
      return result.rows;
    },
  };
}

interface Listener {
  readonly onPayload: (payload: string) => void;
  readonly onResume?: () => void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The LISTEN side: one connection that holds every channel. When it is lost,
 * notifications sent meanwhile are lost with it, so each listener is told
 * (`onResume`) once the connection is back and can catch up by reading the state.
 */
class NotificationListener {
  private connection: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly channels = new Map<string, Set<Listener>>();
  private retryMs = RECONNECT_MIN_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private isClosed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly log: Logger | undefined,
  ) {}

  async add(channel: string, listener: Listener): Promise<() => Promise<void>> {
    const connection = await this.connect();
    let listeners = this.channels.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.channels.set(channel, listeners);
      await connection.query(`LISTEN ${quoteIdentifier(channel)}`);
    }
    listeners.add(listener);
    return async () => {
      const current = this.channels.get(channel);
      if (!current?.delete(listener) || current.size > 0) return;
      this.channels.delete(channel);
      await this.connection?.query(`UNLISTEN ${quoteIdentifier(channel)}`).catch(() => undefined);
    };
  }

  private connect(): Promise<pg.Client> {
    if (this.connection) return Promise.resolve(this.connection);
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const connection = new pg.Client(this.config);
    connection.on('notification', (message) => {
      for (const listener of this.channels.get(message.channel) ?? []) listener.onPayload(message.payload ?? '');
    });
    const onLost = (error?: Error) => {
      if (this.connection !== connection) return;
      this.connection = null;
      if (this.isClosed) return;
      this.log?.warn('lost the LISTEN connection to PostgreSQL; reconnecting', error?.message);
      this.scheduleReconnect();
    };
    connection.on('error', onLost);
    connection.on('end', () => onLost());
    await connection.connect();
    for (const channel of this.channels.keys()) await connection.query(`LISTEN ${quoteIdentifier(channel)}`);
    this.connection = connection;
    return connection;
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || this.isClosed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect().then(
        () => {
          this.retryMs = RECONNECT_MIN_MS;
          for (const listeners of this.channels.values()) for (const listener of listeners) listener.onResume?.();
        },
        (error: unknown) => {
          this.log?.warn('PostgreSQL LISTEN reconnect failed', error instanceof Error ? error.message : error);
          this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
          this.scheduleReconnect();
        },
      );
    }, this.retryMs);
    this.retryTimer.unref();
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const connection = this.connection ?? (await this.connecting?.catch(() => null)) ?? null;
    this.connection = null;
    await connection?.end().catch(() => undefined);
  }
}

export interface PgClient extends SqlClient {
  readonly kind: 'postgres';
}

/** Connects to the PostgreSQL server at `connectionString` (a `postgres://` URL). */
export async function openPgClient(connectionString: string, options: PgClientOptions = {}): Promise<PgClient> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`not a plain schema name: "${options.schema}"`);
  }
  const config: pg.PoolConfig = {
    connectionString,
    application_name: 'warroom',
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  };
  if (options.schema) {
    // The schema must exist before a connection can use it as its search path.
    const setup = new pg.Client({ connectionString });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({ ...config, max: options.max ?? 10 });
  // An idle connection the server drops must not take the process down.
  pool.on('error', (error) => options.log?.warn('idle PostgreSQL connection failed', error.message));
  const listener = new NotificationListener(config, options.log);
  const base = executor(pool);
  // Fail now, with the server's reason, rather than on the first request.
  await base.query('SELECT 1');
  return {
    kind: 'postgres',
    query: base.query,
    async transaction(work) {
      const connection = await pool.connect();
      try {
        await connection.query('BEGIN');
        const result = await work(executor(connection));
        await connection.query('COMMIT');
        connection.release();
        return result;
      } catch (error) {
        // A connection whose rollback fails is broken: it goes, not back to the pool.
        const rollback = await connection.query('ROLLBACK').then(
          () => undefined,
          (rollbackError: unknown) =>
            rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)),
        );
        connection.release(rollback);
        throw error;
      }
    },
    listen: (channel, onPayload, onResume) => listener.add(channel, { onPayload, onResume }),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}
