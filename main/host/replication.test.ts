// The host ⇄ hub loop and the clock: each hub answer tells the hub's time, and a
// laptop whose clock is off by more than receivers tolerate says so in its sync
// status, keeps its events and offers them again until the hub takes them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../common/bridge/contract';
import { DEFAULT_WORKSPACE, type WarEvent } from '../../common/events/event';
import { hlcMillis, MAX_CLOCK_AHEAD_MS } from '../../common/events/hlc';
import { answerExchange, type ExchangeFn } from '../../common/sync/exchange';
import type { EventLog } from '../../common/sync/event-log';
import { MemoryEventLog } from '../../common/sync/memory-log';
import type { ExchangeRequest } from '../../common/sync/protocol';
import { createLogger } from '../services/logger';
import { HostEvents } from './bridge-router';
import { Replication } from './replication';
import type { SecretStore } from './secret-store';

const MINUTE = 60_000;
const T0 = 1_750_000_000_000;
const HUB_URL = 'http://hub.test';
const TOKEN = 'a-token-of-the-team';

let ids = 0;
const newId = () => `event-${(ids += 1)}`;

/** A hub in memory that checks the clock bound as every receiver does, on a clock of its own. */
class FakeHub {
  readonly log = new MemoryEventLog(DEFAULT_WORKSPACE, 'hub', newId);
  readonly requests: ExchangeRequest[] = [];
  /** Whether its answers tell its time (a hub of an earlier version does not). */
  tellsTime = true;

  constructor(readonly now: () => number) {}

  readonly exchange: ExchangeFn = async (request) => {
    this.requests.push(request);
    const ahead = (request.events as WarEvent[]).find(
      (event) => hlcMillis(event.hlc) > this.now() + MAX_CLOCK_AHEAD_MS,
    );
    if (ahead)
      return {
        ok: false,
        error: { code: 'clock-ahead', message: `${ahead.deviceId} #${ahead.seq} runs ahead`, eventId: ahead.id },
      };
    const response = await answerExchange(this.log, request, undefined, { now: this.now });
    if (!this.tellsTime && response.ok) {
      const { now: _told, ...answer } = response.answer;
      return { ok: true, answer };
    }
    return response;
  };

  /** Events of the host's device the hub holds. */
  async heldOf(deviceId: string): Promise<number> {
    return (await this.log.vector())[deviceId] ?? 0;
  }
}

function memorySecrets(): SecretStore {
  const values = new Map<string, string>();
  return {
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => void (value === null ? values.delete(name) : values.set(name, value)),
    names: async () => [...values.keys()].sort(),
  };
}

const note = (text: string) => ({
  type: 'incident.note-added' as const,
  incidentId: 'incident-1',
  actor: 'alice',
  payload: { text },
});

