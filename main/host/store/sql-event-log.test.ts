// The SQL event log against both engines, with the in-memory log of
// common/sync as the model it must agree with. Peers write signed chains that
// open with their enrolment (test/support/signed-device.ts), as real ones do.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareEvents } from '../../../common/domain/order';
import { EMPTY_HEAD, hashEvent, sealEvents, verifyChains, type ChainHead } from '../../../common/events/chain';
import { decodeHlc, encodeHlc, MAX_CLOCK_AHEAD_MS } from '../../../common/events/hlc';
import type { WarEvent } from '../../../common/events/event';
import { MemoryEventLog } from '../../../common/sync/memory-log';
import { MAX_BATCH_EVENTS } from '../../../common/sync/protocol';
import type { VersionVector } from '../../../common/sync/vector';
import { generateDeviceKey } from '../../services/identity/device-key';
import { SqlEventStore, type StoreSigner } from './sql-event-log';
import { noteDrafts, storageVariants, type TestStorage } from './test-storage';
import { seededRandom } from '../../../test/support/random';
import { signedDevice, type SignedDevice } from '../../../test/support/signed-device';
import { continueChain, unsigned } from '../../../test/support/signed-peers';

const T0 = Date.UTC(2026, 0, 1);
/** The enrolment that opens every device's chain. */
const ENROLMENT = 1;

/** The chain head an event leaves, to continue from. */
// A head a forger can read off any event: its signature is public, the next event carries it.
const headOf = (event: WarEvent): ChainHead => ({
  seq: event.seq,
  hash: event.hash,
  hlc: decodeHlc(event.hlc),
  ...(event.sig ? { sig: event.sig } : {}),
});

/** A peer device of `workspace`, signing as Alice. */
const peerOf = (workspace: string, deviceId?: string): SignedDevice =>
  signedDevice('alice', { workspace, ...(deviceId ? { deviceId } : {}) });

/**
 * What the model log answers, with the SQL log's one liberty: the enrolments
 * the peer lacks come first (they bring the keys), each still the first of its
 * device's run, and the rest oldest first.
 */
