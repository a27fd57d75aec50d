// The host's reading of its record keeps no copy of the events: new events are
// folded on, and one that sorts before what it folded (sync brought an older
// one) is folded again from the last checkpoint before it, reading the record in
// its order from there. Whatever the order events arrive in, the view's state
// is the fold of the whole record.
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../../common/domain/incidents';
import type { EventDraft, WarEvent } from '../../common/events/event';
import { MemoryEventLog } from '../../common/sync/memory-log';
import { seededRandom } from '../../test/support/random';
import { systemClock } from '../services/clock';
import { HostEvents } from './bridge-router';
import { RecordView } from './record-view';

const WS = 'default';
const T0 = Date.UTC(2026, 0, 1);

/** The incident the host declares first: an incident's id is its declaration's. */
const INCIDENT = 'host-1';
const note = (text: string): EventDraft => ({
  type: 'incident.note-added',
  incidentId: INCIDENT,
  actor: 'Alice',
  payload: { text },
});
const declare: EventDraft = {
  type: 'incident.declared',
  actor: 'Alice',
  payload: { title: 'Checkout down', severity: 'SEV1', kind: 'technical-failure' },
};

/** A view of `log`, and how many events it read in the record's order (what a refold costs). */
function viewOf(log: MemoryEventLog, checkpointEvery?: number): { view: RecordView; reread: () => number } {
  let reread = 0;
  const counted = Object.assign(Object.create(log) as MemoryEventLog, {
    eventsAfter: async (...args: Parameters<MemoryEventLog['eventsAfter']>) => {
      const events = await log.eventsAfter(...args);
      reread += events.length;
      return events;
    },
  });
  const view = new RecordView({
    log: async () => counted,
    events: new HostEvents(),
    clock: systemClock,
    ...(checkpointEvery ? { checkpointEvery } : {}),
  });
  return { view, reread: () => reread };
}

/** A peer's events, written on its own device: the host takes them by sync, in batches, later. */
function peerEvents(deviceId: string, count: number, from: number): WarEvent[] {
  const peer = new MemoryEventLog(
    WS,
    deviceId,
    (() => {
      let id = 0;
      return () => `${deviceId}-${(id += 1)}`;
    })(),
  );
  const events: WarEvent[] = [];
  for (let index = 0; index < count; index += 1)
    events.push(...peer.write([note(`${deviceId} ${index}`)], from + index));
  return events;
}

describe('the host’s record view', () => {
  it('folds an older event from a checkpoint, not from the start, and agrees with a fold of the whole record', async () => {
    let ids = 0;
    const host = new MemoryEventLog(WS, 'host', () => `host-${(ids += 1)}`);
    host.write([declare], T0);
    // 25,000 of the host's own notes, one a second: past two checkpoints.
    for (let index = 0; index < 25_000; index += 1) host.write([note(`host ${index}`)], T0 + 1_000 + index * 1_000);
    const { view, reread } = viewOf(host);
    await view.current();
    expect(view.refolds).toBe(0);
    expect(reread()).toBe(0);

    // A laptop that was offline brings 50 notes written near the end: older than the host's last.
    const late = peerEvents('offline-laptop', 50, T0 + 24_000 * 1_000);
    expect(await host.apply(late)).toMatchObject({ ok: true, stored: 50 });
    const state = await view.current();
    expect(view.refolds).toBe(1);
    // From the checkpoint at 20,000 events: the rest of the record, not all 25,051 events.
    expect(reread()).toBeGreaterThan(5_000);
    expect(reread()).toBeLessThan(6_000);
    expect(state).toEqual(foldEvents(host.all()));
    // The declaration's entry, the host's notes and the late laptop's.
    expect(state.incidents.get(INCIDENT)?.timeline.length).toBe(1 + 25_000 + 50);
  });

  it('reaches the fold of the whole record whatever the order batches arrive in (seeded)', async () => {
    for (const seed of [1, 2, 3]) {
      const random = seededRandom(seed);
      let ids = 0;
      const host = new MemoryEventLog(WS, 'host', () => `host-${(ids += 1)}`);
      host.write([declare], T0);
      const { view } = viewOf(host, 500);
      const peers = ['a', 'b', 'c'].map((name) =>
        peerEvents(`laptop-${name}`, 1_500, T0 + Math.floor(random() * 20_000)),
      );
      const sent = peers.map(() => 0);
      let now = T0 + 30_000;
      while (sent.some((count, index) => count < (peers[index]?.length ?? 0))) {
        const index = Math.floor(random() * peers.length);
        const events = peers[index] ?? [];
        const take = 1 + Math.floor(random() * 600);
        const batch = events.slice(sent[index], (sent[index] ?? 0) + take);
        sent[index] = (sent[index] ?? 0) + batch.length;
        if (batch.length > 0) expect(await host.apply(batch)).toMatchObject({ ok: true });
        if (random() < 0.5) host.write([note(`host at ${now}`)], (now += 1_000));
        if (random() < 0.7) await view.current();
      }
      expect(await view.current()).toEqual(foldEvents(host.all()));
      expect(view.refolds).toBeGreaterThan(0);
    }
  }, 60_000);
});
