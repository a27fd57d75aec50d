// Writes a seeded year into a data dir that the real host opens as it is. The
// events are made and signed in a child process (seal-process.ts) and reach
// this one as JSON lines, as a sync would bring them; they go through the host
// store's own `apply`, which parses every event against the contract and
// checks chains, signatures, persons and clocks before it stores a batch in
// one transaction. The data dir is Camille's laptop: its device key in the
// secret store and her name in the "You" box, so the host that opens it
// continues her chain rather than enrolling a new device.
import { spawn } from 'node:child_process';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { DEFAULT_WORKSPACE, EXERCISE_WORKSPACE } from '../../common/events/event';
import type { EventLog } from '../../common/sync/event-log';
import { DEVICE_KEY_SECRET } from '../../main/host/device-identity';
import { hasHostStore, openHostStore } from '../../main/host/host-store';
import { openSecretStore } from '../../main/host/secret-store';
import { openSettingsStore } from '../../main/host/settings-store';
import { importDeviceKey } from '../../main/services/identity/device-key';
import { createLogger } from '../../main/services/logger';
import { MIN_EVENTS, type Expected, type SealHeader, type WorkloadOptions } from './workload';

/**
 * Events per transaction. A sync batch is 2,000 (MAX_BATCH_EVENTS); a restore
 * applies a whole file at once. Larger batches spare per-transaction work
 * (device locks, head lookups, an fsync) without holding much memory.
 */
export const SEED_BATCH_EVENTS = 10_000;

const REPO_ROOT = join(__dirname, '..', '..');
const SEAL_ENTRY = join(__dirname, 'seal-process.ts');

export interface SeedProgress {
  readonly written: number;
  readonly total: number;
  readonly seconds: number;
}

export interface SeedSummary {
  readonly expected: Expected;
  readonly dataDir: string;
  readonly bytes: number;
  readonly seconds: number;
}

/** The size of a directory's files, all the way down. */
export async function directorySize(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) bytes += await directorySize(path);
    else if (entry.isFile()) bytes += (await stat(path)).size;
  }
  return bytes;
}

/** Lines of a stream, read only as fast as they are consumed (a full pipe holds the writer back). */
async function* linesOf(stream: Readable): AsyncGenerator<string, void> {
  stream.setEncoding('utf8');
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    yield* lines;
  }
  if (rest) yield rest;
}

export async function seedDataDir(
  dataDir: string,
  options: WorkloadOptions,
  onProgress: (progress: SeedProgress) => void = () => undefined,
): Promise<SeedSummary> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  if (!Number.isSafeInteger(options.events) || options.events < MIN_EVENTS)
    throw new RangeError(`--events must be at least ${MIN_EVENTS}`);
  // A data dir's secrets and settings are overwritten: only an empty or new directory is seeded.
  const existing = await readdir(dataDir).catch(() => []);
  if ((await hasHostStore(dataDir)) || existing.length > 0)
    throw new Error(`${dataDir} is not empty: seed a new or empty directory`);

  const sealer = spawn(process.execPath, ['--import', 'tsx', SEAL_ENTRY, JSON.stringify(options)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  sealer.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString('utf8')).slice(-4_000)));
  const exited = new Promise<number | null>((resolve) => sealer.once('close', (code) => resolve(code)));
  const failed = async (reason: string) => {
    const code = await exited;
    return new Error(`${reason}${code ? ` (the sealing process exited with ${code})` : ''}\n${errors}`.trim());
  };

  const lines = linesOf(sealer.stdout);
  let store: Awaited<ReturnType<typeof openHostStore>> | undefined;
  try {
    const first = await lines.next();
    if (first.done) throw await failed('the sealing process wrote nothing');
    const header = JSON.parse(first.value) as SealHeader;
    const { expected } = header;
    const key = importDeviceKey(header.key);
    const logger = createLogger('seed');
    await mkdir(dataDir, { recursive: true });
    await openSecretStore(dataDir).set(DEVICE_KEY_SECRET, key.exported);
    await (await openSettingsStore(dataDir, logger)).update({ displayName: header.person.name });
    store = await openHostStore(dataDir, logger, { key, person: () => header.person });
    const exercise = store.workspace?.(EXERCISE_WORKSPACE).log;
    if (!exercise) throw new Error('the host store keeps no exercise workspace');
    const logs: Readonly<Record<string, EventLog>> = { [DEFAULT_WORKSPACE]: store.log, [EXERCISE_WORKSPACE]: exercise };
    const batches = new Map<string, unknown[]>();
    const flush = async (workspace: string) => {
      const batch = batches.get(workspace) ?? [];
      const log = logs[workspace];
      batches.set(workspace, []);
      if (batch.length === 0) return;
      if (!log) throw new Error(`an event of workspace "${workspace}"`);
      const result = await log.apply(batch, { maxEvents: batch.length });
      if (!result.ok) throw new Error(`the store refused the seed: ${result.error.code}: ${result.error.message}`);
      if (result.stored !== batch.length) throw new Error(`the store kept ${result.stored} of ${batch.length} events`);
    };
    const step = Math.max(1, Math.round(expected.events / 10));
    let written = 0;
    for await (const line of lines) {
      // The workspace decides the log; everything else is the store's to check.
      const event = JSON.parse(line) as { readonly workspace: string };
      const batch = batches.get(event.workspace) ?? [];
      batch.push(event);
      batches.set(event.workspace, batch);
      if (batch.length >= SEED_BATCH_EVENTS) await flush(event.workspace);
      written += 1;
      if (written % step === 0 && written < expected.events)
        onProgress({ written, total: expected.events, seconds: seconds() });
    }
    for (const workspace of batches.keys()) await flush(workspace);
    if ((await exited) !== 0) throw await failed('the sealing process failed');
    if (written !== expected.events) throw new Error(`${written} events written, not ${expected.events}`);
    await store.close();
    store = undefined;
    return { expected, dataDir, bytes: await directorySize(dataDir), seconds: seconds() };
  } finally {
    if (sealer.exitCode === null) sealer.kill();
    await store?.close();
  }
}
