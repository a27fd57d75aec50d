// The candidate stores behind one small surface (open, append a batch in one
// transaction, the two first reads of a window, close), each opened with the
// durability the app promises: a committed transaction survives a power loss.
//
// - PGlite "app": as main/host/store/pglite-client.ts opens it (DurableNodeFS and
//   START_PARAMS are repeated here, not imported, so that the child process loads
//   nothing of the app): fsync on, the WAL flushed with fsync(), NODEFS given the
//   fsync it lacks. Inserts use the app's own statements (jsonb_array_elements,
//   unnest) from sql-event-log.ts.
// - PGlite "tuned": the same, with PostgreSQL's memory settings made small (its
//   WASM memory cannot start below the 128 MB the module declares: a LinkError).
// - PGlite "worker": the tuned one in a worker thread, the main thread sending it
//   each call as a message (the Electron main process would stay responsive).
// - SQLite, through better-sqlite3 (a native addon) or node:sqlite (built into
//   Node 22.5+ and Electron 38): WAL journal with synchronous=FULL, so the WAL is
//   synced at every commit (NORMAL would sync only at checkpoints: durable against
//   a crash of the app, not against a power loss).
//
// Every module of an engine is loaded inside `openStore`, so the open time counts it.
import { fsyncSync } from 'node:fs';
import { cp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PGlite as PGliteInstance, PGliteOptions } from '@electric-sql/pglite';
import type { NodeFS as NodeFSClass } from '@electric-sql/pglite/nodefs';
import { headsOf, WORKSPACE, type EventRow } from './events';
import type { EngineId, FirstOpen } from './protocol';

export interface BenchStore {
  /** One transaction: the rows, then the heads they move. */
  insert(rows: readonly EventRow[]): Promise<void>;
  /** The newest `limit` events of the workspace (the timeline's first screen); returns how many came. */
  newest(limit: number): Promise<number>;
  /** Up to `limit` events of one device after `seq`, in chain order (a sync batch); returns how many came. */
  deviceAfter(deviceId: string, seq: number, limit: number): Promise<number>;
  close(): Promise<void>;
}

/** One of the app's migrations, passed in rather than imported (the child loads nothing of the app). */
export interface PgMigration {
  readonly version: number;
  readonly statements: readonly string[];
}

export interface OpenOptions {
  readonly dir: string;
  /** Absent: the store is there already. */
  readonly firstOpen?: FirstOpen;
  /** PGlite: an empty data dir made ahead of time (`template-copy`). */
  readonly template?: string;
  /** PGlite: the `dumpDataDir` tarball of that data dir (`load-data-dir`). */
  readonly tarball?: string;
  /** PGlite: the app's migrations (sql-event-log.ts STORE_MIGRATIONS), applied as runMigrations applies them. */
  readonly pgSchema: readonly PgMigration[];
  /** better-sqlite3's folder. */
  readonly betterSqlite3Dir?: string;
}

// ---------------------------------------------------------------- PGlite

type EmscriptenOptions = Parameters<NodeFSClass['init']>[1];

interface NodeFsOps {
  fsync?: (stream: { readonly nfd?: number }) => number;
}

/** pglite-client.ts's DurableNodeFS: NODEFS with a real fsync, so PostgreSQL's flushes reach the disk. */
function durableNodeFs(NodeFS: typeof NodeFSClass) {
  return class DurableNodeFS extends NodeFS {
    override async init(
      pg: PGliteInstance,
      options: EmscriptenOptions,
    ): Promise<{ emscriptenOpts: EmscriptenOptions }> {
      const result = await super.init(pg, options);
      const preRun = [...(result.emscriptenOpts.preRun ?? [])];
      preRun.push((module) => {
        const streamOps = (module.NODEFS as unknown as { stream_ops?: NodeFsOps } | undefined)?.stream_ops;
        if (!streamOps) throw new Error('PGlite exposes no NODEFS to patch');
        streamOps.fsync = (stream) => {
          if (stream.nfd !== undefined) fsyncSync(stream.nfd);
          return 0;
        };
      });
      return { emscriptenOpts: { ...result.emscriptenOpts, preRun } };
    }
  };
}

