// Sync through the team hub, as laptops do it: two replicas (each the host's
// store, PGlite in a data dir of its own, each in a thread of its own as each
// laptop has its own CPU) write their own events apart, then converge through a
// hub process (the built `out/main/hub.js`) over loopback. The hub stores in
// PostgreSQL when BENCH_DATABASE_URL or WARROOM_TEST_DATABASE_URL is set, else
// in PGlite; each figure says which. BENCH_HUB=source runs the hub from its
// TypeScript source instead of the build.
//
// Then a sync with nothing to exchange: its round trips, and its bytes on the
// wire (request and response, headers included), counted by a TCP relay
// between the replica and the hub.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { createConnection, createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import pg from 'pg';
import { syncWith, type SyncOutcome } from '../common/sync/exchange';
import { vectorsEqual, type VersionVector } from '../common/sync/vector';
import { createHubExchange, type HubTarget } from '../main/host/hub/hub-client';
import { runHubCommand, startHubProcess, type HubProcess } from '../main/host/hub/test-hub';
import { openPgliteClient } from '../main/host/store/pglite-client';
import { generateDeviceKey } from '../main/services/identity/device-key';
import { SqlEventStore } from '../main/host/store/sql-event-log';
import { noteDrafts, urlWithSchema } from '../main/host/store/test-storage';
import { type Figure } from './figure';
import { withTempDir } from './support/temp-dir';

const HUB_JS = fileURLToPath(new URL('../out/main/hub.js', import.meta.url));
const WORKSPACE = 'bench';
const APPEND_CHUNK = 5_000;

/** PostgreSQL for the hub, when the environment offers one. */
export function benchDatabaseUrl(): string | null {
  return process.env.BENCH_DATABASE_URL || process.env.WARROOM_TEST_DATABASE_URL || null;
}

