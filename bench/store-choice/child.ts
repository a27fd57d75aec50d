// One store-choice measurement in a Node process of its own (spawned by
// bench/store-choice.bench.ts, compiled to plain JavaScript first so that no
// TypeScript loader sits in the process): its task as JSON in argv, its answer
// as one JSON line on stdout. Resident memory is the whole process's, every
// thread included, sampled with process.memoryUsage.rss().
import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { deviceIdOf, DEVICES, eventRows } from './events';
import { openStore, type BenchStore, type OpenOptions, type PgMigration } from './engines';
import {
  BETTER_SQLITE3_ENV,
  RESULT_PREFIX,
  SCHEMA_ENV,
  TARBALL_ENV,
  TEMPLATE_ENV,
  type ChildResult,
  type ChildTask,
  type EngineId,
  type FirstOpen,
  type OpenSample,
} from './protocol';

/** A sync batch, as the devices' "after seq N" read asks for. */
const DEVICE_BATCH = 2_000;
const NEWEST = 200;

function rssMb(): number {
  return process.memoryUsage.rss() / 1e6;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function openOptions(dir: string, firstOpen?: FirstOpen): OpenOptions {
  const schema = process.env[SCHEMA_ENV];
  return {
    dir,
    pgSchema: schema ? (JSON.parse(schema) as PgMigration[]) : [],
    ...(firstOpen ? { firstOpen } : {}),
    ...(process.env[TEMPLATE_ENV] ? { template: process.env[TEMPLATE_ENV] } : {}),
    ...(process.env[TARBALL_ENV] ? { tarball: process.env[TARBALL_ENV] } : {}),
    ...(process.env[BETTER_SQLITE3_ENV] ? { betterSqlite3Dir: process.env[BETTER_SQLITE3_ENV] } : {}),
  };
}

async function timedOpen(engine: EngineId, options: OpenOptions): Promise<{ store: BenchStore; sample: OpenSample }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const store = await openStore(engine, options);
  const openMs = performance.now() - started;
  return { store, sample: { openMs, openCpuMs: cpuMs(cpu), rssMb: rssMb() } };
}

/** Waits as an idle host would, then samples memory and what the wait cost in CPU (background compilation). */
async function idle(ms: number): Promise<{ idleRssMb: number; idleCpuMs: number }> {
  const cpu = process.cpuUsage();
  await sleep(ms);
  return { idleRssMb: rssMb(), idleCpuMs: cpuMs(cpu) };
}

async function run(task: ChildTask): Promise<ChildResult> {
  switch (task.task) {
    case 'bare': {
      const sinceStartMs = performance.now();
      const rss = rssMb();
      await sleep(task.idleMs);
      return { task: 'bare', rssMb: rss, idleRssMb: rssMb(), sinceStartMs };
    }
    case 'create':
    case 'reopen': {
      if (task.task === 'create') await mkdir(task.dir, { recursive: true });
      const options = openOptions(task.dir, task.task === 'create' ? task.firstOpen : undefined);
      const { store, sample } = await timedOpen(task.engine, options);
      const after = await idle(task.idleMs);
      await store.close();
      return task.task === 'create' ? { task: 'create', ...sample, ...after } : { task: 'reopen', ...sample, ...after };
    }
    case 'insert': {
      const { store, sample } = await timedOpen(task.engine, openOptions(task.dir));
      let insertMs = 0;
      let insertCpuMs = 0;
      for (let from = task.from; from < task.from + task.events; from += task.batch) {
        const rows = eventRows(from, Math.min(task.batch, task.from + task.events - from));
        const cpu = process.cpuUsage();
        const started = performance.now();
        await store.insert(rows);
        insertMs += performance.now() - started;
        insertCpuMs += cpuMs(cpu);
      }
      // Run with --expose-gc: the garbage of making the rows is not the store's.
      (globalThis as { gc?: () => void }).gc?.();
      const insertedRssMb = rssMb();
      await store.close();
      return { task: 'insert', ...sample, insertMs, insertCpuMs, insertedRssMb };
    }
    case 'read': {
      const { store, sample } = await timedOpen(task.engine, openOptions(task.dir));
      let started = performance.now();
      const newest = await store.newest(NEWEST);
      const newestMs = performance.now() - started;
      // The last sync batch of one device's chain.
      const perDevice = Math.floor(task.events / DEVICES);
      started = performance.now();
      const after = await store.deviceAfter(deviceIdOf(3), perDevice - DEVICE_BATCH, DEVICE_BATCH);
      const deviceAfterMs = performance.now() - started;
      if (newest !== NEWEST || after !== DEVICE_BATCH) {
        throw new Error(`read ${newest} newest and ${after} of one device: is the store full?`);
      }
      const readRssMb = rssMb();
      await store.close();
      return { task: 'read', ...sample, newestMs, deviceAfterMs, readRssMb };
    }
    case 'prepare': {
      // As scripts/pglite-template.ts: initdb once, ahead of time; then the same database as a tarball.
      const started = performance.now();
      await mkdir(task.template, { recursive: true });
      const { PGlite } = await import('@electric-sql/pglite');
      const { NodeFS } = await import('@electric-sql/pglite/nodefs');
      const db = await PGlite.create({ fs: new NodeFS(task.template) });
      const tarball = await db.dumpDataDir('gzip');
      await writeFile(task.tarball, new Uint8Array(await tarball.arrayBuffer()));
      await db.close();
      return { task: 'prepare', templateMs: performance.now() - started };
    }
  }
}

const [argument] = process.argv.slice(2);
if (!argument) throw new Error('usage: child.js <task as JSON>');
run(JSON.parse(argument) as ChildTask).then(
  (result) => process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`, () => process.exit(0)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
