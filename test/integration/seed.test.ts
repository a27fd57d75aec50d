// The benchmark seed (`npm run seed`, bench/seed/): a small year written into a
// fresh data dir holds exactly what the plan counts once folded, repeats
// itself for the same seed and end, and is opened as it is by the real
// browser-mode host, started from its entry as a user starts it.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { foldEvents, isOpen } from '../../common/domain/incidents';
import { compareEvents } from '../../common/domain/order';
import { verifyRecord } from '../../common/events/chain';
import { DEFAULT_WORKSPACE, EXERCISE_WORKSPACE, type WarEvent } from '../../common/events/event';
import { hlcMillis } from '../../common/events/hlc';
import type { VersionVector } from '../../common/sync/vector';
import { deviceKey } from '../../main/host/device-identity';
import { openHostStore } from '../../main/host/host-store';
import { openSecretStore } from '../../main/host/secret-store';
import { createLogger } from '../../main/services/logger';
import { createBridgeClient } from '../../renderer/bridge/client';
import { createWsTransport } from '../../renderer/bridge/ws-transport';
import { seedDataDir, type SeedSummary } from '../../bench/seed/seed';
import { planWorkload } from '../../bench/seed/workload';
import { REPO_ROOT } from '../support/web-host-process';

const EVENTS = 5_000;
const SEED = 7;
const WEB_ENTRY_SOURCE = join(REPO_ROOT, 'main', 'host', 'web-entry.ts');
const ADDRESS = /http:\/\/127\.0\.0\.1:(\d+)/;

let dir: string;
let dataDir: string;
let until: number;
let summary: SeedSummary;
let record: Record<string, { events: WarEvent[]; vector: VersionVector }>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warroom-seed-'));
  dataDir = join(dir, 'data');
  until = Date.now() - 60_000;
  summary = await seedDataDir(dataDir, { events: EVENTS, seed: SEED, until });
  record = await readRecord();
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
});

/** Every event of both workspaces as the store holds them, read with the laptop's own key. */
async function readRecord(): Promise<Record<string, { events: WarEvent[]; vector: VersionVector }>> {
  const key = await deviceKey(openSecretStore(dataDir));
  const store = await openHostStore(dataDir, createLogger('seed-test'), { key, person: () => ({ name: 'x' }) });
  try {
    const read = async (workspace: string) => {
      const log = workspace === DEFAULT_WORKSPACE ? store.log : store.workspace?.(EXERCISE_WORKSPACE).log;
      if (!log) throw new Error(`no ${workspace} log`);
      return { events: await log.eventsBeyond({}, 2 ** 31 - 1), vector: await log.vector() };
    };
    return { [DEFAULT_WORKSPACE]: await read(DEFAULT_WORKSPACE), [EXERCISE_WORKSPACE]: await read(EXERCISE_WORKSPACE) };
  } finally {
    await store.close();
  }
}