/** pglite-client.ts's START_PARAMS before its shared buffers were lowered to the tuned 16 MB: PGlite's own less `-F`, the WAL flushed by fsync(). */
function appStartParams(defaults: readonly string[]): string[] {
  return [...defaults.filter((param) => param !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync'];
}

/**
 * The tuned settings. PGlite runs PostgreSQL single-user inside WASM, where shared
 * memory is ordinary WASM memory, zeroed (so resident) when it is reserved: the
 * 128 MB of shared_buffers PGlite inherits are resident from the first start.
 * 16 MB of buffers still holds the hot part of the `events_by_order` index; the
 * operating system's file cache holds the rest, as it does for SQLite.
 */
export const PGLITE_TUNED_PARAMS: readonly string[] = [
  '-c',
  'shared_buffers=16MB',
  '-c',
  'wal_buffers=1MB',
  '-c',
  'work_mem=2MB',
  '-c',
  'maintenance_work_mem=16MB',
  '-c',
  'temp_buffers=2MB',
  // The WAL kept on disk between checkpoints: 80 MB to 1 GB by default.
  '-c',
  'min_wal_size=32MB',
  '-c',
  'max_wal_size=256MB',
];

const PG_INSERT_EVENTS = `INSERT INTO events (workspace, device_id, seq, hlc, hash, body, collection)
  SELECT $1, r ->> 0, (r ->> 1)::int, r ->> 2, r ->> 3, r ->> 4, r ->> 5
  FROM jsonb_array_elements($2::jsonb) AS r`;

const PG_UPSERT_HEADS = `INSERT INTO heads (workspace, device_id, seq, hash, hlc, sig)
  SELECT $1, r.d, r.s, r.h, r.l, NULLIF(r.g, '')
  FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[]) AS r(d, s, h, l, g)
  ON CONFLICT (workspace, device_id) DO UPDATE
    SET seq = excluded.seq, hash = excluded.hash, hlc = excluded.hlc, sig = excluded.sig
    WHERE heads.seq < excluded.seq`;

const NEWEST = `SELECT body FROM events WHERE workspace = $1 ORDER BY hlc DESC, device_id DESC, seq DESC LIMIT $2`;
const DEVICE_AFTER = `SELECT body FROM events WHERE workspace = $1 AND device_id = $2 AND seq > $3 ORDER BY seq LIMIT $4`;

/** runMigrations (main/host/store/migrations.ts) for the store's migrations, in one transaction. */
async function migratePglite(db: PGliteInstance, migrations: readonly PgMigration[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [7_421_001]);
    await tx.query(`CREATE TABLE IF NOT EXISTS warroom_migrations (
      component text NOT NULL,
      version integer NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version)
    )`);
    const rows = await tx.query<{ version: number }>(
      `SELECT coalesce(max(version), 0)::int AS version FROM warroom_migrations WHERE component = 'store'`,
    );
    if ((rows.rows[0]?.version ?? 0) > 0) return;
    for (const migration of migrations) {
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(`INSERT INTO warroom_migrations (component, version) VALUES ('store', $1)`, [migration.version]);
    }
    await tx.query(`INSERT INTO store_meta (key, value) VALUES ('device-id', gen_random_uuid()::text)`);
  });
}

function pgliteStore(db: PGliteInstance): BenchStore {
  return {
    async insert(rows) {
      const heads = headsOf(rows);
      await db.transaction(async (tx) => {
        await tx.query(PG_INSERT_EVENTS, [
          WORKSPACE,
          // A note belongs to no document collection (the app's collectionOf).
          JSON.stringify(rows.map((row) => [row.deviceId, row.seq, row.hlc, row.hash, row.body, null])),
        ]);
        await tx.query(PG_UPSERT_HEADS, [
          WORKSPACE,
          heads.map((head) => head.deviceId),
          heads.map((head) => head.seq),
          heads.map((head) => head.hash),
          heads.map((head) => head.hlc),
          heads.map((head) => head.sig),
        ]);
      });
    },
    async newest(limit) {
      return (await db.query(NEWEST, [WORKSPACE, limit])).rows.length;
    },
    async deviceAfter(deviceId, seq, limit) {
      return (await db.query(DEVICE_AFTER, [WORKSPACE, deviceId, seq, limit])).rows.length;
    },
    close: () => db.close(),
  };
}