async function modelBeyond(model: MemoryEventLog, vector: VersionVector, limit: number): Promise<WarEvent[]> {
  const all = await model.eventsBeyond(vector, Number.MAX_SAFE_INTEGER);
  const isLacked = (event: WarEvent) => event.type === 'device.enrolled' && !(event.deviceId in vector);
  return [...all.filter(isLacked), ...all.filter((event) => !isLacked(event))].slice(0, limit);
}

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
    /** The person at this store's device; a test may change it, as the "You" box does. */
    let person = { name: 'Dana' };
    const signer: StoreSigner = { kind: 'host', key: generateDeviceKey(), person: () => person };
    /** A fresh workspace per test: the tests share one database. */
    const workspace = () => `ws-${randomUUID().slice(0, 8)}`;

    beforeAll(async () => {
      storage = await variant.open();
      store = await SqlEventStore.open(storage.client, { signer });
    }, 60_000);

    afterAll(async () => {
      await storage?.dispose();
    });

    it('starts empty', async () => {
      const log = store.log(workspace());
      expect(await log.vector()).toEqual({});
      expect(await log.eventsBeyond({}, 10)).toEqual([]);
    });

    it('appends local drafts on its own chain, in one transaction, signed and opened by its enrolment', async () => {
      const log = store.log(workspace());
      const first = await log.append(noteDrafts(3), T0);
      const second = await log.append(noteDrafts(2, 3), T0 + 1);
      expect(first.ok && second.ok).toBe(true);
      const all = await log.all();
      expect(all.map((event) => [event.deviceId, event.seq])).toEqual(
        [1, 2, 3, 4, 5, 6].map((seq) => [store.deviceId, seq]),
      );
      expect(all[0]).toMatchObject({
        type: 'device.enrolled',
        actor: 'Dana',
        payload: { publicKey: signer.key.publicKey, person: { name: 'Dana' }, kind: 'host' },
      });
      // What the store answers is what it holds, without its enrolment.
      if (first.ok) expect(first.events).toEqual(all.slice(1, 4));
      expect(all.every((event) => typeof event.sig === 'string' && event.wall !== undefined)).toBe(true);
      expect(verifyChains(all)).toEqual([]);
      expect(await log.vector()).toEqual({ [store.deviceId]: 5 + ENROLMENT });
      expect(await log.devices()).toEqual([
        { deviceId: store.deviceId, publicKey: signer.key.publicKey, person: { name: 'Dana' }, kind: 'host' },
      ]);
    });

    it('writes every event as the person at this device, whatever the draft says, and records a change of person', async () => {
      const ws = workspace();
      const log = store.log(ws);
      const typed = await log.append([{ ...noteDrafts(1)[0]!, actor: 'Mallory' }], T0);
      expect(typed).toMatchObject({ ok: true, events: [{ actor: 'Dana' }] });
      person = { name: 'Eli' };
      try {
        const renamed = await log.append(noteDrafts(1), T0 + 1);
        expect(renamed).toMatchObject({ ok: true, events: [{ actor: 'Eli' }] });
      } finally {
        person = { name: 'Dana' };
      }
      const all = await log.all();
      expect(all.map((event) => [event.type, event.actor])).toEqual([
        ['device.enrolled', 'Dana'],
        ['incident.note-added', 'Dana'],
        ['device.person-changed', 'Eli'],
        ['incident.note-added', 'Eli'],
      ]);
      expect((await log.devices())[0]?.person).toEqual({ name: 'Eli' });
    });

    it('refuses a draft no peer would accept, and stores none of its batch', async () => {
      const log = store.log(workspace());
      const drafts = [...noteDrafts(2), { ...noteDrafts(1)[0]!, payload: { text: '   ' } }];
      const result = await log.append(drafts, T0);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-draft', field: 'text' } });
      // The actor is the person at the device: an empty name there is refused, not written.
      person = { name: '' };
      try {
        const badActor = await log.append(noteDrafts(1), T0);
        expect(badActor).toMatchObject({ ok: false, error: { code: 'invalid-draft', field: 'actor' } });
      } finally {
        person = { name: 'Dana' };
      }
      expect(await log.vector()).toEqual({});
    });

    it('stamps a local event after every event it holds within the clock bound, and not after one beyond it', async () => {
      const ws = workspace();
      const log = store.log(ws);
      // Within the bound: a peer whose clock runs 4 minutes ahead is followed.
      const near = peerOf(ws);
      const ahead = T0 + MAX_CLOCK_AHEAD_MS - 60_000;
      expect(await log.apply(near.write(noteDrafts(1), ahead))).toEqual({ ok: true, stored: 1 + ENROLMENT });
      const after = await log.append(noteDrafts(1), T0);
      if (!after.ok) throw new Error(after.error.message);
      expect(after.events[0]!.hlc > encodeHlc({ ms: ahead, counter: 0 })).toBe(true);
      // Beyond it (an hour ahead of this writer's wall clock, still in the receiver's past):
      // held, but not followed, so one wrong clock does not drag every later event.
      const far = peerOf(ws);
      const farAhead = T0 + 3_600_000;
      expect(await log.apply(far.write(noteDrafts(1), farAhead))).toEqual({ ok: true, stored: 1 + ENROLMENT });
      const next = await log.append(noteDrafts(1), T0 + 1);
      if (!next.ok) throw new Error(next.error.message);
      expect(next.events[0]!.hlc > after.events[0]!.hlc).toBe(true);
      expect(next.events[0]!.hlc < encodeHlc({ ms: farAhead, counter: 0 })).toBe(true);
    });

    it("stores a peer's batch and skips it when it is sent again", async () => {
      const ws = workspace();
      const log = store.log(ws);
      const peer = peerOf(ws);
      const events = peer.write(noteDrafts(50), T0);
      expect(events).toHaveLength(50 + ENROLMENT);
      expect(await log.apply(events)).toEqual({ ok: true, stored: 50 + ENROLMENT });
      expect(await log.apply(events)).toEqual({ ok: true, stored: 0 });
      // A resend overlapping new events stores only the new ones.
      const more = peer.write(noteDrafts(10, 50), T0 + 1);
      expect(await log.apply([...events.slice(40), ...more])).toEqual({ ok: true, stored: 10 });
      const all = await log.all();
      expect(all).toHaveLength(60 + ENROLMENT);
      expect(all).toEqual([...events, ...more]);
      expect(verifyChains(all)).toEqual([]);
    });

    it('keeps every event exactly as it was sealed', async () => {
      const ws = workspace();
      const log = store.log(ws);
      const peer = peerOf(ws);
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
      expect(await log.apply(events)).toEqual({ ok: true, stored: texts.length + ENROLMENT });
      const back = await log.eventsBeyond({}, 100);
      expect(back).toEqual(events);
      expect(back.every((event) => hashEvent(event) === event.hash)).toBe(true);
    });

    describe('refuses a forged or malformed batch with its code, storing nothing of it', () => {
      let ws: string;
      let peer: SignedDevice;
      let held: WarEvent[];
      let fresh: WarEvent[];

      beforeAll(async () => {
        ws = workspace();
        peer = peerOf(ws);
        held = peer.write(noteDrafts(5), T0);
        expect(await store.log(ws).apply(held)).toEqual({ ok: true, stored: 5 + ENROLMENT });
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
        ['seq-conflict', () => [resealed(held.at(-1)!, { payload: { text: 'another past' } }), ...fresh]],
        ['wrong-workspace', () => [...fresh.slice(0, 2), resealed(fresh[2]!, { workspace: 'elsewhere' })]],
        ['oversized', () => Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => fresh[0])],
        // PostgreSQL text holds no NUL: such a device could never be stored anywhere.
        [
          'malformed',
          () =>
            signedDevice('alice', { workspace: ws })
              .write(noteDrafts(1), T0)
              .map((event) => ({ ...event, deviceId: 'nul\u0000device' })),
        ],
        // Identity: the run's last event is signed by the key the device enrolled with, and every event is signed.
        [
          'wrong-device-key',
          () => [...fresh.slice(0, 4), { ...fresh[4]!, sig: generateDeviceKey().sign(fresh[4]!.hash) }],
        ],
        ['unsigned', () => [...fresh.slice(0, 2), unsigned(fresh[2]!), ...fresh.slice(3)]],
        // A chain that never enrolled: its events are not signed, and nobody vouched for it.
        [
          'not-enrolled',
          () =>
            sealEvents(EMPTY_HEAD, noteDrafts(2), { workspace: ws, deviceId: 'stranger', nowMs: T0, newId: randomUUID })
              .events,
        ],
        [
          'wrong-actor',
          () =>
            continueChain(peer, noteDrafts(2), T0 + 20, { workspace: ws, head: headOf(held.at(-1)!), actor: 'Mallory' })
              .events,
        ],
      ];

      it.each(cases)('%s', async (code, batch) => {
        const log = store.log(ws);
        const result = await log.apply(batch());
        expect(result).toMatchObject({ ok: false, error: { code } });
        expect(await log.vector()).toEqual({ [peer.deviceId]: 5 + ENROLMENT });
        expect(await log.all()).toEqual(held);
      });
    });

    it("answers eventsBeyond as the model log does: oldest first, each device's run contiguous", async () => {
      const ws = workspace();
      const log = store.log(ws);
      const model = new MemoryEventLog(ws, 'model', randomUUID);
      const writers = [peerOf(ws, 'device-a'), peerOf(ws, 'device-B'), peerOf(ws, 'd-c')];
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
          await modelBeyond(model, vector, limit),
        );
        // After the enrolments, oldest first; each device's run follows on from the vector.
        const rest = sql.filter((event) => !(event.type === 'device.enrolled' && !(event.deviceId in vector)));
        expect([...rest].sort(compareEvents)).toEqual(rest);
        const runs = new Map<string, number[]>();
        for (const event of sql) runs.set(event.deviceId, [...(runs.get(event.deviceId) ?? []), event.seq]);
        for (const [deviceId, seqs] of runs) {
          const from = (vector[deviceId] ?? 0) + 1;
          expect(seqs, `probe ${probe}: ${deviceId}`).toEqual(seqs.map((_, index) => from + index));
        }
      }
    });

    it('keeps its own device id, and its events, when reopened', async () => {
      const again = await SqlEventStore.open(storage.client, { signer });
      expect(again.deviceId).toBe(store.deviceId);
      expect((await SqlEventStore.open(storage.client)).deviceId).toBe(store.deviceId);
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
      const other =
        variant.name === 'PostgreSQL' ? await SqlEventStore.open(await storage.openAnother(), { signer }) : store;
      expect(other.deviceId).toBe(store.deviceId);
      const here = store.log(ws);
      const there = other.log(ws);
      const peer = peerOf(ws);
      const events = peer.write(noteDrafts(300), T0);
      // The same batch through both at once: one stores it, the other finds it held.
      const same = await Promise.all([here.apply(events), there.apply(events)]);
      expect(same.map((result) => (result.ok ? result.stored : -1)).sort((a, b) => a - b)).toEqual([
        0,
        300 + ENROLMENT,
      ]);
      // Two different continuations of the same chain at once, both signed by the
      // device: one is stored, the other proves a fork, and the store revokes the
      // device from the fork on with its own key (common/events/fork.ts).
      const a = continueChain(peer, noteDrafts(20, 1000), T0 + 5, { workspace: ws }).events;
      const b = continueChain(peer, noteDrafts(20, 2000), T0 + 6, { workspace: ws }).events;
      const raced = await Promise.all([here.apply(a), there.apply(b)]);
      expect(raced.map((result) => (result.ok ? result.stored : -1)).sort((x, y) => x - y)).toEqual([0, 20]);
      const all = await here.all();
      const revocations = all.filter((event) => event.type === 'device.revoked');
      expect(revocations).toMatchObject([
        { deviceId: store.deviceId, payload: { deviceId: peer.deviceId, afterSeq: 300 + ENROLMENT } },
      ]);
      // One branch, and this store's own chain: its enrolment and the revocation.
      expect(all).toHaveLength(320 + ENROLMENT + 2);
      expect(verifyChains(all)).toEqual([]);
      // Local appends from two processes on one device id interleave, never fork,
      // and the device enrols once.
      const appends = await Promise.all(
        // (After the revocation this store wrote at its own wall clock: a local event never sorts before its chain.)
        Array.from({ length: 10 }, (_, index) => (index % 2 ? here : there).append(noteDrafts(5), Date.now() + index)),
      );
      expect(appends.filter((result) => !result.ok)).toEqual([]);
      const after = await here.all();
      expect(verifyChains(after)).toEqual([]);
      expect(
        after.filter((event) => event.type === 'device.enrolled' && event.deviceId === store.deviceId),
      ).toHaveLength(1);
      expect((await here.vector())[store.deviceId]).toBe(50 + ENROLMENT + 1);
    });
  });
}
