// A hostile workspace member against the real team hub, on PGlite and (when
// WARROOM_TEST_DATABASE_URL is set) on PostgreSQL. Mallory holds the workspace
// token and an enrolled device of her own; she forges clocks, keys, names,
// signatures and revocations, sends a body nested too deep to parse, hands the
// laptop a backup that breaks late in the file, and extends a chain written
// before signing. Each attack is refused with its code and leaves nothing of its
// batch on the hub (vector, events, devices unchanged); after each, the honest
// laptops (real host stores on PGlite, signing as the host does) still write
// and sync through the hub.
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_CHUNK_BYTES, type BackupRestored } from '../../common/bridge/backup-contract';
import { compareEvents } from '../../common/domain/order';
import {
  EMPTY_HEAD,
  hashEvent,
  sealEvents,
  sealSignedNow,
  verifyChains,
  type ChainHead,
} from '../../common/events/chain';
import { GENESIS_HASH, type EventBody, type EventDraft, type WarEvent } from '../../common/events/event';
import { decodeHlc, encodeHlc, hlcMillis } from '../../common/events/hlc';
import { syncWith, type ExchangeFn } from '../../common/sync/exchange';
import { MAX_BATCH_EVENTS, type SyncError, type SyncErrorCode } from '../../common/sync/protocol';
import type { VersionVector } from '../../common/sync/vector';
import { createBackupHost } from '../../main/host/backup-host';
import { AT_LAPTOP } from '../../main/host/bridge-router';
import { createHubExchange, type HubTarget } from '../../main/host/hub/hub-client';
import { HEALTH_PATH, syncPath } from '../../main/host/hub/hub-protocol';
import { MAX_BODY_DEPTH, startHubServer, type HubServer } from '../../main/host/hub/hub-server';
import { WorkspaceRegistry } from '../../main/host/hub/workspace-registry';
import { runMigrations } from '../../main/host/store/migrations';
import { openPgliteClient, type PgliteClient } from '../../main/host/store/pglite-client';
import { SqlEventStore, STORE_MIGRATIONS, type SqlEventLog } from '../../main/host/store/sql-event-log';
import { noteDrafts, storageVariants, type TestStorage } from '../../main/host/store/test-storage';
import { encodeBackup } from '../../main/services/backup/backup-file';
import { generateDeviceKey, type DeviceKey } from '../../main/services/identity/device-key';
import { createLogger } from '../../main/services/logger';
import { signedDevice, type SignedDevice } from '../support/signed-device';
import { continueChain, resigned, unsigned } from '../support/signed-peers';

const MINUTE = 60_000;
/** A body nested this deep overflows any recursive parser or validator. */
const DEEP = 100_000;

let root: string;
/** A PGlite data dir made once and closed: every store of the suite starts as a copy (a first start costs seconds). */
let template: string;

/** A new PGlite database for `name`, copied from the template. */
async function newPglite(name: string): Promise<{ dir: string; client: PgliteClient }> {
  const dir = join(root, `${name}-${randomUUID().slice(0, 8)}`);
  await cp(template, dir, { recursive: true });
  return { dir, client: await openPgliteClient(dir) };
}

/** A laptop: its host's store on PGlite, signing as the host does (openHostStore). */
interface Laptop {
  readonly name: string;
  readonly client: PgliteClient;
  readonly store: SqlEventStore;
}

async function openLaptop(name: string): Promise<Laptop> {
  const { client } = await newPglite(name.toLowerCase());
  const key = generateDeviceKey();
  const store = await SqlEventStore.open(client, { signer: { kind: 'host', key, person: () => ({ name }) } });
  return { name, client, store };
}

let alice: Laptop;
let bob: Laptop;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'warroom-adversary-'));
  template = join(root, 'template');
  await (await openPgliteClient(template)).close();
  alice = await openLaptop('Alice');
  bob = await openLaptop('Bob');
}, 120_000);

afterAll(async () => {
  await alice?.client.close();
  await bob?.client.close();
  await rm(root, { recursive: true, force: true });
});

/** The head a chain's last event leaves, to continue (or forge) from. */
// A head a forger can read off any event: its signature is public, the next event carries it.
const headOf = (event: WarEvent): ChainHead => ({
  seq: event.seq,
  hash: event.hash,
  hlc: decodeHlc(event.hlc),
  ...(event.sig ? { sig: event.sig } : {}),
});

