// A teammate's browser on the LAN, played as an adversary against the real web
// host: it holds the join token (it was invited) and tries to start an
// exercise, steer one (pause, speed, end, live actions on) or feed it an
// inject, and to change the laptop owner's language and name. Each call is
// refused with its reason and nothing lands in the record or the settings;
// events it writes into the record from its own device do not steer the
// session either. The person at the laptop (loopback) still does each.
//
// A LAN peer is a socket whose remote address is not loopback, so the teammate
// connects through this machine's own non-loopback address, as web-host.test.ts
// does; without one there is no way to be a LAN peer here, and the tests say so.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { foldEvents } from '../../common/domain/incidents';
import { EMPTY_HEAD, sealEvents } from '../../common/events/chain';
import { DEFAULT_WORKSPACE, EXERCISE_WORKSPACE, type EventDraft, type WarEvent } from '../../common/events/event';
import { paymentScenario } from '../../common/exercises/drill.fixture';
import type { ExerciseSession } from '../../common/exercises/session';
import { createHost, type Host } from '../../main/host/host';
import type { OpenedLog } from '../../main/host/host-store';
import { startWebHost, type WebHost } from '../../main/host/web-host';
import { memoryWorkspace, testHostOptions } from '../support/test-host';

const TOKEN = 'adversary-join-token-0123456789';

