// The window's sync loop against a host that is reachable but slow to answer:
// a write must still reach the host without waiting for the next write.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../common/bridge/result';
import { DEFAULT_WORKSPACE } from '../../common/events/event';
import { answerExchange } from '../../common/sync/exchange';
import { MemoryEventLog } from '../../common/sync/memory-log';
import type { ExchangeRequest } from '../../common/sync/protocol';
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
});
