// Documents by collection: the index a host reads its monitors from at start,
// instead of scanning the record. A database written by the previous version
// (schema v2) is migrated with every event and hash intact and its documents
// indexed; events stored since are indexed as they land; a revoked device's
// documents after its revocation are not served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareEvents } from '../../../common/domain/order';
import type { DeviceRecord } from '../../../common/events/devices';
import type { EventDraft, WarEvent } from '../../../common/events/event';
import { generateDeviceKey } from '../../services/identity/device-key';
import { signedDevice } from '../../../test/support/signed-device';
import { runMigrations } from './migrations';
import { SqlEventStore, STORE_MIGRATIONS, type StoreSigner } from './sql-event-log';
import { storageVariants, type TestStorage } from './test-storage';

const WS = 'default';
const HOUR = 3_600_000;

const monitor = (id: string, name: string): EventDraft => ({
  type: 'doc.put',
  actor: '',
  payload: { collection: 'monitor', docId: id, body: { type: 'http', name, url: `https://${id}.example` } },
});
const person = (id: string, name: string): EventDraft => ({
  type: 'doc.put',
  actor: '',
  payload: { collection: 'person', docId: id, body: { name } },
});
const note = (text: string): EventDraft => ({
  type: 'incident.note-added',
  incidentId: 'incident-1',
  actor: '',
  payload: { text },
});

for (const variant of storageVariants()) {
  describe.skipIf(variant.skipReason !== null)(`documents by collection ${variant.title}`, () => {
    let storage: TestStorage;
    const signer: StoreSigner = { kind: 'host', key: generateDeviceKey(), person: () => ({ name: 'Dana' }) };
    const alice = signedDevice('Alice', { workspace: WS });
    const bob = signedDevice('Bob', { workspace: WS });
    let written: WarEvent[];
    let oldRows: unknown[];

    beforeAll(async () => {
      storage = await variant.open();
      // The previous version's database: schema v2, its events stored as it stored them.
      await runMigrations(storage.client, 'store', STORE_MIGRATIONS.slice(0, 2));
      const start = Date.now() - 10 * HOUR;
      written = [
        ...alice.write([monitor('checkout', 'Checkout'), note('first')], start),
        ...bob.write([person('p-1', 'Bob'), monitor('stores', 'Stores')], start + HOUR),
        // A note that quotes a document event's JSON is not a document.
        ...alice.write([note('{"type":"doc.put","payload":{"collection":"monitor"}}')], start + 2 * HOUR),
        ...bob.write(
          [{ type: 'doc.delete', actor: '', payload: { collection: 'monitor', docId: 'checkout' } }],
          start + 3 * HOUR,
        ),
      ];
      await storage.client.transaction(async (tx) => {
        const rows = written.map((event) => [event.deviceId, event.seq, event.hlc, event.hash, JSON.stringify(event)]);
        await tx.query(
          `INSERT INTO events (workspace, device_id, seq, hlc, hash, body)
           SELECT $1, r ->> 0, (r ->> 1)::int, r ->> 2, r ->> 3, r ->> 4 FROM jsonb_array_elements($2::jsonb) AS r`,
          [WS, JSON.stringify(rows)],
        );
        for (const device of [alice, bob]) {
          const last = written.filter((event) => event.deviceId === device.deviceId).at(-1)!;
          await tx.query(
            'INSERT INTO heads (workspace, device_id, seq, hash, hlc, sig) VALUES ($1, $2, $3, $4, $5, $6)',
            [WS, last.deviceId, last.seq, last.hash, last.hlc, last.sig ?? null],
          );
          const record: DeviceRecord = {
            deviceId: device.deviceId,
            publicKey: device.key.publicKey,
            kind: 'host',
            person: device.person,
          };
          await tx.query('INSERT INTO devices (workspace, device_id, record) VALUES ($1, $2, $3)', [
            WS,
            device.deviceId,
            JSON.stringify(record),
          ]);
        }
      });
      oldRows = await storage.client.query(
        'SELECT workspace, device_id, seq, hlc, hash, body FROM events ORDER BY device_id, seq',
      );
    }, 60_000);

    afterAll(async () => {
      await storage?.dispose();
    });

    it('migrates a v2 database: every event and hash intact, its documents indexed, notes not', async () => {
      const store = await SqlEventStore.open(storage.client, { signer });
      const log = store.log(WS);
      expect(
        await storage.client.query(
          'SELECT workspace, device_id, seq, hlc, hash, body FROM events ORDER BY device_id, seq',
        ),
      ).toEqual(oldRows);
      const monitors = await log.documentEvents('monitor');
      const expected = written
        .filter(
          (event) =>
            event.type.startsWith('doc.') && 'collection' in event.payload && event.payload.collection === 'monitor',
        )
        .sort(compareEvents);
      expect(monitors.events).toEqual(expected);
      expect(monitors.events.map((event) => event.type)).toEqual(['doc.put', 'doc.put', 'doc.delete']);
      expect(monitors.vector).toEqual(await log.vector());
      expect((await log.documentEvents('person')).events.map((event) => event.payload)).toEqual([
        { collection: 'person', docId: 'p-1', body: { name: 'Bob' } },
      ]);
      expect((await log.documentEvents('runbook')).events).toEqual([]);
    });

    it('indexes documents as they are stored, and serves none of a revoked device after its revocation', async () => {
      const store = await SqlEventStore.open(storage.client, { signer });
      const log = store.log(WS);
      const appended = await log.append([monitor('tills', 'Tills')], Date.now());
      expect(appended.ok).toBe(true);
      const late = bob.write([monitor('late', 'Late')], Date.now());
      expect(await log.apply(late)).toMatchObject({ ok: true, stored: 1 });
      expect((await log.documentEvents('monitor')).events.map((event) => event.payload)).toContainEqual(
        expect.objectContaining({ docId: 'late' }),
      );
      // The team hub revokes Bob's device from before that last event: it leaves the index's answer.
      const lastSeq = late[0]!.seq;
      const hub = signedDevice('Admin', { workspace: WS, kind: 'hub' });
      const revocation = hub.write(
        [{ type: 'device.revoked', actor: '', payload: { deviceId: bob.deviceId, afterSeq: lastSeq - 1 } }],
        Date.now(),
      );
      expect(await log.apply(revocation)).toMatchObject({ ok: true });
      const ids = (await log.documentEvents('monitor')).events.map((event) =>
        event.type === 'doc.put' || event.type === 'doc.delete' ? event.payload.docId : '',
      );
      expect(ids).toEqual(['checkout', 'stores', 'checkout', 'tills']);
    });
  });
}
