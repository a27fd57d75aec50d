// A workspace member whose device signs two histories: one branch to the team
// hub, another to Bob's laptop over the LAN. Through the real hub (PGlite, and
// PostgreSQL when WARROOM_TEST_DATABASE_URL is set) and real host stores: the
// first replica offered the other branch holds the proof, revokes the device
// with it under its own key, and every replica then drops both branches, takes
// the proof as it is, and keeps syncing. A proof that does not hold is refused
// and leaves nothing.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldEvents } from '../../common/domain/incidents';
import type { EventDraft, WarEvent } from '../../common/events/event';
import { syncWith, type ExchangeFn } from '../../common/sync/exchange';
import { hubDeviceKey, hubSigner } from '../../main/host/hub/hub-device';
import { createHubExchange, type HubTarget } from '../../main/host/hub/hub-client';
import { startHubServer, type HubServer } from '../../main/host/hub/hub-server';
import { WorkspaceRegistry } from '../../main/host/hub/workspace-registry';
import { openPgliteClient, type PgliteClient } from '../../main/host/store/pglite-client';
import { SqlEventStore, type SqlEventLog } from '../../main/host/store/sql-event-log';
import { storageVariants, type TestStorage } from '../../main/host/store/test-storage';
import { generateDeviceKey } from '../../main/services/identity/device-key';
import { createLogger } from '../../main/services/logger';
import { signedDevice, type SignedDevice } from '../support/signed-device';
import { continueChain } from '../support/signed-peers';

const declare = (title: string): EventDraft => ({
  type: 'incident.declared',
  actor: '',
  payload: { title, severity: 'SEV2', kind: 'security' },
});

interface Laptop {
  readonly name: string;
  readonly client: PgliteClient;
  readonly store: SqlEventStore;
}

let root: string;
const laptops: Laptop[] = [];

async function openLaptop(name: string): Promise<Laptop> {
  const client = await openPgliteClient(join(root, `${name}-${randomUUID().slice(0, 8)}`));
  const store = await SqlEventStore.open(client, {
    signer: { kind: 'host', key: generateDeviceKey(), person: () => ({ name }) },
  });
  const laptop = { name, client, store };
  laptops.push(laptop);
  return laptop;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'warroom-fork-'));
});

afterAll(async () => {
  for (const laptop of laptops) await laptop.client.close();
  await rm(root, { recursive: true, force: true });
});