/** This machine's own LAN address: a connection to it comes from a non-loopback address. */
const LAN_ADDRESS = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** One bridge connection, as a browser page of this host opens it. */
class BridgeClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (answer: Answer) => void>();
  readonly events: { name: string; payload: unknown }[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { kind: string; id?: number; result?: Answer; name?: string };
      if (frame.kind === 'result' && frame.id !== undefined && frame.result) this.waiting.get(frame.id)?.(frame.result);
      if (frame.kind === 'event' && frame.name)
        this.events.push({ name: frame.name, payload: (frame as { payload?: unknown }).payload });
    });
  }

  static async open(address: string, port: number): Promise<BridgeClient> {
    const socket = new WebSocket(`ws://${address}:${port}/bridge`, {
      headers: { Origin: `http://${address}:${port}`, Cookie: `warroom_join=${TOKEN}` },
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new BridgeClient(socket);
  }

  call(channel: string, payload: unknown): Promise<Answer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.socket.send(JSON.stringify({ kind: 'call', id, channel, payload }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

let dir: string;
let host: Host;
let web: WebHost;
let drill: ReturnType<typeof memoryWorkspace>;
let laptop: BridgeClient;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warroom-adversary-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>War-room</title>');
  const real = memoryWorkspace(DEFAULT_WORKSPACE);
  drill = memoryWorkspace(EXERCISE_WORKSPACE, 'facilitator-laptop');
  const opened: OpenedLog = { ...real, workspace: () => drill, close: async () => undefined };
  host = await createHost(testHostOptions(join(dir, 'data'), { openLog: async () => opened }));
  web = await startWebHost({ host, rendererDir, port: 0, lanToken: TOKEN });
  laptop = await BridgeClient.open('127.0.0.1', web.port);
});

afterEach(async () => {
  laptop.close();
  await web.close();
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

const scenario = () => JSON.parse(JSON.stringify(paymentScenario())) as Record<string, unknown>;
const exerciseEvents = () => drill.log.eventsBeyond({}, 100_000);
const sessionOf = async (sessionId: string): Promise<ExerciseSession | undefined> =>
  foldEvents(await exerciseEvents()).exercises.get(sessionId);

async function startAtLaptop(): Promise<string> {
  const started = await laptop.call('exercise:start', {
    actor: 'Fatima',
    scenario: scenario(),
    speed: 1,
    allowLiveActions: false,
  });
  if (!started.ok) throw new Error(`the laptop could not start: ${started.error.code} ${started.error.message}`);
  return (started.value as { sessionId: string }).sessionId;
}

/** What a refusal must look like: forbidden, with the reason code the window words. */
const refusedWith = (message: string) => ({ ok: false, error: { code: 'forbidden', message } });

describe.skipIf(LAN_ADDRESS === undefined)(
  "a teammate's browser on the LAN (skipped: this machine has no non-loopback IPv4 address to be one)",
  () => {
    let teammate: BridgeClient;
    beforeEach(async () => {
      teammate = await BridgeClient.open(LAN_ADDRESS ?? '', web.port);
    });
    afterEach(() => teammate.close());

    it('is told it is not at the laptop, and which calls it will be refused', async () => {
      const access = await teammate.call('app:get-access', {});
      expect(access).toMatchObject({ ok: true, value: { isAtLaptop: false } });
      const laptopOnly = (access as { value: { laptopOnly: string[] } }).value.laptopOnly;
      for (const call of ['exercise:start', 'exercise:control', 'exercise:inject', 'settings:update'])
        expect(laptopOnly, call).toContain(call);
      expect(await laptop.call('app:get-access', {})).toEqual({
        ok: true,
        value: { isAtLaptop: true, laptopOnly: [] },
      });
    });

    it('cannot start an exercise, live actions or not, and nothing is written', async () => {
      for (const allowLiveActions of [true, false]) {
        expect(
          await teammate.call('exercise:start', {
            actor: 'Mallory',
            scenario: scenario(),
            speed: 10,
            allowLiveActions,
          }),
        ).toEqual(refusedWith('exercise-laptop-only'));
      }
      expect(await exerciseEvents()).toEqual([]);
    });

    it('cannot pause, speed up, end, turn live actions on or feed an injection into a running exercise', async () => {
      const sessionId = await startAtLaptop();
      const before = await exerciseEvents();
      const attempts: [string, Record<string, unknown>][] = [
        ['exercise:control', { action: 'live-actions', allowLiveActions: true }],
        ['exercise:control', { action: 'paused' }],
        ['exercise:control', { action: 'speed', speed: 10 }],
        ['exercise:control', { action: 'ended' }],
        ['exercise:inject', { injectId: 'status-page', action: 'fired' }],
        ['exercise:inject', { injectId: 'support-flood', action: 'skipped' }],
      ];
      for (const [channel, payload] of attempts) {
        expect(await teammate.call(channel, { actor: 'Mallory', sessionId, ...payload }), channel).toEqual(
          refusedWith('exercise-laptop-only'),
        );
      }
      // Not one event more; the session runs as the facilitator left it.
      expect((await exerciseEvents()).map((event) => event.id)).toEqual(before.map((event) => event.id));
      const session = await sessionOf(sessionId);
      expect(session).toMatchObject({ status: 'running', speed: 1, allowLiveActions: false, skipped: new Map() });
      // Only what the clock fired at its offset, nothing by hand.
      expect([...(session?.fired.values() ?? [])].map((fired) => [fired.inject.id, fired.by])).toEqual([
        ['psp-down', 'clock'],
      ]);
    });

    it('cannot steer the exercise by writing control events into the record from its own device', async () => {
      const sessionId = await startAtLaptop();
      // The browser's own replica writes what the bridge refused, and offers it through sync.
      const drafts: EventDraft[] = [
        {
          type: 'exercise.controlled',
          actor: 'Mallory',
          payload: { sessionId, action: 'live-actions', allowLiveActions: true },
        },
        { type: 'exercise.controlled', actor: 'Mallory', payload: { sessionId, action: 'paused' } },
        {
          type: 'exercise.inject',
          actor: 'Mallory',
          payload: { sessionId, injectId: 'status-page', action: 'fired', by: 'facilitator' },
        },
        { type: 'exercise.controlled', actor: 'Mallory', payload: { sessionId, action: 'ended' } },
      ];
      const forged: WarEvent[] = sealEvents(EMPTY_HEAD, drafts, {
        workspace: EXERCISE_WORKSPACE,
        deviceId: 'mallory-browser',
        nowMs: Date.now(),
        newId: (() => {
          let count = 0;
          return () => `mallory-${(count += 1)}`;
        })(),
      }).events;
      // Whether the host stores them or refuses the batch, they must not steer the session.
      await teammate.call('sync:exchange', { workspace: EXERCISE_WORKSPACE, vector: {}, events: forged });
      const session = await sessionOf(sessionId);
      expect(session).toMatchObject({ status: 'running', speed: 1, allowLiveActions: false });
      expect(session?.fired.has('status-page')).toBe(false);
      expect(session?.endedAt).toBeUndefined();
      // Stored or not, each forged event the host holds is listed as ignored, not lost.
      const held = (await exerciseEvents()).filter((event) => event.deviceId === 'mallory-browser');
      expect(session?.ignoredCount).toBe(held.length);
    });

    it("cannot change the laptop owner's language or name", async () => {
      await laptop.call('settings:update', { locale: 'en', displayName: 'Fatima' });
      const file = await readFile(join(dir, 'data', 'settings.json'), 'utf8');
      const heardBefore = laptop.events.length;
      expect(await teammate.call('settings:update', { locale: 'fr', displayName: 'Mallory' })).toEqual(
        refusedWith('settings-laptop-only'),
      );
      expect(await teammate.call('settings:update', { displayName: null })).toEqual(
        refusedWith('settings-laptop-only'),
      );
      expect(host.settings.get()).toEqual({ locale: 'en', displayName: 'Fatima' });
      expect(await readFile(join(dir, 'data', 'settings.json'), 'utf8')).toBe(file);
      // The laptop's window heard of no change.
      expect(await laptop.call('settings:get', {})).toEqual({
        ok: true,
        value: { locale: 'en', displayName: 'Fatima' },
      });
      expect(laptop.events.slice(heardBefore).filter((event) => event.name === 'settings:changed')).toEqual([]);
    });

    it('still reads the shared record and the exercise it cannot steer', async () => {
      const sessionId = await startAtLaptop();
      const exchanged = await teammate.call('sync:exchange', { workspace: EXERCISE_WORKSPACE, vector: {}, events: [] });
      expect(exchanged).toMatchObject({ ok: true, value: { ok: true } });
      const events = (
        exchanged as { value: { answer: { events: { type: string; payload: { sessionId?: string } }[] } } }
      ).value.answer.events;
      expect(events.some((event) => event.type === 'exercise.started' && event.payload.sessionId === sessionId)).toBe(
        true,
      );
      expect(await teammate.call('settings:get', {})).toMatchObject({ ok: true });
    });
  },
);

describe('the person at the laptop (loopback)', () => {
  it('starts an exercise with live actions, steers it, feeds it an inject and ends it', async () => {
    const started = await laptop.call('exercise:start', {
      actor: 'Fatima',
      scenario: scenario(),
      speed: 2,
      allowLiveActions: true,
    });
    expect(started).toMatchObject({ ok: true });
    const { sessionId } = (started as { value: { sessionId: string } }).value;
    expect(await sessionOf(sessionId)).toMatchObject({ allowLiveActions: true, speed: 2 });

    const calls: [string, Record<string, unknown>][] = [
      ['exercise:control', { action: 'live-actions', allowLiveActions: false }],
      ['exercise:control', { action: 'live-actions', allowLiveActions: true }],
      ['exercise:control', { action: 'speed', speed: 5 }],
      ['exercise:control', { action: 'paused' }],
      ['exercise:inject', { injectId: 'status-page', action: 'fired' }],
      ['exercise:inject', { injectId: 'support-flood', action: 'skipped' }],
    ];
    for (const [channel, payload] of calls)
      expect(await laptop.call(channel, { actor: 'Fatima', sessionId, ...payload }), channel).toEqual({
        ok: true,
        value: {},
      });
    const steered = await sessionOf(sessionId);
    expect(steered).toMatchObject({ status: 'paused', speed: 5, allowLiveActions: true, ignoredCount: 0 });
    expect(steered?.fired.get('status-page')?.by).toBe('facilitator');
    expect(steered?.skipped.has('support-flood')).toBe(true);

    expect(await laptop.call('exercise:control', { actor: 'Fatima', sessionId, action: 'ended' })).toEqual({
      ok: true,
      value: {},
    });
    expect((await sessionOf(sessionId))?.status).toBe('ended');
  });

  it('changes its language and name', async () => {
    expect(await laptop.call('settings:update', { locale: 'fr', displayName: 'Fatima' })).toEqual({
      ok: true,
      value: { locale: 'fr', displayName: 'Fatima' },
    });
    expect(host.settings.get()).toEqual({ locale: 'fr', displayName: 'Fatima' });
    expect(JSON.parse(await readFile(join(dir, 'data', 'settings.json'), 'utf8'))).toMatchObject({
      locale: 'fr',
      displayName: 'Fatima',
    });
  });
});