export interface BenchHub {
  readonly process: HubProcess;
  readonly token: string;
  readonly storage: 'PostgreSQL' | 'PGlite';
  close(): Promise<void>;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A hub process on fresh storage (a new schema on PostgreSQL, or a new PGlite data dir), with one workspace. */
export async function startBenchHub(dir: string, workspace = WORKSPACE): Promise<BenchHub> {
  const url = benchDatabaseUrl();
  const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  if (url) await adminQuery(url, `CREATE SCHEMA ${schema}`);
  const options = {
    dataDir: join(dir, 'hub'),
    databaseUrl: url ? urlWithSchema(url, schema) : null,
    ...(process.env.BENCH_HUB === 'source' ? {} : { entry: HUB_JS }),
  };
  const added = await runHubCommand(['workspace', 'add', workspace], options);
  if (added.code !== 0) throw new Error(`hub workspace add failed: ${added.stderr}`);
  const hub = await startHubProcess(options, 'warn');
  return {
    process: hub,
    token: added.stdout.trim(),
    storage: url ? 'PostgreSQL' : 'PGlite',
    async close() {
      await hub.stop();
      if (url) await adminQuery(url, `DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

// A replica runs in a worker thread, driven by these messages, one at a time.
type ReplicaCommand =
  | { readonly kind: 'write'; readonly count: number; readonly startMs: number }
  | { readonly kind: 'sync'; readonly target: HubTarget; readonly knownPeerVector?: VersionVector }
  | { readonly kind: 'vector' }
  | { readonly kind: 'close' };

type ReplicaReply =
  | { readonly kind: 'done' }
  | { readonly kind: 'synced'; readonly outcome: SyncOutcome }
  | { readonly kind: 'vector'; readonly vector: VersionVector }
  | { readonly kind: 'failed'; readonly message: string };

interface ReplicaData {
  readonly role: 'sync-bench-replica';
  readonly dir: string;
}

function isReplicaData(value: unknown): value is ReplicaData {
  return typeof value === 'object' && value !== null && (value as { role?: unknown }).role === 'sync-bench-replica';
}

/** The worker's side: one replica, the host's store in its own data dir. */
async function serveReplica(data: ReplicaData): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const client = await openPgliteClient(data.dir);
  // A laptop's store signs as the host does: its own key, one person.
  const signer = { kind: 'host' as const, key: generateDeviceKey(), person: () => ({ name: 'Bench laptop' }) };
  const log = (await SqlEventStore.open(client, { signer })).log(WORKSPACE);
  const handle = async (command: ReplicaCommand): Promise<ReplicaReply> => {
    switch (command.kind) {
      case 'write':
        for (let written = 0; written < command.count; written += APPEND_CHUNK) {
          const drafts = noteDrafts(Math.min(APPEND_CHUNK, command.count - written), written);
          const result = await log.append(drafts, command.startMs + written);
          if (!result.ok) throw new Error(result.error.message);
        }
        return { kind: 'done' };
      case 'sync': {
        const options = command.knownPeerVector ? { knownPeerVector: command.knownPeerVector } : {};
        return { kind: 'synced', outcome: await syncWith(log, createHubExchange(command.target), options) };
      }
      case 'vector':
        return { kind: 'vector', vector: await log.vector() };
      case 'close':
        await client.close();
        return { kind: 'done' };
    }
  };
  let queue = Promise.resolve();
  port.on('message', (command: ReplicaCommand) => {
    queue = queue.then(async () => {
      const reply = await handle(command).catch((error: unknown): ReplicaReply => ({
        kind: 'failed',
        message: String(error),
      }));
      port.postMessage(reply);
      if (command.kind === 'close') port.close();
    });
  });
  port.postMessage({ kind: 'done' } satisfies ReplicaReply);
}

if (!isMainThread && isReplicaData(workerData)) void serveReplica(workerData);

interface Replica {
  write(count: number, startMs: number): Promise<void>;
  sync(target: HubTarget, knownPeerVector?: VersionVector): Promise<SyncOutcome>;
  vector(): Promise<VersionVector>;
  close(): Promise<void>;
}

/** Starts a replica in a worker thread, with tsx registered there to load this TypeScript file. */
async function startReplica(dir: string): Promise<Replica> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const self = fileURLToPath(import.meta.url);
  const data: ReplicaData = { role: 'sync-bench-replica', dir };
  const worker = new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(self)});`, {
    eval: true,
    workerData: data,
  });
  const waiting: ((reply: ReplicaReply) => void)[] = [];
  const crashed = new Promise<never>((_, reject) => worker.once('error', reject));
  worker.on('message', (reply: ReplicaReply) => waiting.shift()?.(reply));
  const next = () => Promise.race([new Promise<ReplicaReply>((resolve) => waiting.push(resolve)), crashed]);
  const call = async (command: ReplicaCommand): Promise<ReplicaReply> => {
    const reply = next();
    worker.postMessage(command);
    const answer = await reply;
    if (answer.kind === 'failed') throw new Error(`replica: ${answer.message}`);
    return answer;
  };
  await next();
  return {
    async write(count, startMs) {
      await call({ kind: 'write', count, startMs });
    },
    async sync(target, knownPeerVector) {
      const reply = await call({ kind: 'sync', target, ...(knownPeerVector ? { knownPeerVector } : {}) });
      if (reply.kind !== 'synced') throw new Error(`replica answered ${reply.kind}`);
      return reply.outcome;
    },
    async vector() {
      const reply = await call({ kind: 'vector' });
      if (reply.kind !== 'vector') throw new Error(`replica answered ${reply.kind}`);
      return reply.vector;
    },
    async close() {
      await call({ kind: 'close' });
      await worker.terminate();
    },
  };
}

/** A TCP relay to `port` that counts the bytes crossing it both ways. */
async function countingRelay(port: number): Promise<{ url: string; bytes: () => number; close: () => Promise<void> }> {
  let bytes = 0;
  const server: Server = createServer((inbound) => {
    const outbound = createConnection({ host: '127.0.0.1', port });
    inbound.on('data', (chunk: Buffer) => (bytes += chunk.length));
    outbound.on('data', (chunk: Buffer) => (bytes += chunk.length));
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bytes: () => bytes,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
      }),
  };
}

interface Convergence {
  readonly seconds: number;
  readonly idle?: { readonly roundTrips: number; readonly bytes: number };
  readonly storage: BenchHub['storage'];
}

/** Two replicas write `total` events between them, then converge through the hub; the time to converge. */
async function converge(total: number, measureIdle: boolean): Promise<Convergence> {
  return withTempDir(`sync-${total}`, async (dir) => {
    const [a, b] = await Promise.all([startReplica(join(dir, 'a')), startReplica(join(dir, 'b'))]);
    const hub = await startBenchHub(dir);
    try {
      const now = Date.now();
      await Promise.all([a.write(total / 2, now), b.write(total / 2, now + 1)]);
      const target: HubTarget = { url: hub.process.url, workspace: WORKSPACE, token: hub.token };
      const started = performance.now();
      // Both laptops sync at once, as they would on reconnecting; a second pass
      // brings each what the other pushed meanwhile.
      await Promise.all([a.sync(target), b.sync(target)]);
      await Promise.all([a.sync(target), b.sync(target)]);
      const seconds = (performance.now() - started) / 1000;
      const [vectorA, vectorB] = await Promise.all([a.vector(), b.vector()]);
      const held = Object.values(vectorA).reduce((sum, seq) => sum + seq, 0);
      // Each laptop's chain opens with its enrolment.
      if (!vectorsEqual(vectorA, vectorB) || held !== total + 2) {
        throw new Error(`did not converge: ${JSON.stringify(vectorA)} vs ${JSON.stringify(vectorB)}`);
      }
      if (!measureIdle) return { seconds, storage: hub.storage };
      const relay = await countingRelay(Number(new URL(hub.process.url).port));
      try {
        // As the host does, the replica remembers the hub's vector from its last sync.
        const idle = await a.sync({ ...target, url: relay.url }, vectorA);
        return { seconds, storage: hub.storage, idle: { roundTrips: idle.roundTrips, bytes: relay.bytes() } };
      } finally {
        await relay.close();
      }
    } finally {
      await hub.close();
      await Promise.all([a.close(), b.close()]);
    }
  });
}

export default async function syncBench(): Promise<Figure[]> {
  const small = await converge(10_000, true);
  const large = await converge(100_000, false);
  const how = (run: Convergence, perReplica: string) =>
    `two PGlite replicas writing ${perReplica} each, hub process on ${run.storage}`;
  const figures: Figure[] = [
    {
      name: '10,000 divergent events converge through the hub',
      value: small.seconds,
      unit: 's',
      target: 2,
      better: 'lower',
      note: how(small, '5,000'),
    },
    {
      name: '100,000 divergent events converge through the hub',
      value: large.seconds,
      unit: 's',
      target: 10,
      better: 'lower',
      note: how(large, '50,000'),
    },
  ];
  if (small.idle) {
    figures.push(
      {
        name: 'sync with nothing to exchange: round trips',
        value: small.idle.roundTrips,
        unit: 'round trips',
        target: 2,
        better: 'lower',
        note: `after the 10,000-event convergence, hub on ${small.storage}`,
      },
      {
        name: 'sync with nothing to exchange: bytes on the wire',
        value: small.idle.bytes,
        unit: 'bytes',
        target: 5 * 1024,
        better: 'lower',
        note: 'request and response, HTTP headers included',
      },
    );
  }
  return figures;
}
