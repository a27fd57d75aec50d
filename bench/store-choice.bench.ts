// Which embedded store for the host (issue 21): PGlite as the app opens it,
// PGlite tuned (small shared buffers, a data dir made at build time, a worker
// thread), and SQLite through better-sqlite3 or node:sqlite, each measured in a
// fresh Node process of its own (bench/store-choice/child.ts, compiled to plain
// JavaScript first so that no TypeScript loader sits in the process), so that
// each resident-memory figure is one store's in a process like the host's.
//
// Per candidate: a first open on an empty data dir, a reopen, 100,000 events
// appended 2,000 per transaction, and the opening of a 1,000,000-event record
// with the two reads a window makes first. Every store is durable against a power
// loss: PGlite with fsync on (as pglite-client.ts), SQLite in WAL mode with
// synchronous=FULL. Samples are taken in turns (each step for every candidate,
// then the next step, then the next round), as the machine is shared and noisy.
//
//   BETTER_SQLITE3_DIR   where better-sqlite3 is installed, built for this Node
//                        (it is no dependency of the app); its rows are left out without it
//   NODE_SQLITE_NODE     a Node binary with node:sqlite (22.5+), when this one has none;
//                        its rows are left out without it
//   STORE_CHOICE_QUICK   1: one round, short waits, small records, to try the bench (figures meaningless)
//   STORE_CHOICE_JSON    a file to write every sample to
import { execFile, spawn } from 'node:child_process';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { STORE_MIGRATIONS } from '../main/host/store/sql-event-log';
import { formatNumber, max, median, min, type Better, type Figure } from './figure';
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
} from './store-choice/protocol';
import { withTempDir } from './support/temp-dir';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHILD_SOURCES = join(ROOT, 'bench', 'store-choice');
const IS_QUICK = process.env.STORE_CHOICE_QUICK === '1';
const ROUNDS = IS_QUICK ? 1 : 3;
const IDLE_MS = IS_QUICK ? 500 : 5_000;
const INSERT_EVENTS = IS_QUICK ? 10_000 : 100_000;
const BATCH = 2_000;
const LARGE_EVENTS = IS_QUICK ? 20_000 : 1_000_000;
/** The targets. */
const FIRST_START_MS = 1_500;
const IDLE_EMPTY_MB = 120;
const IDLE_LARGE_MB = 250;

const execFileAsync = promisify(execFile);

interface Runtime {
  readonly name: string;
  readonly node: string;
  readonly flags: readonly string[];
}

type Family = 'pglite' | 'sqlite';

interface Candidate {
  readonly id: string;
  readonly label: string;
  readonly engine: EngineId;
  readonly firstOpen: FirstOpen;
  readonly family: Family;
  readonly runtime: Runtime;
  /** Only the first open is measured: the rest is the same store as another candidate's. */
  readonly isFirstOpenOnly: boolean;
}

