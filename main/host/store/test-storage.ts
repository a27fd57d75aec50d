// Test support for the store and hub suites (not product code): the two
// storage engines one suite runs against, each fresh per test file, and event
// fixtures. PostgreSQL comes from WARROOM_TEST_DATABASE_URL (.ci/run sets it);
// without it the PostgreSQL variants are reported as skipped, with the reason,
// except in CI (CI set), where they fail.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { EventDraft } from '../../../common/events/event';
import { openPgClient } from './pg-client';
import { openPgliteClient } from './pglite-client';
import { quoteIdentifier, type SqlClient } from './sql-client';

export const TEST_DATABASE_URL = process.env.WARROOM_TEST_DATABASE_URL || null;

export interface TestStorage {
  readonly client: SqlClient;
  /** Opens another client on the same database, as a second process would. */
  openAnother(): Promise<SqlClient>;
  /** For a child process: DATABASE_URL when on PostgreSQL, else null (it gets a data dir). */
  readonly databaseUrl: string | null;
  /** A directory for this storage's files (the PGlite data, a child's data dir). */
  readonly dir: string;
  dispose(): Promise<void>;
}

export interface StorageVariant {
  readonly name: 'PGlite' | 'PostgreSQL';
  /** Why this variant cannot run here, or null. */
  readonly skipReason: string | null;
  /** The describe() title, with the reason when skipped. */
  readonly title: string;
  open(): Promise<TestStorage>;
}

/** `url` with its connections' search path set to `schema`, for processes given only a URL. */
export function urlWithSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
  } finally {
    await admin.end();
  }
}

function pgliteVariant(): StorageVariant {
  return {
    name: 'PGlite',
    skipReason: null,
    title: 'on PGlite',
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'warroom-store-'));
      const client = await openPgliteClient(join(dir, 'db'));
      return {
        client,
        databaseUrl: null,
        dir,
        openAnother: () => Promise.reject(new Error('PGlite is one process per database')),
        async dispose() {
          await client.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

function postgresVariant(): StorageVariant {
  const url = TEST_DATABASE_URL;
  // CI must run them: there, a missing server is a failure, not a skip.
  const isCi = Boolean(process.env.CI);
  const skipReason = url || isCi ? null : 'WARROOM_TEST_DATABASE_URL is not set';
  return {
    name: 'PostgreSQL',
    skipReason,
    title: skipReason ? `on PostgreSQL (skipped: ${skipReason})` : 'on PostgreSQL',
    async open() {
      if (!url) throw new Error('WARROOM_TEST_DATABASE_URL must name a PostgreSQL server in CI (.ci/run sets it)');
      // A schema of its own per test file: files run in parallel on one database.
      const schema = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
      const dir = await mkdtemp(join(tmpdir(), 'warroom-store-'));
      const others: SqlClient[] = [];
      const client = await openPgClient(url, { schema });
      return {
        client,
        databaseUrl: urlWithSchema(url, schema),
        dir,
        async openAnother() {
          const other = await openPgClient(url, { schema });
          others.push(other);
          return other;
        },
        async dispose() {
          for (const other of others) await other.close();
          await client.close();
          await dropSchema(url, schema);
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

/** The engines every store and hub suite runs against. */
export function storageVariants(): StorageVariant[] {
  return [pgliteVariant(), postgresVariant()];
}

export type NoteDraft = Extract<EventDraft, { type: 'incident.note-added' }>;

/** `count` notes on one incident, numbered from `from`. */
export function noteDrafts(count: number, from = 0, text = (index: number) => `note ${index}`): NoteDraft[] {
  return Array.from({ length: count }, (_, offset) => ({
    type: 'incident.note-added' as const,
    incidentId: 'incident-1',
    actor: 'alice',
    payload: { text: text(from + offset) },
  }));
}

/** A device's chain written outside any store: what a peer would send. */
/** Resolves when `predicate` holds, polling lightly; fails after `timeoutMs` with `what`. */
export async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