async function openPglite(engine: 'pglite-app' | 'pglite-tuned', options: OpenOptions): Promise<BenchStore> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { NodeFS } = await import('@electric-sql/pglite/nodefs');
  const pgdata = join(options.dir, 'pgdata');
  const isTuned = engine === 'pglite-tuned';
  const settings: PGliteOptions = {
    fs: new (durableNodeFs(NodeFS))(pgdata),
    startParams: [...appStartParams(PGlite.defaultStartParams), ...(isTuned ? PGLITE_TUNED_PARAMS : [])],
    relaxedDurability: false,
  };
  switch (options.firstOpen) {
    case undefined:
    case 'initdb':
      break;
    case 'template-copy':
      if (!options.template) throw new Error('template-copy needs a template');
      await cp(options.template, pgdata, { recursive: true });
      break;
    case 'load-data-dir':
      if (!options.tarball) throw new Error('load-data-dir needs a tarball');
      settings.loadDataDir = new Blob([await readFile(options.tarball)], { type: 'application/gzip' });
      break;
    case 'create':
      throw new Error('PGlite has no "create" first open');
  }
  const db = await PGlite.create(settings);
  await migratePglite(db, options.pgSchema);
  return pgliteStore(db);
}

// ---------------------------------------------------------------- PGlite in a worker thread

/** A call to the store in the worker, and its answer. */
export type WorkerCall =
  | { readonly op: 'insert'; readonly rows: readonly EventRow[] }
  | { readonly op: 'newest'; readonly limit: number }
  | { readonly op: 'device-after'; readonly deviceId: string; readonly seq: number; readonly limit: number }
  | { readonly op: 'close' };

export type WorkerRequest = WorkerCall & { readonly id: number };

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly count: number }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** What the worker opens, passed as its workerData; the first reply (id 0) says it is open. */
export interface WorkerInit {
  readonly options: OpenOptions;
}

async function openPgliteWorker(options: OpenOptions): Promise<BenchStore> {
  // The worker's code sits beside this file once compiled (store-worker.js).
  const worker = new Worker(join(__dirname, 'store-worker.js'), { workerData: { options } satisfies WorkerInit });
  const pending = new Map<number, { resolve: (count: number) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let failure: Error | null = null;
  const opened = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject });
  });
  worker.on('message', (reply: WorkerReply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiter?.resolve(reply.count);
    else waiter?.reject(new Error(reply.message));
  });
  worker.on('error', (error) => {
    failure = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  });
  const call = (request: WorkerCall): Promise<number> => {
    if (failure) return Promise.reject(failure);
    const id = nextId;
    nextId += 1;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  };
  await opened;
  return {
    insert: async (rows) => {
      await call({ op: 'insert', rows });
    },
    newest: (limit) => call({ op: 'newest', limit }),
    deviceAfter: (deviceId, seq, limit) => call({ op: 'device-after', deviceId, seq, limit }),
    async close() {
      await call({ op: 'close' });
      await worker.terminate();
    },
  };
}

/** The worker's side: opens the tuned PGlite and answers calls one at a time. */
export async function serveWorker(
  init: WorkerInit,
  post: (reply: WorkerReply) => void,
  onRequest: (handler: (request: WorkerRequest) => void) => void,
): Promise<void> {
  const store = await openPglite('pglite-tuned', init.options);
  post({ id: 0, ok: true, count: 0 });
  let queue = Promise.resolve();
  onRequest((request) => {
    queue = queue.then(async () => {
      try {
        const count = await answer(store, request);
        post({ id: request.id, ok: true, count });
      } catch (error) {
        post({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) });
      }
    });
  });
}

async function answer(store: BenchStore, request: WorkerRequest): Promise<number> {
  switch (request.op) {
    case 'insert':
      await store.insert(request.rows);
      return request.rows.length;
    case 'newest':
      return store.newest(request.limit);
    case 'device-after':
      return store.deviceAfter(request.deviceId, request.seq, request.limit);
    case 'close':
      await store.close();
      return 0;
  }
}

// ---------------------------------------------------------------- SQLite

/** The part of better-sqlite3's and node:sqlite's synchronous APIs used here; they agree on it. */
interface SqliteStatement {
  run(...params: (string | number)[]): unknown;
  all(...params: (string | number)[]): unknown[];
}

interface SqliteDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): SqliteStatement;
  close(): unknown;
}

type SqliteOpen = (file: string) => SqliteDatabase;

/** The app's schema (sql-event-log.ts, migrations 1 to 3) in SQLite: text compares byte-wise already, as COLLATE "C". */
const SQLITE_SCHEMA = `
  CREATE TABLE events (
    workspace TEXT NOT NULL,
    device_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    hlc TEXT NOT NULL,
    hash TEXT NOT NULL,
    body TEXT NOT NULL,
    collection TEXT,
    PRIMARY KEY (workspace, device_id, seq)
  );
  CREATE INDEX events_by_order ON events (workspace, hlc, device_id, seq);
  CREATE INDEX events_by_collection ON events (workspace, collection, hlc, device_id, seq)
    WHERE collection IS NOT NULL;
  CREATE TABLE heads (
    workspace TEXT NOT NULL,
    device_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    hlc TEXT NOT NULL,
    sig TEXT,
    PRIMARY KEY (workspace, device_id)
  );
  CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE devices (
    workspace TEXT NOT NULL,
    device_id TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (workspace, device_id)
  );
  CREATE TABLE legacy_heads (
    workspace TEXT NOT NULL,
    device_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    attested_by TEXT NOT NULL,
    PRIMARY KEY (workspace, device_id)
  );
  PRAGMA user_version = 3;
`;

