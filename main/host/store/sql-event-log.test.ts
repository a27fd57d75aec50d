// The SQL event log against both engines, with the in-memory log of
// common/sync as the model it must agree with.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareEvents } from '../../../common/domain/order';
import { hashEvent, verifyChains } from '../../../common/events/chain';
import { encodeHlc } from '../../../common/events/hlc';
import type { WarEvent } from '../../../common/events/event';
import { MemoryEventLog } from '../../../common/sync/memory-log';
import { MAX_BATCH_EVENTS } from '../../../common/sync/protocol';
import { SqlEventStore } from './sql-event-log';
import { ChainWriter, noteDrafts, storageVariants, type TestStorage } from './test-storage';
import { seededRandom } from '../../../test/support/random';

const T0 = Date.UTC(2026, 0, 1);

/** A copy of `event` with `patch` applied and its hash recomputed, as a forger would. */
function resealed(event: WarEvent, patch: Partial<WarEvent>): WarEvent {
  const changed = { ...event, ...patch } as WarEvent;
  return { ...changed, hash: hashEvent(changed) } as WarEvent;
}

for (const variant of storageVariants()) {
  /** `it` on the named engine; elsewhere the test is not defined at all. */
  const itOn = (engine: string) => (name: string, test: () => Promise<void>, timeout?: number) => {
    if (variant.name === engine) it(name, test, timeout);
  };

  describe.skipIf(variant.skipReason !== null)(`SqlEventLog ${variant.title}`, () => {
    let storage: TestStorage;
    let store: SqlEventStore;
    /** A fresh workspace per test: the tests share one database. */
    const workspace = () => `ws-${randomUUID().slice(0, 8)}`;

    beforeAll(async () => {
      storage = await variant.open();
      store = await SqlEventStore.open(storage.client);
    }, 60_000);

    afterAll(async () => {
      await storage?.dispose();
    });

    it('starts empty', async () => {
      const log = store.log(workspace());
      expect(await log.vector()).toEqual({});
      expect(await log.eventsBeyond({}, 10)).toEqual([]);
    });

    it('appends local drafts on its own chain, in one transaction', async () => {
      const log = store.log(workspace());
      const first = await log.append(noteDrafts(3), T0);
      const second = await log.append(noteDrafts(2, 3), T0 + 1);
      expect(first.ok && second.ok).toBe(true);
      const all = await log.all();
      expect(all.map((event) => [event.deviceId, event.seq])).toEqual(
        [1, 2, 3, 4, 5].map((seq) => [store.deviceId, seq]),
      );
      expect(verifyChains(all)).toEqual([]);
      expect(await log.vector()).toEqual({ [store.deviceId]: 5 });
    });

    it('refuses a draft no peer would accept, and stores none of its batch', async () => {
      const log = store.log(workspace());
      const drafts = [...noteDrafts(2), { ...noteDrafts(1)[0]!, payload: { text: '   ' } }];
      const result = await log.append(drafts, T0);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-draft', field: 'text' } });
      const badActor = await log.append([{ ...noteDrafts(1)[0]!, actor: '' }], T0);
      expect(badActor).toMatchObject({ ok: false, error: { code: 'invalid-draft', field: 'actor' } });
      expect(await log.vector()).toEqual({});
    });

    it('stamps a local event after every event it holds, whatever the local clock says', async () => {
      const ws = workspace();
      const log = store.log(ws);
      const peer = new ChainWriter(ws);
      const ahead = T0 + 3_600_000;
      expect(await log.apply(peer.write(noteDrafts(1), ahead))).toEqual({ ok: true, stored: 1 });
      const appended = await log.append(noteDrafts(1), T0);
      if (!appended.ok) throw new Error(appended.error.message);
      expect(appended.events[0]!.hlc > encodeHlc({ ms: ahead, counter: 0 })).toBe(true);
    });

    it("stores a peer's batch and skips it when it is sent again", async () => {
      const ws = workspace();
      const log = store.log(ws);
      const peer = new ChainWriter(ws);
      const events = peer.write(noteDrafts(50), T0);
      expect(await log.apply(events)).toEqual({ ok: true, stored: 50 });
      expect(await log.apply(events)).toEqual({ ok: true, stored: 0 });
      // A resend overlapping new events stores only the new ones.
      const more = peer.write(noteDrafts(10, 50), T0 + 1);
      expect(await log.apply([...events.slice(40), ...more])).toEqual({ ok: true, stored: 10 });
      const all = await log.all();
      expect(all).toHaveLength(60);
      expect(all).toEqual([...events, ...more]);
      expect(verifyChains(all)).toEqual([]);
    });

    it('keeps every event exactly as it was sealed', async () => {
      const ws = workspace();
      const log = store.log(ws);
      const peer = new ChainWriter(ws);
      const texts = [
        'quotes " and \' and `',
        'back\\slash \\n {braces} [1,2]',
        'é ü 中文 😀 \u2028 line separator',
        'NULL',
        'nul \u0000 inside',
        '{}',
      ];
      const events = peer.write(
        texts.map((text) => ({
          type: 'incident.note-added' as const,
          incidentId: 'i',
          actor: 'ève',
          payload: { text },
        })),
        T0,
      );
      expect(await log.apply(events)).toEqual({ ok: true, stored: texts.length });
      const back = await log.eventsBeyond({}, 100);
      expect(back).toEqual(events);
      expect(back.every((event) => hashEvent(event) === event.hash)).toBe(true);
    });

    describe('refuses a forged or malformed batch with its code, storing nothing of it', () => {
      let ws: string;
      let peer: ChainWriter;
      let held: WarEvent[];
      let fresh: WarEvent[];

      beforeAll(async () => {
        ws = workspace();
        peer = new ChainWriter(ws);
        held = peer.write(noteDrafts(5), T0);
        expect(await store.log(ws).apply(held)).toEqual({ ok: true, stored: 5 });
        fresh = peer.write(noteDrafts(5, 5), T0 + 10);
      });

      const cases: [string, () => unknown[]][] = [
        ['malformed', () => [...fresh.slice(0, 2), { ...fresh[2]!, seq: 'seven' }]],
        ['malformed', () => [...fresh.slice(0, 2), { ...fresh[2]!, extra: true }]],
        ['bad-hash', () => [...fresh.slice(0, 2), { ...fresh[2]!, payload: { text: 'edited' } }]],
        ['broken-chain', () => [...fresh.slice(0, 2), resealed(fresh[2]!, { prevHash: 'f'.repeat(64) })]],
        ['broken-chain', () => [...fresh.slice(0, 2), resealed(fresh[2]!, { hlc: held[0]!.hlc })]],
        ['seq-gap', () => [...fresh.slice(0, 2), ...fresh.slice(3)]],
        ['seq-gap', () => fresh.slice(1)],
        ['seq-conflict', () => [resealed(held[4]!, { payload: { text: 'another past' } }), ...fresh]],
        ['wrong-workspace', () => [...fresh.slice(0, 2), resealed(fresh[2]!, { workspace: 'elsewhere' })]],
        ['oversized', () => Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => fresh[0])],
        // PostgreSQL text holds no NUL: such a device could never be stored anywhere.
        ['malformed', () => new ChainWriter(ws, 'nul\u0000device').write(noteDrafts(1), T0)],
      ];

      it.each(cases)('%s', async (code, batch) => {
        const log = store.log(ws);
        const result = await log.apply(batch());
        expect(result).toMatchObject({ ok: false, error: { code } });
        expect(await log.vector()).toEqual({ [peer.deviceId]: 5 });
        expect(await log.all()).toEqual(held);
      });
    });

    it("answers eventsBeyond as the model log does: oldest first, each device's run contiguous", async () => {
      const ws = workspace();
      const log = store.log(ws);
      const model = new MemoryEventLog(ws, 'model', randomUUID);
      const writers = [new ChainWriter(ws, 'device-a'), new ChainWriter(ws, 'device-B'), new ChainWriter(ws, 'd-c')];
      const next = seededRandom(7);
      for (let round = 0; round < 12; round += 1) {
        const writer = writers[Math.floor(next() * writers.length)]!;
        // Skewed clocks: a device may lag the others by up to a minute.
        const batch = writer.write(
          noteDrafts(1 + Math.floor(next() * 30)),
          T0 + round * 1000 - Math.floor(next() * 60_000),
        );
        expect((await log.apply(batch)).ok).toBe(true);
        expect((await model.apply(batch)).ok).toBe(true);
      }
      expect(await log.vector()).toEqual(await model.vector());
      const full = await model.vector();
      for (let probe = 0; probe < 40; probe += 1) {
        const vector: Record<string, number> = {};
        for (const [deviceId, seq] of Object.entries(full)) {
          const known = Math.floor(next() * (seq + 3)) - 1;
          if (known > 0) vector[deviceId] = known;
        }
        const limit = 1 + Math.floor(next() * 120);
        const sql = await log.eventsBeyond(vector, limit);
        expect(sql, `probe ${probe}: ${JSON.stringify(vector)} limit ${limit}`).toEqual(
          await model.eventsBeyond(vector, limit),
        );
        expect([...sql].sort(compareEvents)).toEqual(sql);
      }
    });

    it('keeps its own device id, and its events, when reopened', async () => {
      const again = await SqlEventStore.open(storage.client);
      expect(again.deviceId).toBe(store.deviceId);
    });

    it('announces stored events to listeners, once committed', async () => {
      const ws = workspace();
      const heard: string[] = [];
      const stop = await store.onChange((changed) => {
        if (changed === ws) heard.push(changed);
      });
      try {
        const log = store.log(ws);
        await log.append(noteDrafts(1), T0);
        // A refused batch announces nothing; the append above announces once.
        await log.apply([{ nonsense: true }]);
        await log.append(noteDrafts(1, 1), T0 + 1);
        await expect.poll(() => heard.length).toBe(2);
      } finally {
        await stop();
      }
    });

    // Engine-specific: defined only where it applies, not skipped elsewhere.
    itOn('PostgreSQL')(
      'keeps hearing changes after the server drops the listening connection',
      async () => {
        const ws = workspace();
        const heard: string[] = [];
        let resumed = 0;
        const stop = await store.onChange(
          (changed) => heard.push(changed),
          () => (resumed += 1),
        );
        try {
          // The server ends the LISTEN connection (a restart, a failover, an idle timeout).
          await storage.client.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND application_name = 'warroom'
               AND query = format('LISTEN "%s"', 'warroom_events_' || current_schema())`,
          );
          await expect.poll(() => resumed, { timeout: 10_000 }).toBeGreaterThan(0);
          await store.log(ws).append(noteDrafts(1), T0);
          await expect.poll(() => heard.includes(ws), { timeout: 10_000 }).toBe(true);
        } finally {
          await stop();
        }
      },
      30_000,
    );

    it('lets concurrent writers of one device race without duplicates or forks', async () => {
      const ws = workspace();
      // On PostgreSQL the second writer is another connection pool, as another hub
      // process would be; PGlite has one process, so its two writers share it.
      const other = variant.name === 'PostgreSQL' ? await SqlEventStore.open(await storage.openAnother()) : store;
      const here = store.log(ws);
      const there = other.log(ws);
      const peer = new ChainWriter(ws);
      const events = peer.write(noteDrafts(300), T0);
      // The same batch through both at once: one stores it, the other finds it held.
      const same = await Promise.all([here.apply(events), there.apply(events)]);
      expect(same.map((result) => (result.ok ? result.stored : -1)).sort((a, b) => a - b)).toEqual([0, 300]);
      // Two different continuations of the same chain at once: one wins, the other is a conflict.
      const a = peer.fork().write(noteDrafts(20, 1000), T0 + 5);
      const b = peer.fork().write(noteDrafts(20, 2000), T0 + 6);
      const raced = await Promise.all([here.apply(a), there.apply(b)]);
      expect(raced.filter((result) => result.ok)).toHaveLength(1);
      expect(raced.find((result) => !result.ok)).toMatchObject({ ok: false, error: { code: 'seq-conflict' } });
      const all = await here.all();
      expect(all).toHaveLength(320);
      expect(verifyChains(all)).toEqual([]);
      // Local appends from two processes on one device id interleave, never fork.
      const appends = await Promise.all(
        Array.from({ length: 10 }, (_, index) => (index % 2 ? here : there).append(noteDrafts(5), T0 + index)),
      );
      expect(appends.every((result) => result.ok)).toBe(true);
      expect(verifyChains(await here.all())).toEqual([]);
      expect((await here.vector())[store.deviceId]).toBe(50);
    });
  });
}
