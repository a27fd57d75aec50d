import { afterEach, describe, expect, it } from 'vitest';
import { verifyChains } from '../../common/events/chain';
import { DraftError, EventStore, WarRoomDatabase } from './database';

let n = 0;
const opened: WarRoomDatabase[] = [];
function open(name: string): EventStore {
  const db = new WarRoomDatabase(name);
  opened.push(db);
  return new EventStore(db);
}
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
});
const declare = (title = 'Checkout down') =>
  ({
    type: 'incident.declared',
    actor: 'Alice',
    payload: { title, severity: 'SEV1', kind: 'technical-failure' },
  }) as const;

describe('event store (Dexie replica)', () => {
  it('appends chained, validated events and finds them again after reopening', async () => {
    const name = `db-${(n += 1)}`;
    const store = open(name);
    const [declared] = await store.append([declare('  Checkout down  ')]);
    // A draft naming someone else is still Alice's: the device is hers until she hands it over.
    await store.append([
      { type: 'incident.note-added', incidentId: declared!.id, actor: 'Bob', payload: { text: 'PSP 502' } },
    ]);
    await store.changePerson('Bob');
    await store.append([
      { type: 'incident.note-added', incidentId: declared!.id, actor: 'Alice', payload: { text: 'Bob here now' } },
    ]);
    opened.pop()!.close();

    const reopened = open(name);
    const events = await reopened.all();
    // The chain opens with the window's enrolment; Bob taking the window over is recorded before his note.
    expect([...events].sort((a, b) => a.seq - b.seq).map((event) => [event.seq, event.type, event.actor])).toEqual([
      [1, 'device.enrolled', 'Alice'],
      [2, 'incident.declared', 'Alice'],
      [3, 'incident.note-added', 'Alice'],
      [4, 'device.person-changed', 'Bob'],
      [5, 'incident.note-added', 'Bob'],
    ]);
    expect(events.find((event) => event.seq === 2)).toMatchObject({ payload: { title: 'Checkout down' } });
    expect(events.every((event) => /^[0-9a-f]{128}$/.test(event.sig ?? ''))).toBe(true);
    expect(verifyChains(events)).toEqual([]);
    expect((await reopened.identity()).deviceId).toBe(events[0]!.deviceId);
  });

  it('refuses an invalid draft with the field at fault and writes nothing', async () => {
    const store = open(`db-${(n += 1)}`);
    await expect(store.append([declare('   ')])).rejects.toBeInstanceOf(DraftError);
    await expect(store.append([declare('x'.repeat(201))])).rejects.toMatchObject({ field: 'title', issue: 'too-long' });
    await expect(
      store.append([declare(), { type: 'incident.note-added', incidentId: 'x', actor: 'A', payload: { text: '' } }]),
    ).rejects.toMatchObject({ field: 'text', issue: 'required' });
    expect(await store.all()).toEqual([]);
  });

  it('keeps one unbroken chain when two windows append at once', async () => {
    const name = `db-${(n += 1)}`;
    const first = open(name);
    const second = open(name);
    await first.identity();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? first : second).append([declare(`incident ${i}`)])),
    );
    const events = await first.all();
    // Twenty incidents after one enrolment, on one chain, whichever window wrote each.
    expect(events).toHaveLength(21);
    expect(new Set(events.map((event) => event.seq)).size).toBe(21);
    expect(events.filter((event) => event.type === 'device.enrolled')).toHaveLength(1);
    expect(verifyChains(events)).toEqual([]);
  });
});
