// The window's replica speaks the sync protocol like every other replica.
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { foldEvents } from '../../common/domain/incidents';
import { EMPTY_HEAD, sealEvents, verifyChains } from '../../common/events/chain';
import { DEFAULT_WORKSPACE, type WarEvent } from '../../common/events/event';
import { hlcMillis } from '../../common/events/hlc';
import { answerExchange, syncWith } from '../../common/sync/exchange';
import { MemoryEventLog } from '../../common/sync/memory-log';
import { EventStore, WarRoomDatabase } from './database';

let n = 0;
const opened: WarRoomDatabase[] = [];
function window(now: () => number = Date.now): EventStore {
  const db = new WarRoomDatabase(`log-${(n += 1)}`);
  opened.push(db);
  return new EventStore(db, { now, newId: () => `w${n}-${crypto.randomUUID()}` });
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function host() {
  let ids = 0;
  return new MemoryEventLog(DEFAULT_WORKSPACE, 'host', () => `h${(ids += 1)}`);
}

const declare = (title: string) =>
  ({ type: 'incident.declared', actor: 'A', payload: { title, severity: 'SEV2', kind: 'performance' } }) as const;

describe('the window replica as an event log', () => {
  it('converges with another window through a host, in batches', async () => {
    const hub = host();
    const exchange = (request: Parameters<typeof answerExchange>[1]) => answerExchange(hub, request, 3);
    const a = window();
    const b = window();
    const [incident] = await a.append([declare('Checkout down')]);
    for (let i = 0; i < 7; i += 1) {
      await a.append([
        { type: 'incident.note-added', incidentId: incident!.id, actor: 'A', payload: { text: `a${i}` } },
      ]);
    }
    await b.append([declare('Stores offline')]);

    await syncWith(a, exchange, { batchSize: 2 });
    const outcome = await syncWith(b, exchange, { batchSize: 2 });
    // A's enrolment, its incident and seven notes.
    expect(outcome.pulled).toBe(9);
    await syncWith(a, exchange);

    expect(await a.vector()).toEqual(await b.vector());
    expect(foldEvents(await a.all())).toEqual(foldEvents(await b.all()));
    expect(verifyChains(await b.all())).toEqual([]);
  });

  it('refuses a forged batch and keeps nothing of it', async () => {
    const source = window();
    await source.append([declare('one'), declare('two')]);
    const events = await source.all();
    const forged: WarEvent[] = events.map((event) => (event.seq === 2 ? { ...event, actor: 'Mallory' } : event));
    const target = window();
    expect(await target.apply(forged)).toMatchObject({ ok: false, error: { code: 'bad-hash' } });
    expect(await target.all()).toEqual([]);
    expect(await target.apply(events)).toEqual({ ok: true, stored: 3 });
    expect(await target.apply(events)).toEqual({ ok: true, stored: 0 });
  });

  it('orders its next note after events from a laptop whose clock runs a few minutes ahead', async () => {
    const ahead = window(() => Date.now() + 4 * 60_000);
    const [incident] = await ahead.append([declare('Clock skew')]);
    const local = window();
    expect(await local.apply(await ahead.all())).toEqual({ ok: true, stored: 2 });
    const [note] = await local.append([
      { type: 'incident.note-added', incidentId: incident!.id, actor: 'B', payload: { text: 'after' } },
    ]);
    expect(note!.hlc > incident!.hlc).toBe(true);
    const timeline = foldEvents(await local.all()).incidents.get(incident!.id)!.timeline;
    expect(timeline.map((entry) => entry.kind)).toEqual(['declared', 'note']);
  });

  it('does not follow a clock beyond the bound: its own events keep their own time', async () => {
    const broken = window(() => Date.now() + 3_600_000);
    const [incident] = await broken.append([declare('Clock an hour ahead')]);
    const local = window();
    await local.apply(await broken.all());
    const before = Date.now();
    const [note] = await local.append([
      { type: 'incident.note-added', incidentId: incident!.id, actor: 'B', payload: { text: 'now' } },
    ]);
    expect(hlcMillis(note!.hlc)).toBeLessThan(before + 60_000);
    expect(note!.wall).toBeGreaterThanOrEqual(before);
  });

  it('rebuilds its heads when upgrading a version-1 database', async () => {
    const name = `upgrade-${(n += 1)}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ events: '[deviceId+seq]', meta: 'key' });
    const { events } = sealEvents(EMPTY_HEAD, [declare('one'), declare('two')], {
      workspace: DEFAULT_WORKSPACE,
      deviceId: 'old-laptop',
      nowMs: 1_000,
      newId: () => crypto.randomUUID(),
    });
    await v1.table('events').bulkAdd(events);
    v1.close();

    const upgraded = new WarRoomDatabase(name);
    opened.push(upgraded);
    const store = new EventStore(upgraded);
    expect(await store.vector()).toEqual({ 'old-laptop': 2 });
    expect(await store.eventsBeyond({ 'old-laptop': 1 }, 10)).toEqual([events[1]]);
  });
});
