// The real host process (`out/main/web.js`, browser mode), measured from the
// outside as a laptop's task manager would: its resident memory once idle, and
// the CPU it uses, read from /proc. Three records: an empty one (a first start),
// one with 500 HTTP monitors checked every 30 s against a server on loopback,
// with a window open (a Chromium page on the host), and the seeded year of use
// (`npm run seed`, 1,000,000 events; made once into bench/.cache when absent, or
// WARROOM_SEED_DIR).
// Three samples each, in turns. Linux only (/proc).
import { spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { EventDraft } from '../common/events/event';
import { DEFAULT_WORKSPACE } from '../common/events/event';
import { openPgliteClient } from '../main/host/store/pglite-client';
import { SqlEventStore } from '../main/host/store/sql-event-log';
import { signedDevice } from '../test/support/signed-device';
import { spawnWebHost, type ServerProcess } from '../test/support/web-host-process';
import { max, median, min, type Figure } from './figure';
import { chromiumLaunchOptions } from './support/chromium';
import { withTempDir } from './support/temp-dir';

const SAMPLES = 3;
const CPU_WINDOW_MS = 30_000;
const MONITORS = 500;
const SEED_EVENTS = 1_000_000;
/** The seeded record: made once into bench/.cache, or one made already (`WARROOM_SEED_DIR`, by `npm run seed`). */
const SEED_DIR = process.env.WARROOM_SEED_DIR ?? join(__dirname, '.cache', `seed-${SEED_EVENTS}`);
const TICKS_PER_S = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** Resident memory of a process and its children, in MB. */
async function residentMb(pid: number): Promise<number> {
  let kb = 0;
  for (const each of [pid, ...(await childrenOf(pid))]) {
    const status = await readFile(`/proc/${each}/status`, 'utf8').catch(() => '');
    kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return kb / 1024;
}

async function childrenOf(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text.split(/\s+/).filter(Boolean).map(Number);
}

/** CPU seconds (user + system) a process has used so far. */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pidOf(host: ServerProcess): number {
  const pid = host.pid;
  if (pid === undefined) throw new Error('the host has no pid');
  return pid;
}

/** Writes `drafts` into a data dir's record as a teammate's laptop would have (signed, before the host starts). */
async function writeRecord(dataDir: string, drafts: readonly EventDraft[]): Promise<void> {
  const client = await openPgliteClient(join(dataDir, 'store'));
  try {
    const store = await SqlEventStore.open(client);
    const author = signedDevice('Bench', { workspace: DEFAULT_WORKSPACE });
    const events = author.write(drafts, Date.now() - 60_000);
    for (let start = 0; start < events.length; start += 1_000) {
      const applied = await store.log(DEFAULT_WORKSPACE).apply(events.slice(start, start + 1_000));
      if (!applied.ok) throw new Error(applied.error.message);
    }
  } finally {
    await client.close();
  }
}

async function loopbackServer(): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((_request, response) => {
    hits += 1;
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The seeded year of use, made once (minutes) and copied for each sample. */
async function seededRecord(): Promise<string> {
  const ready = await stat(join(SEED_DIR, 'store')).then(
    () => true,
    () => false,
  );
  if (!ready) {
    await mkdir(SEED_DIR, { recursive: true });
    const run = spawnSync(
      'npx',
      ['tsx', 'bench/seed/seed-cli.ts', '--events', String(SEED_EVENTS), '--data-dir', SEED_DIR],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        cwd: join(__dirname, '..'),
      },
    );
    if (run.status !== 0) throw new Error(`npm run seed failed (${run.status})`);
  }
  return SEED_DIR;
}

interface Sample {
  /** Resident memory 30 s after the spawn. */
  readonly idleMb: number;
  /** CPU used in the first 30 s after the spawn, start included. */
  readonly startCpuS: number;
  /** CPU per second over the 30 s after that, when asked for. */
  readonly steadyCpuPerS: number | null;
}

/** Spawns the host on `dataDir` (optionally with a window open on it) and reads it from /proc. */
async function sample(dataDir: string, { withWindow = false, steady = false } = {}): Promise<Sample> {
  const spawned = performance.now();
  const host = await spawnWebHost(dataDir, { env: { WARROOM_LOG: 'warn' }, timeoutMs: 60_000 });
  const browser = withWindow ? await chromium.launch(chromiumLaunchOptions()) : null;
  try {
    const pid = pidOf(host);
    if (browser) {
      const page = await browser.newPage();
      await page.goto(host.url);
      await page.waitForSelector('[data-app-state="ready"]', { timeout: 120_000 });
    }
    await pause(Math.max(0, CPU_WINDOW_MS - (performance.now() - spawned)));
    const startCpuS = await cpuSeconds(pid);
    const idleMb = await residentMb(pid);
    if (!steady) return { idleMb, startCpuS, steadyCpuPerS: null };
    await pause(CPU_WINDOW_MS);
    return { idleMb, startCpuS, steadyCpuPerS: ((await cpuSeconds(pid)) - startCpuS) / (CPU_WINDOW_MS / 1000) };
  } finally {
    await browser?.close();
    await host.stop();
  }
}

const spread = (values: readonly number[], digits: number) =>
  `${values.length} samples, min ${min(values).toFixed(digits)}, max ${max(values).toFixed(digits)}`;

function memoryFigure(label: string, samples: readonly Sample[], target: number, left: string): Figure {
  const mb = samples.map((each) => each.idleMb);
  return {
    name: `host resident memory, ${label}`,
    value: Math.round(median(mb)),
    unit: 'MB',
    target,
    better: 'lower',
    note: `${spread(mb, 0)}; VmRSS of out/main/web.js 30 s after its spawn; ${left}`,
  };
}

export default async function hostFootprint(): Promise<Figure[]> {
  const empty: Sample[] = [];
  const monitored: Sample[] = [];
  const seeded: Sample[] = [];
  const server = await loopbackServer();
  const seedDir = await seededRecord();
  try {
    for (let run = 0; run < SAMPLES; run += 1) {
      empty.push(await withTempDir('footprint', (dir) => sample(dir)));
      monitored.push(
        await withTempDir('footprint', async (dir) => {
          await writeRecord(
            dir,
            Array.from({ length: MONITORS }, (_, index) => ({
              type: 'doc.put' as const,
              actor: '',
              payload: {
                collection: 'monitor',
                docId: `m-${index}`,
                body: {
                  id: `m-${index}`,
                  type: 'http',
                  name: `Service ${index}`,
                  url: `${server.url}/health/${index}`,
                  interval: 30,
                },
              },
            })),
          );
          return sample(dir, { withWindow: true, steady: true });
        }),
      );
      seeded.push(
        await withTempDir('footprint', async (dir) => {
          await cp(seedDir, dir, { recursive: true });
          return sample(dir);
        }),
      );
    }
  } finally {
    await server.close();
  }
  // Monitors that never ran would make the CPU row a lie.
  if (server.hits() < MONITORS) throw new Error(`only ${server.hits()} checks reached the loopback server`);
  const cpuPerCore = monitored.map((each) => (each.steadyCpuPerS ?? 0) * 100);
  const startCpu = seeded.map((each) => each.startCpuS);
  return [
    memoryFigure('idle, empty record (first start)', empty, 120, 'no window'),
    memoryFigure(`${MONITORS} HTTP monitors at 30 s, a window open`, monitored, 150, 'the window (Chromium) left out'),
    {
      name: `host CPU, ${MONITORS} HTTP monitors at 30 s, a window open`,
      value: Number(median(cpuPerCore).toFixed(2)),
      unit: '% of a core',
      target: 1,
      better: 'lower',
      note: `${spread(cpuPerCore, 2)}; from 30 s to 60 s after the spawn (${server.hits()} checks answered in all); Chromium left out`,
    },
    memoryFigure(`the seeded record (${SEED_EVENTS.toLocaleString('en-US')} events)`, seeded, 250, 'no window'),
    {
      name: `host start on the ${SEED_EVENTS.toLocaleString('en-US')}-event record: CPU in its first 30 s`,
      value: Number(median(startCpu).toFixed(2)),
      unit: 's',
      target: 2,
      better: 'lower',
      note: `${spread(startCpu, 2)}; user + system time from /proc, from the spawn; no window`,
    },
  ];
}