describe('the hub’s clock in the sync status', () => {
  let dataDir: string;
  /** The true time; the host's clock and the hub's are each some way off it. */
  let real: number;
  let hostSkew: number;
  let hubSkew: number;
  let host: MemoryEventLog;
  let hostLog: EventLog;
  let hub: FakeHub;
  /** How the host reaches the hub: straight, unless a test puts a slow network between them. */
  let wire: ExchangeFn;
  let events: HostEvents;
  let replication: Replication;

  const hostNow = () => real + hostSkew;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    dataDir = await mkdtemp(join(tmpdir(), 'warroom-replication-'));
    real = T0;
    hostSkew = 0;
    hubSkew = 0;
    host = new MemoryEventLog(DEFAULT_WORKSPACE, 'laptop', newId);
    hostLog = host;
    hub = new FakeHub(() => real + hubSkew);
    wire = hub.exchange;
    events = new HostEvents();
    replication = new Replication({
      dataDir,
      workspace: DEFAULT_WORKSPACE,
      log: async () => hostLog,
      deviceId: async () => 'laptop',
      events,
      secrets: memorySecrets(),
      connectHub: () => ({ exchange: (request) => wire(request), subscribe: () => () => undefined }),
      logger: createLogger('test', () => undefined),
      now: hostNow,
    });
  });

  afterEach(async () => {
    replication.close();
    vi.useRealTimers();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The status once the sync under way (or the next) is over. */
  function settled(): Promise<SyncStatus> {
    return new Promise((resolve) => {
      const stop = events.subscribe((name, payload) => {
        const status = payload as SyncStatus;
        if (name !== 'sync:status' || status.state === 'syncing' || status.state === 'connecting') return;
        stop();
        resolve(status);
      });
    });
  }

  /** One more attempt, as a change in the record makes one. */
  async function attempt(): Promise<SyncStatus> {
    const done = settled();
    replication.onLocalChange(await host.vector());
    return done;
  }

  it('says this computer is 10 min ahead when the hub answers 10 minutes behind, with nothing to send', async () => {
    hubSkew = -10 * MINUTE;
    const status = await replication.join(HUB_URL, TOKEN);
    expect(status).toMatchObject({ state: 'online', clockOffsetMs: 10 * MINUTE, isClockOff: true, error: null });
  });

  it('says so when this computer runs behind the hub', async () => {
    hubSkew = 2 * 60 * MINUTE;
    const status = await replication.join(HUB_URL, TOKEN);
    expect(status).toMatchObject({ state: 'online', clockOffsetMs: -2 * 60 * MINUTE, isClockOff: true });
  });

  it('says nothing of a clock off by less than the bound, but measures it', async () => {
    hubSkew = -4 * MINUTE;
    const status = await replication.join(HUB_URL, TOKEN);
    expect(status).toMatchObject({ state: 'online', clockOffsetMs: 4 * MINUTE, isClockOff: false });
  });

  it('measures from the middle of the round trip', async () => {
    hubSkew = -10 * MINUTE;
    wire = async (request) => {
      real += 1_000; // the way there
      const response = await hub.exchange(request);
      real += 3_000; // the way back, slower
      return response;
    };
    // The hub read its clock 1 s after sending, the answer came back 4 s after: 1 s off the middle.
    expect((await replication.join(HUB_URL, TOKEN)).clockOffsetMs).toBe(10 * MINUTE + 1_000);
  });

  it('keeps events the hub refuses as clock-ahead, offers them again, and clears once they are within the bound', async () => {
    hostSkew = 10 * MINUTE;
    host.write([note('written 10 minutes ahead'), note('and another')], hostNow());

    const refused = await replication.join(HUB_URL, TOKEN);
    expect(refused).toMatchObject({
      state: 'refused',
      waiting: 2,
      clockOffsetMs: 10 * MINUTE,
      isClockOff: true,
      refusal: 'clock-ahead',
    });
    expect(refused.error).toMatch(/^clock-ahead: /);
    expect(await hub.heldOf('laptop')).toBe(0);

    // The clock is set right, but the events it sealed still run ahead: still held, and still said.
    hostSkew = 0;
    const stillAhead = await attempt();
    expect(stillAhead).toMatchObject({ state: 'refused', waiting: 2, clockOffsetMs: 0, isClockOff: true });
    expect(hub.requests.filter((request) => request.events.length === 2).length).toBe(2);

    // Time passes: the events are within the bound of the hub's clock, and go out.
    real += 6 * MINUTE;
    const accepted = await attempt();
    expect(accepted).toMatchObject({ state: 'online', waiting: 0, clockOffsetMs: 0, isClockOff: false, error: null });
    expect(await hub.heldOf('laptop')).toBe(2);
  });

  it('is cleared once the clock is right and the hub takes what this computer writes next', async () => {
    hubSkew = -10 * MINUTE;
    expect((await replication.join(HUB_URL, TOKEN)).isClockOff).toBe(true);
    hubSkew = 0;
    host.write([note('written on time')], hostNow());
    expect(await attempt()).toMatchObject({ state: 'online', waiting: 0, clockOffsetMs: 0, isClockOff: false });
    expect(await hub.heldOf('laptop')).toBe(1);
  });

  it('tries again by itself after a clock refusal: a corrected clock makes no change to sync on', async () => {
    hostSkew = 10 * MINUTE;
    host.write([note('ahead')], hostNow());
    await replication.join(HUB_URL, TOKEN);
    const pushes = () => hub.requests.filter((request) => request.events.length > 0).length;
    expect(pushes()).toBe(1);
    real += 6 * MINUTE;
    hostSkew = 0;
    const retried = settled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await retried).toMatchObject({ state: 'online', waiting: 0, isClockOff: false });
    expect(pushes()).toBe(2);
  });

  it('still takes the team’s events while its own are refused', async () => {
    const teammate = new MemoryEventLog(DEFAULT_WORKSPACE, 'teammate', newId);
    await hub.log.apply(teammate.write([note('from the room')], real));
    hostSkew = 10 * MINUTE;
    host.write([note('ahead')], hostNow());
    const changed: unknown[] = [];
    events.subscribe((name, payload) => name === 'sync:changed' && changed.push(payload));
    const status = await replication.join(HUB_URL, TOKEN);
    expect(status).toMatchObject({ state: 'refused', waiting: 1, isClockOff: true });
    expect((await host.vector()).teammate).toBe(1);
    expect(changed).toHaveLength(1);
  });

  it('says the clock is off on a clock-ahead refusal, even from a hub that does not tell its time', async () => {
    hub.tellsTime = false;
    hostSkew = 10 * MINUTE;
    host.write([note('ahead')], hostNow());
    expect(await replication.join(HUB_URL, TOKEN)).toMatchObject({
      state: 'refused',
      waiting: 1,
      clockOffsetMs: null,
      isClockOff: true,
    });
  });

  it('says the clock is off when this host refuses the hub’s events as ahead of its own clock', async () => {
    hubSkew = 10 * MINUTE;
    const teammate = new MemoryEventLog(DEFAULT_WORKSPACE, 'teammate', newId);
    await hub.log.apply(teammate.write([note('from the room, on the hub’s clock')], real + hubSkew));
    // This host's store checks the bound against its own clock, as the real stores do.
    hostLog = {
      workspace: host.workspace,
      vector: () => host.vector(),
      eventsBeyond: (vector, limit) => host.eventsBeyond(vector, limit),
      apply: async (batch) => {
        const ahead = (batch as WarEvent[]).find((event) => hlcMillis(event.hlc) > hostNow() + MAX_CLOCK_AHEAD_MS);
        return ahead
          ? { ok: false, error: { code: 'clock-ahead', message: 'ahead of this host', eventId: ahead.id } }
          : host.apply(batch);
      },
    };
    const status = await replication.join(HUB_URL, TOKEN);
    expect(status).toMatchObject({ state: 'refused', clockOffsetMs: -10 * MINUTE, isClockOff: true });
  });

  it('forgets the clock when it leaves the hub', async () => {
    hubSkew = -10 * MINUTE;
    await replication.join(HUB_URL, TOKEN);
    expect(await replication.leave()).toMatchObject({ state: 'disabled', clockOffsetMs: null, isClockOff: false });
  });
});
