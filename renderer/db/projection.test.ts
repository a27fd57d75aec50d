// The window's folded state follows the log: its own writes, another window's
// writes on the same database, and older events that sync brings.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { foldEvents } from '../../common/domain/incidents';
import { EMPTY_HEAD, sealEvents } from '../../common/events/chain';
import { DEFAULT_WORKSPACE } from '../../common/events/event';
import { hlcMillis } from '../../common/events/hlc';
import { EventStore, WarRoomDatabase } from './database';
import { Projection, SNAPSHOT_BUILD } from './projection';
import { SnapshotStore } from './snapshot-store';

let n = 0;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function open(name: string, now: () => number = Date.now): EventStore {
  const db = new WarRoomDatabase(name);
  cleanups.push(() => db.close());
  return new EventStore(db, { now, newId: () => crypto.randomUUID() });
}

function follow(store: EventStore): Projection {
  const projection = new Projection(store);
  projection.start();
  cleanups.push(() => projection.dispose());
  return projection;
}

/** Resolves once the projection's state passes the check. */
function until(projection: Projection, check: (p: Projection) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const test = () => {
      if (!check(projection)) return;
      off();
      resolve();
    };
    const off = projection.subscribe(test);
    test();
  });
}

const declare = (title: string) =>
  ({ type: 'incident.declared', actor: 'A', payload: { title, severity: 'SEV2', kind: 'performance' } }) as const;

describe('the window projection', () => {
  it('shows its own writes and another window’s writes to the same database', async () => {
    const name = `projection-${(n += 1)}`;
    const mine = open(name);
    const other = open(name);
    const projection = follow(mine);
    const [incident] = await mine.append([declare('Checkout down')]);
    await until(projection, (p) => p.getSnapshot()?.incidents.has(incident!.id) === true);

    await other.append([
      { type: 'incident.note-added', incidentId: incident!.id, actor: 'B', payload: { text: 'hi' } },
    ]);
    await until(projection, (p) => p.getSnapshot()?.incidents.get(incident!.id)?.timeline.length === 2);
    expect(projection.getSnapshot()).toEqual(foldEvents(await mine.all()));
  });

  it('refolds when sync brings an event older than what it shows', async () => {
    let clock = 1_000_000_000_000;
    const store = open(`projection-${(n += 1)}`, () => (clock += 10_000));
    const projection = follow(store);
    const [incident] = await store.append([declare('Stores offline')]);
    await store.append([
      { type: 'incident.status-changed', incidentId: incident!.id, actor: 'A', payload: { status: 'monitoring' } },
    ]);
    await until(projection, (p) => p.getSnapshot()?.incidents.get(incident!.id)?.status === 'monitoring');

    // Another laptop changed the status earlier, while offline; its event sorts first.
    const declaredAt = hlcMillis(incident!.hlc);
    const older = sealEvents(
      EMPTY_HEAD,
      [{ type: 'incident.status-changed', incidentId: incident!.id, actor: 'B', payload: { status: 'identified' } }],
      { workspace: DEFAULT_WORKSPACE, deviceId: 'laptop-b', nowMs: declaredAt + 1, newId: () => 'older-1' },
    ).events;
    expect(await store.apply(older)).toEqual({ ok: true, stored: 1 });
    await until(projection, (p) => p.getSnapshot()?.incidents.get(incident!.id)?.timeline.length === 3);
    const state = projection.getSnapshot()!;
    expect(state).toEqual(foldEvents(await store.all()));
    // The later change still wins; the older one sits before it in the timeline.
    expect(state.incidents.get(incident!.id)!.status).toBe('monitoring');
    expect(state.incidents.get(incident!.id)!.timeline.map((entry) => entry.actor)).toEqual(['A', 'B', 'A']);
  });
  describe('between visits', () => {
    /** The page going to the background, as when a window closes or reloads: the projection keeps its state. */
    async function hideAndSave(name: string): Promise<void> {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
      const snapshots = new SnapshotStore(name);
      cleanups.push(() => snapshots.close());
      await vi.waitFor(async () => expect(await snapshots.load(SNAPSHOT_BUILD)).toBeDefined());
    }

    /** A projection on `store` that counts the events it reads. */
    function counted(store: EventStore): { projection: Projection; read: () => number } {
      let read = 0;
      const beyond = store.eventsBeyond.bind(store);
      vi.spyOn(store, 'eventsBeyond').mockImplementation(async (vector, limit) => {
        const events = await beyond(vector, limit);
        read += events.length;
        return events;
      });
      return { projection: follow(store), read: () => read };
    }

    it('starts a reload from the last visit’s state and reads only what was written since', async () => {
      const name = `projection-${(n += 1)}`;
      const first = open(name);
      const projection = follow(first);
      const [incident] = await first.append([declare('Tills frozen')]);
      const notes = Array.from({ length: 300 }, (_, index) => ({
        type: 'incident.note-added' as const,
        incidentId: incident!.id,
        actor: 'A',
        payload: { text: `note ${index}` },
      }));
      await first.append(notes);
      await until(projection, (p) => p.getSnapshot()?.incidents.get(incident!.id)?.timeline.length === 301);
      await hideAndSave(name);
      projection.dispose();

      // The next visit: two more notes were written in between (another window).
      const between = open(name);
      await between.append(notes.slice(0, 2));
      const reload = open(name);
      const { projection: again, read } = counted(reload);
      await until(again, (p) => p.getSnapshot()?.incidents.get(incident!.id)?.timeline.length === 303);
      expect(read()).toBe(2);
      expect(again.getSnapshot()).toEqual(foldEvents(await reload.all()));
    });

    it('folds the whole record when the snapshot does not match it (the record was reset since)', async () => {
      const name = `projection-${(n += 1)}`;
      const first = open(name);
      const projection = follow(first);
      const [incident] = await first.append([declare('Payments down')]);
      await until(projection, (p) => p.getSnapshot()?.incidents.has(incident!.id) === true);
      await hideAndSave(name);
      projection.dispose();
      // Another record under the same name: the snapshot's events are not its events.
      await first.db.delete();
      const fresh = open(name);
      await fresh.append([declare('Something else')]);
      const again = follow(fresh);
      await until(again, (p) => (p.getSnapshot()?.incidents.size ?? 0) > 0);
      expect([...again.getSnapshot()!.incidents.values()].map((each) => each.title)).toEqual(['Something else']);
    });
  });
});