const SQLITE_INSERT_EVENT = `INSERT INTO events (workspace, device_id, seq, hlc, hash, body) VALUES (?, ?, ?, ?, ?, ?)`;
const SQLITE_UPSERT_HEAD = `INSERT INTO heads (workspace, device_id, seq, hash, hlc, sig) VALUES (?, ?, ?, ?, ?, NULLIF(?, ''))
  ON CONFLICT (workspace, device_id) DO UPDATE
    SET seq = excluded.seq, hash = excluded.hash, hlc = excluded.hlc, sig = excluded.sig
    WHERE heads.seq < excluded.seq`;
const SQLITE_NEWEST = `SELECT body FROM events WHERE workspace = ? ORDER BY hlc DESC, device_id DESC, seq DESC LIMIT ?`;
const SQLITE_DEVICE_AFTER = `SELECT body FROM events WHERE workspace = ? AND device_id = ? AND seq > ? ORDER BY seq LIMIT ?`;

function sqliteStore(open: SqliteOpen, options: OpenOptions): BenchStore {
  const db = open(join(options.dir, 'store.sqlite'));
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  const [version] = db.prepare('PRAGMA user_version').all() as { user_version: number }[];
  if ((version?.user_version ?? 0) === 0) {
    db.exec('BEGIN IMMEDIATE');
    db.exec(SQLITE_SCHEMA);
    db.prepare(`INSERT INTO store_meta (key, value) VALUES ('device-id', ?)`).run(crypto.randomUUID());
    db.exec('COMMIT');
  }
  const insertEvent = db.prepare(SQLITE_INSERT_EVENT);
  const upsertHead = db.prepare(SQLITE_UPSERT_HEAD);
  const newest = db.prepare(SQLITE_NEWEST);
  const deviceAfter = db.prepare(SQLITE_DEVICE_AFTER);
  return {
    async insert(rows) {
      db.exec('BEGIN IMMEDIATE');
      try {
        for (const row of rows) insertEvent.run(WORKSPACE, row.deviceId, row.seq, row.hlc, row.hash, row.body);
        for (const head of headsOf(rows))
          upsertHead.run(WORKSPACE, head.deviceId, head.seq, head.hash, head.hlc, head.sig);
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    async newest(limit) {
      return newest.all(WORKSPACE, limit).length;
    },
    async deviceAfter(deviceId, seq, limit) {
      return deviceAfter.all(WORKSPACE, deviceId, seq, limit).length;
    },
    async close() {
      db.close();
    },
  };
}

/** better-sqlite3 from the folder given (installed outside the repo, built for this Node). */
export function loadBetterSqlite3(dir: string): SqliteOpen {
  const load = createRequire(join(dir, 'noop.js'));
  const Database = load('better-sqlite3') as new (file: string) => SqliteDatabase;
  return (file) => new Database(file);
}

/** node:sqlite, or null in a Node that has none (before 22.5, or 22.5–22.12 without --experimental-sqlite). */
export function loadNodeSqlite(): SqliteOpen | null {
  const sqlite = process.getBuiltinModule?.('node:sqlite') as
    { DatabaseSync: new (file: string) => SqliteDatabase } | undefined;
  if (!sqlite) return null;
  return (file) => new sqlite.DatabaseSync(file);
}

// ---------------------------------------------------------------- all of them

export async function openStore(engine: EngineId, options: OpenOptions): Promise<BenchStore> {
  switch (engine) {
    case 'pglite-app':
    case 'pglite-tuned':
      return openPglite(engine, options);
    case 'pglite-worker':
      return openPgliteWorker(options);
    case 'better-sqlite3':
      if (!options.betterSqlite3Dir) throw new Error('better-sqlite3 needs its folder');
      return sqliteStore(loadBetterSqlite3(options.betterSqlite3Dir), options);
    case 'node-sqlite': {
      const open = loadNodeSqlite();
      if (!open) throw new Error(`node:sqlite is not in Node ${process.version}`);
      return sqliteStore(open, options);
    }
  }
}