/** Transpiles the child's modules, one for one, to CommonJS (as the host's bundle loads PGlite). */
async function compileChild(out: string): Promise<string> {
  await mkdir(out, { recursive: true });
  for (const name of (await readdir(CHILD_SOURCES)).filter((file) => file.endsWith('.ts'))) {
    const source = await readFile(join(CHILD_SOURCES, name), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      fileName: name,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    await writeFile(join(out, name.replace(/\.ts$/, '.js')), outputText);
  }
  return join(out, 'child.js');
}

/** The Node binary for node:sqlite and its flags, or why there is none. */
async function nodeSqliteRuntime(): Promise<Runtime | string> {
  const node = process.env.NODE_SQLITE_NODE || process.execPath;
  let version: string;
  try {
    version = (await execFileAsync(node, ['-p', 'process.version'])).stdout.trim();
  } catch {
    return `NODE_SQLITE_NODE=${node} does not run`;
  }
  const [major = 0, minor = 0] = version.slice(1).split('.').map(Number);
  const isFlagged = major === 22 && minor < 13;
  if (major < 22 || (major === 22 && minor < 5)) {
    return `node:sqlite is not in Node ${version} (it is from 22.5, as in Electron 38); set NODE_SQLITE_NODE to a Node 22 binary`;
  }
  const flags = ['--disable-warning=ExperimentalWarning', ...(isFlagged ? ['--experimental-sqlite'] : [])];
  try {
    await execFileAsync(node, [...flags, '-e', `process.getBuiltinModule('node:sqlite').DatabaseSync`]);
  } catch {
    return `Node ${version} at ${node} has no node:sqlite`;
  }
  return { name: `Node ${version}`, node, flags };
}

/** better-sqlite3's folder if it loads in this Node, or why not. */
function betterSqlite3Dir(): { dir: string } | { reason: string } {
  const dir = process.env[BETTER_SQLITE3_ENV];
  if (!dir) {
    return {
      reason: `${BETTER_SQLITE3_ENV} is not set (npm install better-sqlite3@12.11.1 --foreground-scripts in a folder outside the repo, then point it there)`,
    };
  }
  try {
    createRequire(join(dir, 'noop.js'))('better-sqlite3');
    return { dir };
  } catch (error) {
    return { reason: `better-sqlite3 does not load from ${dir}: ${error instanceof Error ? error.message : error}` };
  }
}

interface ChildRunner {
  run<T extends ChildTask['task']>(
    runtime: Runtime,
    task: Extract<ChildTask, { task: T }>,
  ): Promise<Extract<ChildResult, { task: T }>>;
}

function childRunner(childJs: string, env: NodeJS.ProcessEnv): ChildRunner {
  return {
    run(runtime, task) {
      return new Promise((resolve, reject) => {
        const child = spawn(
          runtime.node,
          [...runtime.flags, '--expose-gc', childJs, JSON.stringify(task)],
          // The child's own modules sit outside the repo: PGlite resolves through NODE_PATH.
          { env, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('exit', (code) => {
          const line = stdout.split('\n').find((text) => text.startsWith(RESULT_PREFIX));
          if (code !== 0 || !line) {
            reject(new Error(`${task.task} ${JSON.stringify(task)} ended with ${code}: ${stderr.slice(-2_000)}`));
            return;
          }
          const result = JSON.parse(line.slice(RESULT_PREFIX.length)) as ChildResult;
          if (result.task !== task.task) reject(new Error(`asked ${task.task}, got ${result.task}`));
          else resolve(result as Extract<ChildResult, { task: typeof task.task }>);
        });
      });
    },
  };
}

/** Bytes on disk under `path` (apparent sizes). */
async function diskBytes(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of await readdir(path)) total += await diskBytes(join(path, entry));
  return total;
}

/** A value measured with a figure's value and shown in its note, as a median. */
interface Aside {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
}

interface Series {
  readonly unit: string;
  readonly target: number | null;
  readonly better: Better;
  readonly note: string;
  readonly values: number[];
  readonly asides: Map<string, { unit: string; values: number[] }>;
}

/** Samples by figure, in the order figures are first given. */
class Samples {
  private readonly series = new Map<string, Series>();

  add(
    name: string,
    value: number,
    {
      unit,
      target = null,
      better = 'lower',
      note,
      asides = [],
    }: {
      unit: string;
      target?: number | null;
      better?: Better;
      note: string;
      asides?: readonly Aside[];
    },
  ): void {
    const series: Series = this.series.get(name) ?? { unit, target, better, note, values: [], asides: new Map() };
    series.values.push(value);
    for (const aside of asides) {
      const values = series.asides.get(aside.label) ?? { unit: aside.unit, values: [] };
      values.values.push(aside.value);
      series.asides.set(aside.label, values);
    }
    this.series.set(name, series);
  }

  figures(): Figure[] {
    return [...this.series.entries()].map(([name, series]) => {
      const spread =
        series.values.length > 1
          ? `median of ${series.values.length} in turns, ${formatNumber(min(series.values))}–${formatNumber(max(series.values))}`
          : 'one run';
      const asides = [...series.asides.entries()].map(
        ([label, aside]) => `${label} ${formatNumber(median(aside.values))} ${aside.unit}`,
      );
      return {
        name,
        value: median(series.values),
        unit: series.unit,
        target: series.target,
        better: series.better,
        note: [spread, ...asides, series.note].filter((part) => part !== '').join('; '),
      };
    });
  }

  toJson(): Record<string, { values: number[]; asides: Record<string, number[]> }> {
    return Object.fromEntries(
      [...this.series.entries()].map(([name, series]) => [
        name,
        {
          values: series.values,
          asides: Object.fromEntries([...series.asides.entries()].map(([label, aside]) => [label, aside.values])),
        },
      ]),
    );
  }
}

export default async function storeChoice(): Promise<Figure[]> {
  return withTempDir('store-choice', async (tmp) => {
    const childJs = await compileChild(join(tmp, 'child'));
    const template = join(tmp, 'pglite-template');
    const tarball = join(tmp, 'pglite-template.tar.gz');
    const better = betterSqlite3Dir();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_PATH: join(ROOT, 'node_modules'),
      [SCHEMA_ENV]: JSON.stringify(STORE_MIGRATIONS),
      [TEMPLATE_ENV]: template,
      [TARBALL_ENV]: tarball,
      ...('dir' in better ? { [BETTER_SQLITE3_ENV]: better.dir } : {}),
    };
    const runner = childRunner(childJs, env);
    const node: Runtime = { name: `Node ${process.version}`, node: process.execPath, flags: [] };
    const nodeSqlite = await nodeSqliteRuntime();

    const pglite = (id: string, label: string, engine: EngineId, firstOpen: FirstOpen, isFirstOpenOnly = false) =>
      ({ id, label, engine, firstOpen, family: 'pglite', runtime: node, isFirstOpenOnly }) satisfies Candidate;
    const left: string[] = [];
    const candidates: Candidate[] = [
      pglite('pglite-app-initdb', 'PGlite as before (128 MB buffers), initdb', 'pglite-app', 'initdb', true),
      pglite('pglite-app', 'PGlite as before (128 MB buffers), template copy', 'pglite-app', 'template-copy'),
      pglite('pglite-tuned-load', 'PGlite tuned, loadDataDir', 'pglite-tuned', 'load-data-dir', true),
      pglite('pglite-tuned', 'PGlite tuned (template copy)', 'pglite-tuned', 'template-copy'),
      pglite('pglite-worker', 'PGlite tuned in a worker thread', 'pglite-worker', 'template-copy'),
    ];
    if ('dir' in better) {
      candidates.push({
        id: 'better-sqlite3',
        label: 'SQLite, better-sqlite3',
        engine: 'better-sqlite3',
        firstOpen: 'create',
        family: 'sqlite',
        runtime: node,
        isFirstOpenOnly: false,
      });
    } else left.push(`better-sqlite3: ${better.reason}`);
    if (typeof nodeSqlite === 'string') left.push(`node:sqlite: ${nodeSqlite}`);
    else {
      candidates.push({
        id: 'node-sqlite',
        label: `SQLite, node:sqlite (${nodeSqlite.name})`,
        engine: 'node-sqlite',
        firstOpen: 'create',
        family: 'sqlite',
        runtime: nodeSqlite,
        isFirstOpenOnly: false,
      });
    }
    for (const reason of left) console.error(`store-choice: rows left out: ${reason}`);
    const runtimes = [node, ...(typeof nodeSqlite === 'string' || nodeSqlite.node === node.node ? [] : [nodeSqlite])];
    const full = candidates.filter((candidate) => !candidate.isFirstOpenOnly);
    const samples = new Samples();
    const mb = (bytes: number) => bytes / 1e6;

    // Build-time artefacts, and one large record per file format (read by every candidate of that format).
    const prepared = await runner.run(node, { task: 'prepare', engine: 'pglite-app', template, tarball });
    samples.add('PGlite build-time artefacts: initdb, then dumpDataDir (gzip)', prepared.templateMs, {
      unit: 'ms',
      note: `informative: the data dir ${formatNumber(mb(await diskBytes(template)))} MB, its tarball ${formatNumber(mb(await diskBytes(tarball)))} MB`,
    });
    const size = `${formatNumber(LARGE_EVENTS)}-event record`;
    const large = new Map<Family, string>();
    for (const family of ['pglite', 'sqlite'] as const) {
      const maker = full.find((candidate) => candidate.family === family);
      if (!maker) continue;
      const dir = join(tmp, `large-${family}`);
      await runner.run(maker.runtime, {
        task: 'create',
        engine: maker.engine,
        dir,
        firstOpen: maker.firstOpen,
        idleMs: 0,
      });
      const filled = await runner.run(maker.runtime, {
        task: 'insert',
        engine: maker.engine,
        dir,
        from: 0,
        events: LARGE_EVENTS,
        batch: BATCH,
      });
      samples.add(`fill of the ${size}: ${maker.label}`, LARGE_EVENTS / (filled.insertMs / 1000), {
        unit: 'events/s',
        better: 'higher',
        asides: [{ label: 'CPU', value: filled.insertCpuMs / 1000, unit: 's' }],
        note: `informative: ${BATCH.toLocaleString('en')} per transaction; ${formatNumber(mb(await diskBytes(dir)))} MB on disk`,
      });
      large.set(family, dir);
    }

    for (let round = 0; round < ROUNDS; round += 1) {
      const dirOf = (candidate: Candidate) => join(tmp, `round-${round}`, candidate.id);
      samples.add('1-minute load average of the machine (2 cores, shared)', loadavg()[0] ?? 0, {
        unit: '',
        note: 'informative: sampled at the start of each round; above 2, the candidates queued for CPU',
      });
      for (const runtime of runtimes) {
        const bare = await runner.run(runtime, { task: 'bare', idleMs: IDLE_MS });
        samples.add(`RSS of a bare ${runtime.name} process (the floor)`, bare.idleRssMb, {
          unit: 'MB',
          note: "informative: the child's own code loaded, no store; every RSS figure includes it",
        });
      }
      for (const candidate of candidates) {
        const created = await runner.run(candidate.runtime, {
          task: 'create',
          engine: candidate.engine,
          dir: dirOf(candidate),
          firstOpen: candidate.firstOpen,
          idleMs: IDLE_MS,
        });
        samples.add(`first open of an empty store → usable: ${candidate.label}`, created.openMs, {
          unit: 'ms',
          target: FIRST_START_MS,
          asides: [{ label: 'CPU', value: created.openCpuMs, unit: 'ms' }],
          note: "from loading the engine to a query answered, schema made; Node's own start (~50 ms) left out",
        });
        samples.add(`RSS 5 s after a first open: ${candidate.label}`, created.idleRssMb, {
          unit: 'MB',
          target: IDLE_EMPTY_MB,
          asides: [
            { label: 'right after', value: created.rssMb, unit: 'MB' },
            { label: 'CPU in the 5 s', value: created.idleCpuMs, unit: 'ms' },
          ],
          note: '',
        });
        if (round === 0 && !candidate.isFirstOpenOnly) {
          samples.add(`disk, empty store: ${candidate.label}`, mb(await diskBytes(dirOf(candidate))), {
            unit: 'MB',
            note: 'informative',
          });
        }
      }
      for (const candidate of full) {
        const reopened = await runner.run(candidate.runtime, {
          task: 'reopen',
          engine: candidate.engine,
          dir: dirOf(candidate),
          idleMs: IDLE_MS,
        });
        samples.add(`reopen of the empty store → usable: ${candidate.label}`, reopened.openMs, {
          unit: 'ms',
          asides: [{ label: 'CPU', value: reopened.openCpuMs, unit: 'ms' }],
          note: '',
        });
        samples.add(`RSS 5 s after a reopen, empty record (idle host): ${candidate.label}`, reopened.idleRssMb, {
          unit: 'MB',
          target: IDLE_EMPTY_MB,
          asides: [
            { label: 'right after', value: reopened.rssMb, unit: 'MB' },
            { label: 'CPU in the 5 s', value: reopened.idleCpuMs, unit: 'ms' },
          ],
          note: '',
        });
      }
      for (const candidate of full) {
        const inserted = await runner.run(candidate.runtime, {
          task: 'insert',
          engine: candidate.engine,
          dir: dirOf(candidate),
          from: 0,
          events: INSERT_EVENTS,
          batch: BATCH,
        });
        const appended = `${formatNumber(INSERT_EVENTS)} events appended`;
        samples.add(
          `${appended}, ${BATCH.toLocaleString('en')} per transaction: ${candidate.label}`,
          INSERT_EVENTS / (inserted.insertMs / 1000),
          {
            unit: 'events/s',
            better: 'higher',
            asides: [{ label: 'CPU', value: inserted.insertCpuMs / 1000, unit: 's' }],
            note: "the store's calls only (making the rows left out); events and heads in one transaction, durable commits",
          },
        );
        samples.add(`RSS after ${appended}: ${candidate.label}`, inserted.insertedRssMb, {
          unit: 'MB',
          note: 'after a full GC (the rows made by the bench left out)',
        });
      }
      for (const candidate of full) {
        const dir = large.get(candidate.family);
        if (!dir) continue;
        const read = await runner.run(candidate.runtime, {
          task: 'read',
          engine: candidate.engine,
          dir,
          events: LARGE_EVENTS,
        });
        samples.add(`open the ${size} → usable: ${candidate.label}`, read.openMs, {
          unit: 'ms',
          asides: [{ label: 'CPU', value: read.openCpuMs, unit: 'ms' }],
          note: "CPU is user + system of every thread; the OS file cache warm (the record was just written; the bench cannot drop others' caches)",
        });
        samples.add(`newest 200 events of the ${size}: ${candidate.label}`, read.newestMs, {
          unit: 'ms',
          note: 'the first query after the open; bodies fetched, not parsed',
        });
        samples.add(`2,000 events of one device after seq N, ${size}: ${candidate.label}`, read.deviceAfterMs, {
          unit: 'ms',
          note: 'a sync batch, by primary key; bodies fetched, not parsed',
        });
        samples.add(`RSS after opening and reading the ${size}: ${candidate.label}`, read.readRssMb, {
          unit: 'MB',
          target: IDLE_LARGE_MB,
          asides: [{ label: 'right after the open', value: read.rssMb, unit: 'MB' }],
          note: 'no idle wait',
        });
      }
      console.error(`store-choice: round ${round + 1} of ${ROUNDS} done`);
    }
    for (const [family, dir] of large) {
      const note =
        family === 'pglite'
          ? `informative: filled with the app's settings; ${formatNumber(mb(await diskBytes(join(dir, 'pgdata', 'pg_wal'))))} MB of it is WAL (max_wal_size 1 GB)`
          : 'informative: the WAL checkpointed into the file on close';
      samples.add(`disk, ${size}: ${family === 'pglite' ? 'PGlite' : 'SQLite'}`, mb(await diskBytes(dir)), {
        unit: 'MB',
        note,
      });
    }
    if (process.env.STORE_CHOICE_JSON) {
      await writeFile(process.env.STORE_CHOICE_JSON, JSON.stringify(samples.toJson(), null, 2));
    }
    const figures = samples.figures();
    figures.push({
      name: 'store candidates measured',
      value: candidates.length,
      unit: '',
      target: null,
      better: 'higher',
      note: left.length === 0 ? 'all' : `left out: ${left.join('; ')}`,
    });
    return figures;
  });
}