/** Events that continue `head`'s chain of `deviceId`, signed with `key`: a forger's continuation of someone else's chain. */
function forgeAfter(head: WarEvent, drafts: readonly EventDraft[], nowMs: number, key: DeviceKey): WarEvent[] {
  return sealSignedNow(
    headOf(head),
    drafts,
    { workspace: head.workspace, deviceId: head.deviceId, nowMs, newId: randomUUID },
    (hash) => key.sign(hash),
  ).events;
}

/** Chains sealed anew from `from` on, each event signed with `key`: what a writer holding the key makes of altered events. */
function rechained(events: readonly WarEvent[], from: number, key: DeviceKey): WarEvent[] {
  const out = events.slice(0, from);
  for (const event of events.slice(from)) {
    const body = { ...event, prevHash: out.at(-1)?.hash ?? GENESIS_HASH } as EventBody;
    const hash = hashEvent(body);
    out.push({ ...body, hash, sig: key.sign(hash) } as WarEvent);
  }
  return out;
}

const note = (text: string): EventDraft => ({
  type: 'incident.note-added',
  incidentId: 'incident-1',
  actor: 'whoever',
  payload: { text },
});

for (const variant of storageVariants()) {
  describe.skipIf(variant.skipReason !== null)(`a hostile member against the hub ${variant.title}`, () => {
    let storage: TestStorage;
    let hubStore: SqlEventStore;
    let registry: WorkspaceRegistry;
    let hub: HubServer;
    let target: HubTarget;
    let exchange: ExchangeFn;
    /** Mallory's own enrolled device: she is a member. */
    let mallory: SignedDevice;
    let rounds = 0;

    async function newWorkspace(): Promise<HubTarget> {
      const id = `ws-${randomUUID().slice(0, 8)}`;
      const added = await registry.add(id);
      if (!added.ok) throw new Error(added.error.message);
      return { url: hub.url, workspace: id, token: added.token };
    }

    const logOf = (laptop: Laptop, workspace = target.workspace): SqlEventLog => laptop.store.log(workspace);

    /** Everything the hub holds of the workspace that a batch could change. */
    async function hubState(workspace = target.workspace) {
      const log = hubStore.log(workspace);
      const [count] = await storage.client.query<{ events: number }>(
        'SELECT count(*)::int AS events FROM events WHERE workspace = $1',
        [workspace],
      );
      return { vector: await log.vector(), events: count?.events, devices: await log.devices() };
    }

    /** Mallory's batch, sent to the hub as any member's laptop sends one. */
    const send = (events: readonly unknown[], workspace = target) =>
      createHubExchange(workspace)({ workspace: workspace.workspace, vector: {}, events: [...events] });

    /** Sends `events`, expects `code`, and checks that nothing of the batch reached the hub. */
    async function expectRefused(
      events: readonly WarEvent[],
      code: SyncErrorCode,
      workspace = target,
    ): Promise<SyncError> {
      const before = await hubState(workspace.workspace);
      const answer = await send(events, workspace);
      expect(answer).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
      expect(await hubState(workspace.workspace)).toEqual(before);
      const [held] = await storage.client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM events WHERE workspace = $1 AND hash = ANY($2::text[])',
        [workspace.workspace, events.map((event) => event.hash)],
      );
      expect(held?.n).toBe(0);
      if (answer.ok) throw new Error('the batch was accepted');
      return answer.error;
    }

    /** Alice and Bob each write a note, and all three replicas converge through the hub. */
    async function honestRound(): Promise<void> {
      rounds += 1;
      const written: WarEvent[] = [];
      for (const laptop of [alice, bob]) {
        const appended = await logOf(laptop).append([note(`${laptop.name}, round ${rounds}`)], Date.now());
        if (!appended.ok) throw new Error(appended.error.message);
        written.push(...appended.events);
      }
      for (const laptop of [alice, bob, alice]) await syncWith(logOf(laptop), exchange);
      const vector = await hubStore.log(target.workspace).vector();
      expect(await logOf(alice).vector()).toEqual(vector);
      expect(await logOf(bob).vector()).toEqual(vector);
      for (const event of written) expect(vector[event.deviceId]).toBeGreaterThanOrEqual(event.seq);
      // Each one's note is on the hub, as written.
      for (const event of written) {
        const [held] = await hubStore
          .log(target.workspace)
          .eventsBeyond({ ...vector, [event.deviceId]: event.seq - 1 }, 1);
        expect(held).toEqual(event);
      }
    }

    /** The hub's last event of a device, as any member reads it through the hub. */
    async function lastEventOf(deviceId: string): Promise<WarEvent> {
      const state = await send([]);
      if (!state.ok) throw new Error(state.error.message);
      const vector: VersionVector = { ...state.answer.vector, [deviceId]: (state.answer.vector[deviceId] ?? 1) - 1 };
      const answer = await createHubExchange(target)({ workspace: target.workspace, vector, events: [] });
      if (!answer.ok) throw new Error(answer.error.message);
      // The hub's answer carries events it verified when it stored them.
      const event = (answer.answer.events as WarEvent[]).find((candidate) => candidate.deviceId === deviceId);
      if (!event) throw new Error(`no event of ${deviceId}`);
      return event;
    }

    beforeAll(async () => {
      storage = await variant.open();
      hubStore = await SqlEventStore.open(storage.client);
      registry = await WorkspaceRegistry.open(storage.client);
      hub = await startHubServer({
        store: hubStore,
        registry,
        port: 0,
        log: createLogger('hub-adversary'),
        heartbeatMs: 60_000,
      });
      target = await newWorkspace();
      exchange = createHubExchange(target);
      await honestRound();
      mallory = signedDevice('Mallory', { workspace: target.workspace });
      expect(await send(mallory.write([note('Mallory joins')], Date.now()))).toMatchObject({ ok: true });
      await honestRound();
    }, 120_000);

    afterAll(async () => {
      await hub?.close();
      await storage?.dispose();
    });

    it('refuses a clock of 999999999999999:99999 as clock-ahead, naming both times', async () => {
      const [event] = continueChain(mallory, [note('from the end of time')], Date.now(), {
        workspace: target.workspace,
      }).events;
      const forged = resigned(event!, { hlc: '999999999999999:99999' }, mallory.key);
      const before = Date.now();
      const error = await expectRefused([forged], 'clock-ahead');
      const after = Date.now();
      expect(error.message).toContain(new Date(999_999_999_999_999).toISOString());
      const receiver = /this receiver's (\S+)$/.exec(error.message)?.[1];
      expect(receiver, error.message).toBeDefined();
      expect(Date.parse(receiver!)).toBeGreaterThanOrEqual(before - 1_000);
      expect(Date.parse(receiver!)).toBeLessThanOrEqual(after + 1_000);
      await honestRound();
    });

    it('refuses a clock in 2030 as clock-ahead', async () => {
      const in2030 = Date.UTC(2030, 0, 1);
      // A laptop whose wall clock says 2030: its clock and its wall time agree, and both are refused.
      const events = continueChain(mallory, [note('from 2030')], in2030, { workspace: target.workspace }).events;
      expect(hlcMillis(events[0]!.hlc)).toBe(in2030);
      const error = await expectRefused(events, 'clock-ahead');
      expect(error.message).toContain('2030-01-01T00:00:00.000Z');
      await honestRound();
    });

    it("refuses the victim's next seq signed with the attacker's key as wrong-device-key, and takes the victim's own next batch", async () => {
      const victim = alice.store.deviceId;
      const head = await lastEventOf(victim);
      // The right seq, the right previous hash, the victim's name: only the key is Mallory's.
      const forged = forgeAfter(
        head,
        [{ ...note('I resign, effective now'), actor: 'Alice' }],
        Date.now(),
        mallory.key,
      );
      expect(forged[0]).toMatchObject({ deviceId: victim, seq: head.seq + 1, prevHash: head.hash, actor: 'Alice' });
      await expectRefused(forged, 'wrong-device-key');
      // No lock-out: Alice's genuine next event takes that seq.
      const genuine = await logOf(alice).append([note('Alice carries on')], Date.now());
      if (!genuine.ok) throw new Error(genuine.error.message);
      expect(genuine.events[0]!.seq).toBe(head.seq + 1);
      await syncWith(logOf(alice), exchange);
      expect(await lastEventOf(victim)).toEqual(genuine.events[0]);
      await honestRound();
    });

    it('refuses an event written in the name of another person than the one enrolled for the device as wrong-actor', async () => {
      const events = continueChain(mallory, [note('Bob says: roll back')], Date.now(), {
        workspace: target.workspace,
        actor: 'Bob',
      }).events;
      const error = await expectRefused(events, 'wrong-actor');
      expect(error.message).toContain('"Mallory"');
      await honestRound();
    });

    it('refuses a relayed run whose middle signature was swapped, though its last signature holds, as broken-chain', async () => {
      // Mallory relays three of her own device's events with the middle signature replaced:
      // the next event carries the real one inside its hash, so the swap shows.
      const { events } = continueChain(mallory, [note('one'), note('two'), note('three')], Date.now(), {
        workspace: target.workspace,
      });
      const swapped = events.map((event, index) => (index === 1 ? { ...event, sig: 'ab'.repeat(64) } : event));
      const error = await expectRefused(swapped, 'broken-chain');
      expect(error.message).toContain('does not carry the signature');
      await honestRound();
    });

    it('refuses an unsigned event from a device that never enrolled as not-enrolled', async () => {
      const { events } = sealEvents(EMPTY_HEAD, [{ ...note('nobody signed this'), actor: 'Alice' }], {
        workspace: target.workspace,
        deviceId: `ghost-${randomUUID()}`,
        nowMs: Date.now(),
        newId: randomUUID,
      });
      await expectRefused(events, 'not-enrolled');
      await honestRound();
    });

    it("refuses an enrolled device's event with its signature removed as unsigned", async () => {
      const { events } = continueChain(mallory, [note('no signature')], Date.now(), { workspace: target.workspace });
      await expectRefused(events.map(unsigned), 'unsigned');
      await honestRound();
    });

    it("refuses a plain member's revocation of someone else's device as not-allowed", async () => {
      const events = continueChain(
        mallory,
        [
          {
            type: 'device.revoked',
            actor: 'Mallory',
            payload: { deviceId: alice.store.deviceId, afterSeq: 0, reason: 'lost laptop' },
          },
        ],
        Date.now(),
        { workspace: target.workspace },
      ).events;
      await expectRefused(events, 'not-allowed');
      const record = (await hubStore.log(target.workspace).devices()).find(
        (device) => device.deviceId === alice.store.deviceId,
      );
      expect(record?.revokedAfter).toBeUndefined();
      await honestRound();
    });

    it('refuses a member enrolling a hub device (which may revoke anyone) as not-allowed', async () => {
      const fakeHub = signedDevice('Mallory', { workspace: target.workspace, kind: 'hub' });
      const events = fakeHub.write(
        [
          {
            type: 'device.revoked',
            actor: 'Mallory',
            payload: { deviceId: bob.store.deviceId, afterSeq: 0 },
          },
        ],
        Date.now(),
      );
      await expectRefused(events, 'not-allowed');
      await honestRound();
    });

    it('refuses the events of a device that revoked itself, after its revocation, as device-revoked', async () => {
      const quitter = signedDevice('Mallory', { workspace: target.workspace });
      // Its enrolment (#1), a note (#2), and its own revocation (#3), which stands.
      const retired = quitter.write(
        [
          note('last words'),
          {
            type: 'device.revoked',
            actor: 'Mallory',
            payload: { deviceId: quitter.deviceId, afterSeq: 3, reason: 'retired' },
          },
        ],
        Date.now(),
      );
      expect(await send(retired)).toMatchObject({ ok: true });
      expect(
        (await hubStore.log(target.workspace).devices()).find((d) => d.deviceId === quitter.deviceId),
      ).toMatchObject({ revokedAfter: 3, revokedBy: quitter.deviceId });
      const error = await expectRefused(quitter.write([note('back from the dead')], Date.now()), 'device-revoked');
      expect(error.message).toContain('#4');
      await honestRound();
    });

    it('answers a body nested 100,000 deep with 400 malformed, never 503, and keeps serving', async () => {
      const deepArray = `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`;
      const deepObject = `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`;
      const [event] = continueChain(
        mallory,
        [
          {
            type: 'doc.put',
            actor: 'Mallory',
            payload: { collection: 'runbook', docId: 'deep', body: { steps: 'PLACEHOLDER' } },
          },
        ],
        Date.now(),
        { workspace: target.workspace },
      ).events;
      const eventText = JSON.stringify(event);
      const request = (events: string) => `{"workspace":"${target.workspace}","vector":{},"events":[${events}]}`;
      const bodies = {
        'an array in a document body': request(eventText.replace('"PLACEHOLDER"', deepArray)),
        'an object in a document body': request(eventText.replace('"PLACEHOLDER"', deepObject)),
        'an array as an event': request(deepArray),
        'an array as the whole body': deepArray,
        'an array in the vector': `{"workspace":"${target.workspace}","vector":{"x":${deepArray}},"events":[]}`,
      };
      for (const [where, body] of Object.entries(bodies)) {
        const before = await hubState();
        const response = await fetch(`${hub.url}${syncPath(target.workspace)}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${target.token}`, 'Content-Type': 'application/json' },
          body,
        });
        expect(response.status, where).toBe(400);
        expect(await response.json(), where).toMatchObject({ ok: false, error: { code: 'malformed' } });
        expect(await hubState(), where).toEqual(before);
      }
      expect((await fetch(`${hub.url}${HEALTH_PATH}`)).status).toBe(200);
      // The bound refuses nothing a document could need: 200 levels deep in a body is taken, 300 is not.
      const nested = (levels: number): unknown => {
        let value: unknown = 'leaf';
        for (let level = 0; level < levels; level += 1) value = [value];
        return value;
      };
      const deepDoc = (levels: number) =>
        signedDevice('Mallory', { workspace: target.workspace }).write(
          [
            {
              type: 'doc.put',
              actor: 'Mallory',
              payload: { collection: 'note', docId: `nested-${levels}`, body: { nested: nested(levels) as string } },
            },
          ],
          Date.now(),
        );
      expect(await send(deepDoc(200))).toMatchObject({ ok: true });
      await expectRefused(deepDoc(MAX_BODY_DEPTH + 44), 'malformed');
      await honestRound();
    });

    it("refuses a backup that breaks at event 2,500 and leaves the laptop's store byte for byte as it was", async () => {
      const workspace = target.workspace;
      const now = Date.now();
      // A file of 3,000 events, oldest first: Gail's 2,499 (one sync batch and more)
      // are sound; Hank's run, from event 2,500 on, is where it breaks.
      const gail = signedDevice('Gail', { workspace });
      const gailEvents = gail.write(noteDrafts(2_498), now - 60 * MINUTE);
      const hankKey = generateDeviceKey();
      const hank = signedDevice('Hank', { workspace, key: hankKey });
      const hankEvents = hank.write(noteDrafts(500), now - 30 * MINUTE);
      const fileOf = async (events: readonly WarEvent[]) => {
        const sorted = [...events].sort(compareEvents);
        return encodeBackup(
          { workspace, appVersion: 'adversary', events: sorted, devices: new Set(sorted.map((e) => e.deviceId)).size },
          { passphrase: null, now },
        );
      };
      // Hank's last event signed by another key (its run is authenticated by that signature).
      const badSignature = [
        ...hankEvents.slice(0, -1),
        { ...hankEvents.at(-1)!, sig: mallory.key.sign(hankEvents.at(-1)!.hash) },
      ];
      // Hank's clock going backwards at his second event, the chain sealed and signed over it with his key.
      const backwards = rechained(
        hankEvents.map((event, index) =>
          index === 1
            ? { ...event, hlc: encodeHlc({ ms: hlcMillis(hankEvents[0]!.hlc) - MINUTE, counter: 0 }) }
            : event,
        ),
        1,
        hankKey,
      );
      expect(verifyChains(backwards)).toEqual([]);
      const files = {
        'a bad signature': await fileOf([...gailEvents, ...badSignature]),
        'a clock going backwards': await fileOf([...gailEvents, ...backwards]),
      };
      const sorted = [...gailEvents, ...hankEvents].sort(compareEvents);
      expect(sorted.slice(0, 2_499).every((event) => event.deviceId === gail.deviceId)).toBe(true);
      expect(sorted[2_499]?.deviceId).toBe(hank.deviceId);

      // The laptop's own restore, as a window drives it: upload in chunks, then restore.
      const dataDir = join(root, `restore-${variant.name}`);
      const backups = createBackupHost({
        dataDir,
        appVersion: 'adversary',
        log: async () => logOf(alice),
        onRestored: async () => undefined,
        logger: createLogger('backup-adversary'),
      }).handlers;
      let uploads = 0;
      const restore = async (file: Buffer): Promise<BackupRestored> => {
        const uploadId = `upload-${String((uploads += 1)).padStart(4, '0')}`;
        for (let offset = 0; offset < file.length; offset += BACKUP_CHUNK_BYTES) {
          const data = file.subarray(offset, offset + BACKUP_CHUNK_BYTES).toString('base64');
          await backups['backup:upload']({ uploadId, offset, data }, AT_LAPTOP);
        }
        return backups['backup:restore']({ uploadId, passphrase: null }, AT_LAPTOP);
      };
      const dump = async () => ({
        events: await alice.client.query('SELECT * FROM events ORDER BY workspace, device_id, seq'),
        heads: await alice.client.query('SELECT * FROM heads ORDER BY workspace, device_id'),
        devices: await alice.client.query('SELECT * FROM devices ORDER BY workspace, device_id'),
        legacy: await alice.client.query('SELECT * FROM legacy_heads ORDER BY workspace, device_id'),
      });
      const before = await dump();
      expect(before.events.length).toBeGreaterThan(0);
      for (const [fault, file] of Object.entries(files)) {
        const refused = await restore(file);
        expect(refused, fault).toMatchObject({ ok: false, reason: 'refused' });
        expect(await dump(), fault).toEqual(before);
      }
      // The same file without the fault restores whole, in one transaction.
      const sound = await restore(await fileOf([...gailEvents, ...hankEvents]));
      expect(sound).toMatchObject({ ok: true, events: 3_000, stored: 3_000 });
      expect((await dump()).events).toHaveLength(before.events.length + 3_000);
      await honestRound();
    }, 120_000);

    it('migrates a record written before signing: old chains vouched for, kept whole, and not one event beyond them', async () => {
      const legacy = await newWorkspace();
      const ws = legacy.workspace;
      const now = Date.now();
      // The previous version's data dir: schema v1 only, unsigned chains without wall times, its own device id.
      const { dir, client: old } = await newPglite('old-laptop');
      await runMigrations(old, 'store', [STORE_MIGRATIONS[0]!]);
      await old.query(`INSERT INTO store_meta (key, value) VALUES ('device-id', 'old-laptop')`);
      /** A chain as the previous version sealed it: no signature, no wall time; `lastHlc` for its last event. */
      const legacyChain = (deviceId: string, actor: string, count: number, at: number, lastHlc?: string) => {
        const events: WarEvent[] = [];
        for (let index = 0; index < count; index += 1) {
          const body = {
            id: randomUUID(),
            workspace: ws,
            deviceId,
            seq: index + 1,
            hlc: lastHlc && index === count - 1 ? lastHlc : encodeHlc({ ms: at, counter: index }),
            incidentId: 'incident-1',
            type: 'incident.note-added',
            actor,
            payload: { text: `${actor}'s note ${index}` },
            prevHash: events.at(-1)?.hash ?? GENESIS_HASH,
          } as EventBody;
          events.push({ ...body, hash: hashEvent(body) } as WarEvent);
        }
        return events;
      };
      const own = legacyChain('old-laptop', 'Alice', MAX_BATCH_EVENTS + 500, now - 120 * MINUTE);
      const peer = legacyChain('old-peer', 'Bob', 30, now - 90 * MINUTE);
      // From the days before the clock bound: a laptop whose clock said the end of time.
      const broken = legacyChain('old-broken-clock', 'Carol', 3, now - 80 * MINUTE, '999999999999999:99999');
      const written = [...own, ...peer, ...broken];
      expect(verifyChains(written)).toEqual([]);
      expect(written.every((event) => event.sig === undefined && event.wall === undefined)).toBe(true);
      // As the previous version stored them (HEAD~ sql-event-log.ts: store()).
      await old.transaction(async (tx) => {
        const rows = written.map((event) => [event.deviceId, event.seq, event.hlc, event.hash, JSON.stringify(event)]);
        await tx.query(
          `INSERT INTO events (workspace, device_id, seq, hlc, hash, body)
           SELECT $1, r ->> 0, (r ->> 1)::int, r ->> 2, r ->> 3, r ->> 4 FROM jsonb_array_elements($2::jsonb) AS r`,
          [ws, JSON.stringify(rows)],
        );
        for (const chain of [own, peer, broken]) {
          const last = chain.at(-1)!;
          await tx.query('INSERT INTO heads (workspace, device_id, seq, hash, hlc) VALUES ($1, $2, $3, $4, $5)', [
            ws,
            last.deviceId,
            last.seq,
            last.hash,
            last.hlc,
          ]);
        }
      });
      const ROWS = 'SELECT workspace, device_id, seq, hlc, hash, body FROM events ORDER BY device_id, seq';
      const oldRows = await old.query(ROWS);
      await old.close();

      // This version opens it, signing.
      const migratedClient = await openPgliteClient(dir);
      try {
        const key = generateDeviceKey();
        const migrated = await SqlEventStore.open(migratedClient, {
          signer: { kind: 'host', key, person: () => ({ name: 'Alice' }) },
        });
        const log = migrated.log(ws);
        // Every column the previous version wrote, as it wrote it (later versions add index columns).
        expect(await migratedClient.query(ROWS)).toEqual(oldRows);
        expect(verifyChains(await log.all())).toEqual([]);
        expect(migrated.deviceId).not.toBe('old-laptop');
        const appended = await log.append([note('first signed note')], now);
        if (!appended.ok) throw new Error(appended.error.message);
        // It follows no clock beyond the bound: its own starts at its wall clock.
        expect(hlcMillis(appended.events[0]!.hlc)).toBe(now);
        const [enrolment] = (await log.all()).filter((event) => event.deviceId === migrated.deviceId);
        expect(enrolment).toMatchObject({
          type: 'device.enrolled',
          seq: 1,
          payload: {
            publicKey: key.publicKey,
            legacy: {
              'old-laptop': { seq: own.length, hash: own.at(-1)!.hash },
              'old-peer': { seq: peer.length, hash: peer.at(-1)!.hash },
              'old-broken-clock': { seq: broken.length, hash: broken.at(-1)!.hash },
            },
          },
        });
        // An unsigned event beyond the vouched head (Mallory extending Bob's old chain) is refused here too.
        const beyond = sealEvents(headOf(peer.at(-1)!), [{ ...note('unsigned, after the fact'), actor: 'Bob' }], {
          workspace: ws,
          deviceId: 'old-peer',
          nowMs: now,
          newId: randomUUID,
        }).events;
        expect(beyond[0]).toMatchObject({ seq: peer.length + 1, prevHash: peer.at(-1)!.hash });
        expect(await log.apply(beyond)).toMatchObject({ ok: false, error: { code: 'not-enrolled' } });

        // A fresh store syncs from it, batch after batch: the old chains come in, vouched for.
        const { client: freshClient } = await newPglite('fresh');
        try {
          const fresh = (await SqlEventStore.open(freshClient)).log(ws);
          for (let batches = 0; ; batches += 1) {
            expect(batches).toBeLessThan(10);
            const batch = await log.eventsBeyond(await fresh.vector(), MAX_BATCH_EVENTS);
            if (batch.length === 0) break;
            expect(await fresh.apply(batch)).toMatchObject({ ok: true, stored: batch.length });
          }
          expect(await fresh.vector()).toEqual(await log.vector());
          expect(await fresh.all()).toEqual(await log.all());
          const before = await fresh.vector();
          expect(await fresh.apply(beyond)).toMatchObject({ ok: false, error: { code: 'not-enrolled' } });
          expect(await fresh.vector()).toEqual(before);
        } finally {
          await freshClient.close();
        }

        // And through the hub: the migrated laptop pushes its record, Mallory extends the old chain.
        await syncWith(log, createHubExchange(legacy));
        expect(await hubStore.log(ws).vector()).toEqual(await log.vector());
        await expectRefused(beyond, 'not-enrolled', legacy);
        const more = await log.append([note('second signed note')], Date.now());
        expect(more.ok).toBe(true);
        await syncWith(log, createHubExchange(legacy));
        expect(await hubStore.log(ws).vector()).toEqual(await log.vector());
      } finally {
        await migratedClient.close();
      }
      await honestRound();
    }, 120_000);
  });
}