for (const variant of storageVariants()) {
  describe.skipIf(variant.skipReason !== null)(
    `a device that forks its chain, through the hub ${variant.title}`,
    () => {
      let storage: TestStorage;
      let hubStore: SqlEventStore;
      let hub: HubServer;
      let target: HubTarget;
      let exchange: ExchangeFn;
      let alice: Laptop;
      let bob: Laptop;
      let mallory: SignedDevice;

      const logOf = (laptop: Laptop): SqlEventLog => laptop.store.log(target.workspace);
      const hubLog = (): SqlEventLog => hubStore.log(target.workspace);
      const send = (events: readonly WarEvent[]) =>
        exchange({ workspace: target.workspace, vector: {}, events: [...events] });

      beforeAll(async () => {
        storage = await variant.open();
        // The hub signs with its own key, as `warroom hub` does (hub-storage.ts).
        hubStore = await SqlEventStore.open(storage.client, { signer: hubSigner(await hubDeviceKey(storage.client)) });
        const registry = await WorkspaceRegistry.open(storage.client);
        hub = await startHubServer({
          store: hubStore,
          registry,
          port: 0,
          log: createLogger('hub-fork'),
          heartbeatMs: 60_000,
        });
        const workspace = `ws-${randomUUID().slice(0, 8)}`;
        const added = await registry.add(workspace);
        if (!added.ok) throw new Error(added.error.message);
        target = { url: hub.url, workspace, token: added.token };
        exchange = createHubExchange(target);
        alice = await openLaptop('Alice');
        bob = await openLaptop('Bob');
        mallory = signedDevice('Mallory', { workspace: target.workspace });
        expect(await send(mallory.write([declare('Mallory was here')], Date.now()))).toMatchObject({ ok: true });
        for (const laptop of [alice, bob]) {
          const written = await logOf(laptop).append([declare(`${laptop.name} declares`)], Date.now());
          expect(written.ok).toBe(true);
          await syncWith(logOf(laptop), exchange);
        }
        await syncWith(logOf(alice), exchange);
      }, 120_000);

      afterAll(async () => {
        await hub?.close();
        await storage?.dispose();
      });

      it('the first replica offered the other branch revokes the device with the proof; all replicas drop both branches and converge', async () => {
        const now = Date.now();
        const toHub = continueChain(mallory, [declare('Roll back payments')], now, { workspace: target.workspace });
        const toBob = continueChain(mallory, [declare('All clear, stand down')], now, { workspace: target.workspace });
        expect(toHub.events[0]!.seq).toBe(toBob.events[0]!.seq);
        const forkSeq = toHub.events[0]!.seq;
        expect(await send(toHub.events)).toMatchObject({ ok: true });
        // Bob's host takes the other branch from Mallory's browser on its LAN.
        expect(await logOf(bob).apply(toBob.events)).toMatchObject({ ok: true, stored: 1 });

        // Bob syncs: the hub is offered Bob's branch, holds the proof, and revokes.
        await syncWith(logOf(bob), exchange);
        await syncWith(logOf(alice), exchange);
        await syncWith(logOf(bob), exchange);

        const vector = await hubLog().vector();
        expect(vector[mallory.deviceId]).toBe(forkSeq - 1);
        for (const laptop of [alice, bob]) expect(await logOf(laptop).vector()).toEqual(vector);
        const revocations = (await hubLog().all()).filter((event) => event.type === 'device.revoked');
        expect(revocations).toHaveLength(1);
        expect(revocations[0]).toMatchObject({
          deviceId: hubStore.deviceId,
          payload: {
            deviceId: mallory.deviceId,
            afterSeq: forkSeq - 1,
            proof: [expect.any(String), expect.any(String)],
          },
        });
        for (const log of [hubLog(), logOf(alice), logOf(bob)]) {
          expect((await log.devices()).find((device) => device.deviceId === mallory.deviceId)).toMatchObject({
            revokedAfter: forkSeq - 1,
            revokedBy: hubStore.deviceId,
          });
        }
        const titles = async (log: SqlEventLog) =>
          [...foldEvents(await log.all()).incidents.values()].map((incident) => incident.title).sort();
        const expected = ['Alice declares', 'Bob declares', 'Mallory was here'];
        for (const log of [hubLog(), logOf(alice), logOf(bob)]) expect(await titles(log)).toEqual(expected);

        // Mallory's next event, on either branch, is refused; the honest keep writing and syncing.
        const next = continueChain(mallory, [declare('Carry on')], Date.now(), {
          workspace: target.workspace,
          head: toHub.head,
        });
        expect(await send(next.events)).toMatchObject({ ok: false, error: { code: 'device-revoked' } });
        expect(await logOf(alice).append([declare('Alice after the fork')], Date.now())).toMatchObject({ ok: true });
        await syncWith(logOf(alice), exchange);
        await syncWith(logOf(bob), exchange);
        expect(await titles(logOf(bob))).toEqual([...expected, 'Alice after the fork'].sort());
      });

      it('refuses a revocation whose proof is two copies of one event, and stores nothing of its batch', async () => {
        const eve = signedDevice('Eve', { workspace: target.workspace });
        expect(await send(eve.write([declare('Eve joins')], Date.now()))).toMatchObject({ ok: true });
        const victim = (await logOf(alice).all()).filter((event) => event.deviceId === alice.store.deviceId).at(-1)!;
        const forged = eve.write(
          [
            {
              type: 'device.revoked',
              actor: '',
              payload: {
                deviceId: victim.deviceId,
                afterSeq: victim.seq - 1,
                reason: 'forked',
                proof: [JSON.stringify(victim), JSON.stringify(victim)],
              },
            },
          ],
          Date.now(),
        );
        const before = await hubLog().vector();
        const answer = await send(forged);
        expect(answer).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
        expect(answer.ok ? '' : answer.error.message).toContain('do not contradict');
        expect(await hubLog().vector()).toEqual(before);
        expect(
          (await hubLog().devices()).find((device) => device.deviceId === victim.deviceId)?.revokedAfter,
        ).toBeUndefined();
      });
    },
  );
}
