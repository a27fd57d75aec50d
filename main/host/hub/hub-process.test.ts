// The hub as real processes: killed with SIGKILL in the middle of a push and
// restarted, it has lost nothing it acknowledged and duplicated nothing, and the
// client's retry completes the push; two hub processes on one PostgreSQL serve
// the same record and wake each other's clients. Laptops write signed events
// that open with their enrolment, as real ones do.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareEvents } from '../../../common/domain/order';
import { verifyChains } from '../../../common/events/chain';
import type { WarEvent } from '../../../common/events/event';
import { syncWith, type ExchangeFn } from '../../../common/sync/exchange';
import { MemoryEventLog } from '../../../common/sync/memory-log';
import { MAX_BATCH_EVENTS } from '../../../common/sync/protocol';
import type { VersionVector } from '../../../common/sync/vector';
import { openPgliteClient } from '../store/pglite-client';
import { SqlEventStore } from '../store/sql-event-log';
import { noteDrafts, storageVariants, waitFor, type TestStorage } from '../store/test-storage';
import { SignedLaptop } from '../../../test/support/signed-peers';
import { createHubExchange, HubUnavailableError, subscribeLive } from './hub-client';
import { runHubCommand, startHubProcess, type HubProcess, type HubProcessOptions } from './test-hub';

const T0 = Date.UTC(2026, 0, 1);
const WORKSPACE = 'fault';

for (const variant of storageVariants()) {
  /** `it` on the named engine; elsewhere the test is not defined at all. */
  const itOn = (engine: string) => (name: string, test: () => Promise<void>, timeout?: number) => {
    if (variant.name === engine) it(name, test, timeout);
  };

  describe.skipIf(variant.skipReason !== null)(`hub processes ${variant.title}`, () => {
    let storage: TestStorage;
    let options: HubProcessOptions;
    let token: string;
    const running: HubProcess[] = [];

    async function start(): Promise<HubProcess> {
      const hub = await startHubProcess(options);
      running.push(hub);
      return hub;
    }

    /** Everything the hub's database holds for the workspace (the hub must be stopped on PGlite). */
    async function heldByHub(): Promise<WarEvent[]> {
      if (storage.databaseUrl) return (await SqlEventStore.open(storage.client)).log(WORKSPACE).all();
      const client = await openPgliteClient(options.dataDir);
      try {
        return await (await SqlEventStore.open(client)).log(WORKSPACE).all();
      } finally {
        await client.close();
      }
    }

    beforeAll(async () => {
      storage = await variant.open();
      options = { dataDir: join(storage.dir, 'hub'), databaseUrl: storage.databaseUrl };
      const added = await runHubCommand(['workspace', 'add', WORKSPACE], options);
      expect(added.code, added.stderr).toBe(0);
      token = added.stdout.trim();
      expect(token).toMatch(/^wrh_[A-Za-z0-9_-]{43}$/);
      const again = await runHubCommand(['workspace', 'add', WORKSPACE], options);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('exists');
    }, 120_000);

    afterAll(async () => {
      for (const hub of running) await hub.kill();
      await storage?.dispose();
    });

    it('loses and duplicates nothing when killed mid-push, and the retry completes the push', async () => {
      const laptop = new SignedLaptop(WORKSPACE, 'laptop');
      // Its enrolment and the notes fill six batches exactly.
      await laptop.write(noteDrafts(6 * MAX_BATCH_EVENTS - 1), T0);
      let acknowledged: VersionVector = {};
      const exchangeWith = (url: string, intercept?: (call: number) => Promise<void>): ExchangeFn => {
        const exchange = createHubExchange({ url, workspace: WORKSPACE, token });
        let calls = 0;
        return async (request) => {
          calls += 1;
          const response = await exchange(request);
          await intercept?.(calls);
          if (response.ok) acknowledged = response.answer.vector;
          return response;
        };
      };

      // 1. Killed as it starts writing the third batch.
      const first = await start();
      let writes = 0;
      first.onLog((line) => {
        if (line.includes(`exchange for ${WORKSPACE}: storing ${MAX_BATCH_EVENTS} events`) && ++writes === 3) {
          void first.kill();
        }
      });
      await expect(syncWith(laptop.log, exchangeWith(first.url))).rejects.toBeInstanceOf(HubUnavailableError);
      await first.kill();
      expect(acknowledged[laptop.deviceId]).toBe(2 * MAX_BATCH_EVENTS);

      // 2. Restarted, then killed after storing a batch but before its answer reached the client.
      const killed = await start();
      await expect(
        syncWith(
          laptop.log,
          exchangeWith(killed.url, async (call) => {
            if (call !== 2) return;
            await killed.kill();
            throw new HubUnavailableError('the answer was lost with the hub');
          }),
          { knownPeerVector: acknowledged },
        ),
      ).rejects.toBeInstanceOf(HubUnavailableError);

      // 3. Restarted: the client resumes from what was acknowledged and finishes.
      const hub = await start();
      const resumed = await syncWith(laptop.log, exchangeWith(hub.url), { knownPeerVector: acknowledged });
      expect(resumed.peerVector).toEqual({ [laptop.deviceId]: 6 * MAX_BATCH_EVENTS });
      await hub.stop();

      const held = await heldByHub();
      expect(held).toHaveLength(6 * MAX_BATCH_EVENTS);
      expect(held).toEqual(laptop.log.all().sort(compareEvents));
      expect(verifyChains(held)).toEqual([]);
    }, 120_000);

    // Engine-specific: defined only where it applies, not skipped elsewhere.
    itOn('PGlite')(
      'refuses a second process on the same PGlite data dir',
      async () => {
        const hub = await start();
        await expect(startHubProcess(options)).rejects.toThrow(/held by process/);
        await hub.stop();
      },
      60_000,
    );

    // Engine-specific: defined only where it applies, not skipped elsewhere.
    itOn('PostgreSQL')(
      'serves one record from two hub processes on one PostgreSQL, waking the clients of both',
      async () => {
        const [hubA, hubB] = await Promise.all([start(), start()]);
        const heardOnB: VersionVector[] = [];
        const live = subscribeLive(
          { url: hubB.url, workspace: WORKSPACE, token },
          { onChanged: (vector) => heardOnB.push(vector) },
        );
        try {
          await waitFor(() => heardOnB.length > 0, 'the live socket on hub B');
          const writer = new SignedLaptop(WORKSPACE, 'writer-on-a');
          // Its enrolment and 24 notes.
          await writer.write(noteDrafts(24), T0 + 60_000);
          await syncWith(writer.log, createHubExchange({ url: hubA.url, workspace: WORKSPACE, token }));
          // Written through A, announced by the database to B, which tells its client.
          await waitFor(() => heardOnB.some((vector) => vector[writer.deviceId] === 25), 'B to hear of A’s write');
          const reader = new MemoryEventLog(WORKSPACE, 'reader-on-b', randomUUID);
          await syncWith(reader, createHubExchange({ url: hubB.url, workspace: WORKSPACE, token }));
          const written = (log: MemoryEventLog) => log.all().filter((event) => event.deviceId === writer.deviceId);
          expect(written(reader)).toHaveLength(25);
          expect(written(reader)).toEqual(written(writer.log));
        } finally {
          live.close();
          await Promise.all([hubA.stop(), hubB.stop()]);
        }
      },
      60_000,
    );
  });
}
