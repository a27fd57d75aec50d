// The embedded engine: PGlite (PostgreSQL compiled to WASM) on files in a data
// dir, behind the SqlClient surface. Used by the host's replica store and by a
// hub without DATABASE_URL.
//
// Durability. PGlite's Node filesystem (Emscripten's NODEFS) writes each page
// straight to the real file with a write() call, and a commit returns only after
// its WAL record is written: a committed transaction survives the process being
// killed (kill -9), since the data is then in the kernel's page cache. But out of
// the box it does not survive the machine losing power: PGlite starts PostgreSQL
// with `-F` (fsync off) and NODEFS has no fsync at all, so nothing is ever flushed
// to the disk. We turn fsync back on, have the WAL flushed with fsync() (the one
// sync call that reaches the filesystem layer; fdatasync() is a no-op there), and
// give NODEFS the fsync it lacks. A commit then costs one real fsync, as on any
// PostgreSQL; the kill -9 test (pglite-durability.test.ts) and `fsyncCount` keep
// both promises honest.
import { fsyncSync } from 'node:fs';
import { access, cp, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import type { Logger } from '../../services/logger';
import { APP_ROOT } from '../app-paths';
import { acquireDirLock } from './dir-lock';
import type { SqlClient, SqlExecutor, SqlParam } from './sql-client';

type EmscriptenOptions = Parameters<NodeFS['init']>[1];

interface NodeStream {
  readonly nfd?: number;
}

interface NodeFsOps {
  fsync?: (stream: NodeStream) => number;
}

/** NODEFS with a real fsync: PostgreSQL's flushes reach the disk. */
class DurableNodeFS extends NodeFS {
  fsyncCount = 0;
  isPatched = false;

  override async init(pg: PGlite, options: EmscriptenOptions): Promise<{ emscriptenOpts: EmscriptenOptions }> {
    const result = await super.init(pg, options);
    const preRun = [...(result.emscriptenOpts.preRun ?? [])];
    preRun.push((module) => {
      const streamOps = (module.NODEFS as unknown as { stream_ops?: NodeFsOps } | undefined)?.stream_ops;
      if (!streamOps) return;
      streamOps.fsync = (stream) => {
        // Directories have no host descriptor under NODEFS; PostgreSQL tolerates
        // an unsyncable directory, and renames are rare (segment recycling).
        if (stream.nfd === undefined) return 0;
        fsyncSync(stream.nfd);
        this.fsyncCount += 1;
        return 0;
      };
      this.isPatched = true;
    });
    return { emscriptenOpts: { ...result.emscriptenOpts, preRun } };
  }
}

// PGlite's own start parameters less `-F` (fsync off), with the WAL flushed by
// fsync(), and 16 MB of shared buffers instead of 128: an idle host holds about
// 150 MB less, with no write rate lost (bench/store-choice.bench.ts).
const START_PARAMS = [
  ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
  '-c',
  'fsync=on',
  '-c',
  'wal_sync_method=fsync',
  '-c',
  'shared_buffers=16MB',
];

export interface PgliteClient extends SqlClient {
  readonly kind: 'pglite';
  /** Real fsync calls made so far; a test reads it to prove commits reach the disk. */
  fsyncCount(): number;
}

function executor(db: PGlite | Transaction): SqlExecutor {
  return {
    async query<Row extends object>(sql: string, params: readonly SqlParam[] = []) {
      const result = await db.query<Row>(sql, [...params]);
      return result.rows;
    },
  };
}

/** Whether `dir` holds a database already (its first opening, which creates it, is the slow one). */
export function hasPgliteDatabase(dir: string): Promise<boolean> {
  return access(join(dir, 'pgdata', 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

/**
 * Where an empty database made ahead of time is (`makePgliteTemplate`): the
 * environment's `WARROOM_PGLITE_TEMPLATE`, else the one the build leaves beside
 * the bundled host (`out/pglite-template`; unpacked from the asar in the app).
 */
export function pgliteTemplateDir(): string {
  const fromEnv = process.env[PGLITE_TEMPLATE_ENV];
  if (fromEnv) return fromEnv;
  return join(APP_ROOT, 'out', 'pglite-template').replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');
}

export const PGLITE_TEMPLATE_ENV = 'WARROOM_PGLITE_TEMPLATE';

/** Whether a first start here copies an empty database (fast) rather than running initdb (seconds). */
export function hasPgliteTemplate(template: string = pgliteTemplateDir()): Promise<boolean> {
  return hasPgliteDatabase(template);
}

/**
 * Makes an empty database in `dir` (PostgreSQL's initdb, the slow part of a first
 * start) for `openPgliteClient` to copy: done once, at build time.
 */
export async function makePgliteTemplate(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const client = await openPgliteClient(dir, undefined, { template: null });
  await client.close();
  await rm(join(dir, 'lock'), { recursive: true, force: true });
}

/**
 * A first start copies the template's files rather than running initdb (seconds,
 * and hundreds of MB of memory): into a scratch name first, renamed once whole,
 * so a start cut short leaves no half database behind.
 */
async function seedFromTemplate(pgdata: string, template: string, log?: Logger): Promise<void> {
  if ((await hasPgliteDatabase(dirname(pgdata))) || !(await hasPgliteTemplate(template))) return;
  const source = join(template, 'pgdata');
  // Only into a data dir that has nothing yet: anything else is left to PGlite, as before.
  const held = await readdir(pgdata).catch(() => []);
  if (held.length > 0) return;
  await rm(pgdata, { recursive: true, force: true });
  const scratch = `${pgdata}.copying`;
  await rm(scratch, { recursive: true, force: true });
  await cp(source, scratch, { recursive: true });
  await rename(scratch, pgdata);
  log?.info('created the record from the empty database made at build time');
}

export interface PgliteOpenOptions {
  /** An empty database to start from on first use (`makePgliteTemplate`); null runs initdb. */
  readonly template?: string | null;
}

/**
 * Opens (creating on first use) the embedded database in `dir`: PostgreSQL's
 * files in `dir/pgdata`, the one-process lock in `dir/lock`. A first use copies
 * the empty database made at build time when there is one, else runs initdb
 * (a few seconds).
 */
export async function openPgliteClient(
  dir: string,
  log?: Logger,
  { template = pgliteTemplateDir() }: PgliteOpenOptions = {},
): Promise<PgliteClient> {
  await mkdir(dir, { recursive: true });
  const lock = await acquireDirLock(join(dir, 'lock'));
  let db: PGlite;
  let fs: DurableNodeFS;
  try {
    // Before NODEFS is made: it creates the directory it is given.
    if (template) await seedFromTemplate(join(dir, 'pgdata'), template, log);
    fs = new DurableNodeFS(join(dir, 'pgdata'));
    db = await PGlite.create({ fs, startParams: START_PARAMS, relaxedDurability: false });
  } catch (error) {
    await lock.release();
    throw error;
  }
  if (!fs.isPatched) log?.warn('PGlite exposes no NODEFS to patch: commits survive a crash, not a power loss');
  const base = executor(db);
  let isClosed = false;
  return {
    kind: 'pglite',
    query: base.query,
    transaction: (work) => db.transaction((tx) => work(executor(tx))),
    async listen(channel, onPayload) {
      const unlisten = await db.listen(channel, onPayload);
      return async () => {
        if (!isClosed) await unlisten();
      };
    },
    fsyncCount: () => fs.fsyncCount,
    async close() {
      if (isClosed) return;
      isClosed = true;
      try {
        await db.close();
      } finally {
        await lock.release();
      }
    },
  };
}