/** The browser-mode host run from its TypeScript entry (what `npm run web` builds), on the seeded data dir. */
async function startHost(): Promise<{ port: number; stop(): Promise<void> }> {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    ['--import', 'tsx', WEB_ENTRY_SOURCE, '--data-dir', dataDir, '--no-open', '--port', '0'],
    { cwd: REPO_ROOT, env: { ...process.env, WARROOM_LOG: 'error' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const port = await new Promise<number>((found, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = ADDRESS.exec(output);
      if (match) found(Number(match[1]));
    });
    child.once('exit', (code) => fail(new Error(`the host exited (${code}) before listening:\n${output}`)));
  });
  return {
    port,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('npm run seed', () => {
  it('writes exactly the events asked for, a year long, none in the future, every chain intact', () => {
    const all = [...record[DEFAULT_WORKSPACE]!.events, ...record[EXERCISE_WORKSPACE]!.events];
    expect(all).toHaveLength(EVENTS);
    expect(record[EXERCISE_WORKSPACE]!.events).toHaveLength(summary.expected.byWorkspace.exercise);
    const times = all.map((event) => hlcMillis(event.hlc));
    expect(Math.max(...times)).toBeLessThanOrEqual(until);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(until - 365 * 86_400_000);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(360 * 86_400_000);
    for (const workspace of [DEFAULT_WORKSPACE, EXERCISE_WORKSPACE]) {
      const { events, vector } = record[workspace]!;
      expect(verifyRecord(events, vector).breaks).toEqual([]);
      // Every chain opens with its enrolment, and every event after it is signed.
      expect(events.every((event) => event.sig !== undefined)).toBe(true);
      const firsts = events.filter((event) => event.seq === 1);
      expect(firsts.every((event) => event.type === 'device.enrolled')).toBe(true);
      expect(firsts).toHaveLength(summary.expected.devices[workspace as 'default' | 'exercise']);
    }
  });

  it('folds into the planned incidents, monitors, devices and drills, the long incident at its exact length', () => {
    const { expected } = summary;
    const state = foldEvents(record[DEFAULT_WORKSPACE]!.events);
    const incidents = [...state.incidents.values()];
    expect(incidents).toHaveLength(expected.incidents);
    expect(incidents.filter(isOpen)).toHaveLength(expected.openIncidents);
    const declared = incidents.map((incident) => incident.timeline.at(0));
    expect(new Set(declared.map((entry) => entry?.kind === 'declared' && entry.severity))).toEqual(
      new Set(['SEV1', 'SEV2', 'SEV3', 'SEV4']),
    );
    expect(new Set(incidents.map((incident) => incident.status)).size).toBeGreaterThanOrEqual(3);
    expect(state.orphans).toBe(0);
    const long = state.incidents.get(expected.longIncident.id);
    expect(long).toMatchObject({ title: expected.longIncident.title, severity: 'SEV1', status: 'monitoring' });
    expect(long?.timeline).toHaveLength(expected.longIncident.entries);
    expect(long?.timeline.some((entry) => entry.kind === 'monitor' && entry.action === 'changed')).toBe(true);
    // Monitor documents all valid, the retired ones deleted; their history in the record.
    expect(state.monitors.byId.size).toBe(expected.monitors);
    expect([...state.monitors.byId.values()].every((doc) => doc.problems.length === 0)).toBe(true);
    const changes = record[DEFAULT_WORKSPACE]!.events.filter((event) => event.type === 'monitor.state-changed');
    expect(changes).toHaveLength(expected.monitorChanges);
    expect(state.devices.size).toBe(expected.devices.default);
    expect([...state.devices.values()].filter((device) => device.revokedAfter !== undefined)).toHaveLength(
      expected.revokedDevices,
    );
    // Approvals are given by a second person, as the app requires.
    const flags = incidents.flatMap((incident) =>
      incident.timeline.flatMap((entry) => (entry.kind === 'runbook' && entry.flag ? [entry.flag] : [])),
    );
    expect(flags).toEqual([]);

    const drills = foldEvents(record[EXERCISE_WORKSPACE]!.events);
    expect(drills.exercises.size).toBe(expected.exercises);
    expect([...drills.exercises.values()].every((session) => session.status === 'ended')).toBe(true);
    expect(drills.devices.size).toBe(expected.devices.exercise);
  });

  it('writes the same events again for the same seed and the same end of the year', () => {
    const digest = (events: Iterable<WarEvent>) => [...events].map((event) => event.hash).join('');
    const held = [...record[DEFAULT_WORKSPACE]!.events, ...record[EXERCISE_WORKSPACE]!.events].sort(compareEvents);
    const first = digest(planWorkload({ events: EVENTS, seed: SEED, until }).events());
    expect(digest(held)).toBe(first);
    expect(digest(planWorkload({ events: EVENTS, seed: SEED, until }).events())).toBe(first);
    expect(digest(planWorkload({ events: EVENTS, seed: SEED + 1, until }).events())).not.toBe(first);
  }, 60_000);

  it('is opened as it is by the browser-mode host, which serves the whole record to a window', async () => {
    const host = await startHost();
    const origin = `http://127.0.0.1:${host.port}`;
    const transport = createWsTransport(
      `ws://127.0.0.1:${host.port}/bridge`,
      (url) => new WebSocket(url, { origin }) as unknown as globalThis.WebSocket,
    );
    try {
      const client = createBridgeClient(transport);
      expect(await client.call('app:get-info', {})).toMatchObject({ ok: true, value: { mode: 'browser', dataDir } });
      const exchange = await client.call('sync:exchange', { workspace: DEFAULT_WORKSPACE, vector: {}, events: [] });
      expect(exchange).toMatchObject({
        ok: true,
        value: { ok: true, answer: { vector: record[DEFAULT_WORKSPACE]!.vector } },
      });
      const verified = await client.call('record:verify', {});
      expect(verified).toMatchObject({
        ok: true,
        value: { checked: summary.expected.byWorkspace.default, breaks: [] },
      });
      // The host reads the monitor documents once its services start, and shows every one on its board.
      await vi.waitFor(
        async () => {
          const board = await client.call('monitor:snapshot', {});
          expect(board.ok && board.value.monitors.length).toBe(summary.expected.monitors);
        },
        { timeout: 30_000, interval: 200 },
      );
    } finally {
      transport.close();
      await host.stop();
    }
  }, 60_000);
});
