// The window's sync loop against a host that is reachable but slow to answer:
// a write must still reach the host without waiting for the next write. And
// against a host that refuses what the window writes: the window is told why,
// and still reads what the host holds.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../common/bridge/result';
import { DEFAULT_WORKSPACE } from '../../common/events/event';
import { answerExchange } from '../../common/sync/exchange';
import { MemoryEventLog } from '../../common/sync/memory-log';
import type { ExchangeRequest, SyncError } from '../../common/sync/protocol';
import { createBridgeClient } from '../bridge/client';
import type { Transport } from '../bridge/transport';
import { EventStore, WarRoomDatabase } from '../db';
import { startHostSync } from './host-sync';

const opened: WarRoomDatabase[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const db of opened.splice(0)) db.close();
});

describe('the window’s sync with its host', () => {
  it('retries after a call the host did not answer in time, and delivers the write', async () => {
    let ids = 0;
    const host = new MemoryEventLog(DEFAULT_WORKSPACE, 'host', () => `h${(ids += 1)}`);
    let refusals = 2;
    const transport: Transport = {
      call: async (channel, payload) => {
        // The window asks once how to enrol: as a window of this host.
        if (channel === 'record:identity') return ok({ sponsor: 'host', kind: 'window', person: null });
        // The first exchanges time out, as they do while the host opens its store.
        if (refusals > 0) {
          refusals -= 1;
          return fail('unavailable', 'sync:exchange: no answer from the host');
        }
        return ok(await answerExchange(host, payload as ExchangeRequest, 500));
      },
      subscribe: () => () => undefined,
      onStatus: () => () => undefined,
      close: () => undefined,
    };
    const db = new WarRoomDatabase(`host-sync-${crypto.randomUUID()}`);
    opened.push(db);
    const store = new EventStore(db, { now: Date.now, newId: () => crypto.randomUUID() });
    const sync = startHostSync(store, createBridgeClient(transport));
    try {
      await store.append([
        {
          type: 'incident.declared',
          actor: 'A',
          payload: { title: 'Slow host', severity: 'SEV2', kind: 'performance' },
        },
      ]);
      // No second write: the retry alone must carry it (1 s, then 2 s).
      await vi.waitFor(
        () => expect(host.all().map((event) => event.type)).toEqual(['device.enrolled', 'incident.declared']),
        {
          timeout: 8_000,
          interval: 50,
        },
      );
      expect(refusals).toBe(0);
    } finally {
      sync.stop();
    }
  });

  it('says when the host refuses its writes, still reads what the host holds, and clears once the host takes them', async () => {
    let ids = 0;
    const host = new MemoryEventLog(DEFAULT_WORKSPACE, 'host', () => `h${(ids += 1)}`);
    let isRefusing = true;
    // A refusal the sync loop does not resolve itself (a revocation it would pull and then stop offering for).
    const refusal: SyncError = { code: 'clock-ahead', message: 'its clock says 2030' };
    const transport: Transport = {
      call: async (channel, payload) => {
        if (channel === 'record:identity') return ok({ sponsor: 'host', kind: 'lan', person: null });
        const request = payload as ExchangeRequest;
        // The host says no to any batch that carries events; reads it answers.
        if (isRefusing && request.events.length > 0) return ok({ ok: false, error: refusal });
        return ok(await answerExchange(host, request, 500));
      },
      subscribe: () => () => undefined,
      onStatus: () => () => undefined,
      close: () => undefined,
    };
    const db = new WarRoomDatabase(`host-sync-${crypto.randomUUID()}`);
    opened.push(db);
    const store = new EventStore(db, { now: Date.now, newId: () => crypto.randomUUID() });
    const refusals: (SyncError | null)[] = [];
    const sync = startHostSync(store, createBridgeClient(transport), {
      onRefused: (refusal) => refusals.push(refusal),
    });
    try {
      host.write(
        [
          {
            type: 'incident.declared',
            actor: 'Alice',
            payload: { title: 'Held by the host', severity: 'SEV2', kind: 'security' },
          },
        ],
        Date.now(),
      );
      await store.append([
        { type: 'incident.declared', actor: 'T', payload: { title: 'Refused', severity: 'SEV3', kind: 'security' } },
      ]);
      await vi.waitFor(() => expect(refusals).toContainEqual(refusal), { timeout: 5_000, interval: 50 });
      // Refused whole: nothing of the window's reached the host, and the host's event reached the window.
      expect(host.all().map((event) => event.deviceId)).toEqual(['host']);
      await vi.waitFor(
        async () =>
          expect((await store.all()).filter((event) => event.deviceId === 'host').map((event) => event.type)).toEqual([
            'incident.declared',
          ]),
        { timeout: 5_000, interval: 50 },
      );

      isRefusing = false;
      sync.kick();
      await vi.waitFor(() => expect(refusals.at(-1)).toBeNull(), { timeout: 5_000, interval: 50 });
      expect(host.all().filter((event) => event.deviceId !== 'host')).toHaveLength(2);
    } finally {
      sync.stop();
    }
  });
});
