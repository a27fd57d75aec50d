import { describe, expect, it } from 'vitest';
import { seededRandom, shuffle } from '../../test/support/random';
import { EMPTY_HEAD, sealEvents } from '../events/chain';
import type { EventDraft, WarEvent } from '../events/event';
import { foldEvents, listIncidents } from './incidents';

let counter = 0;
function write(head: typeof EMPTY_HEAD, drafts: EventDraft[], deviceId: string, nowMs: number) {
  return sealEvents(head, drafts, { workspace: 'default', deviceId, nowMs, newId: () => `e${(counter += 1)}` });
}

function scenario() {
  const a1 = write(
    EMPTY_HEAD,
    [
      {
        type: 'incident.declared',
        actor: 'Alice',
        payload: { title: 'Payment errors', severity: 'SEV1', kind: 'technical-failure' },
      },
    ],
    'a',
    1_000,
  );
  const incidentId = a1.events[0]!.id;
  const a2 = write(
    a1.head,
    [{ type: 'incident.note-added', incidentId, actor: 'Alice', payload: { text: 'PSP returns 502' } }],
    'a',
    2_000,
  );
  const b1 = write(
    EMPTY_HEAD,
    [{ type: 'incident.note-added', incidentId, actor: 'Bob', payload: { text: 'Rolled back 4.2' } }],
    'b',
    1_500,
  );
  const b2 = write(
    b1.head,
    [
      {
        type: 'incident.declared',
        actor: 'Bob',
        payload: { title: 'Stores offline', severity: 'SEV2', kind: 'performance' },
      },
    ],
    'b',
    3_000,
  );
  return { incidentId, events: [...a1.events, ...a2.events, ...b1.events, ...b2.events] };
}

describe('incident state fold', () => {
  it('builds incidents and their timelines in clock order', () => {
    const { incidentId, events } = scenario();
    const state = foldEvents(events);
    const incident = state.incidents.get(incidentId)!;
    expect(incident).toMatchObject({
      title: 'Payment errors',
      severity: 'SEV1',
      status: 'investigating',
      declaredBy: 'Alice',
    });
    expect(incident.timeline.map((entry) => (entry.kind === 'note' ? entry.text : entry.kind))).toEqual([
      'declared',
      'Rolled back 4.2',
      'PSP returns 502',
    ]);
    expect(listIncidents(state).map((item) => item.title)).toEqual(['Stores offline', 'Payment errors']);
  });

  it('gives the same state whatever order the events arrive in (200 seeded orders)', () => {
    const { events } = scenario();
    const expected = foldEvents(events);
    for (let seed = 1; seed <= 200; seed += 1) {
      const arrived: WarEvent[] = shuffle(events, seededRandom(seed));
      expect(foldEvents(arrived), `seed ${seed}`).toEqual(expected);
    }
  });

  it('counts a note whose incident is not held yet instead of inventing one', () => {
    const { events } = scenario();
    const withoutDeclaration = events.filter((event) => event.type !== 'incident.declared' || event.deviceId !== 'a');
    const state = foldEvents(withoutDeclaration);
    expect(state.incidents.size).toBe(1);
    expect(state.orphans).toBe(2);
  });

  it('keeps a note’s markup as plain text in the state', () => {
    const { incidentId, events } = scenario();
    const last = write(
      EMPTY_HEAD,
      [{ type: 'incident.note-added', incidentId, actor: 'Eve', payload: { text: '<img src=x onerror=alert(1)>' } }],
      'c',
      9_000,
    );
    const timeline = foldEvents([...events, ...last.events]).incidents.get(incidentId)!.timeline;
    expect(timeline.at(-1)).toMatchObject({ kind: 'note', text: '<img src=x onerror=alert(1)>' });
  });
});

describe('single-valued fields (last writer wins)', () => {
  it('keeps concurrent changes in the timeline and lets the later one win, everywhere', () => {
    const { incidentId, events } = scenario();
    // Two laptops change the status "at once": b's clock is one millisecond later.
    const a = write(
      EMPTY_HEAD,
      [{ type: 'incident.status-changed', incidentId, actor: 'Alice', payload: { status: 'monitoring' } }],
      'x-laptop',
      10_000,
    );
    const b = write(
      EMPTY_HEAD,
      [{ type: 'incident.status-changed', incidentId, actor: 'Bruno', payload: { status: 'identified' } }],
      'y-laptop',
      10_001,
    );
    const all = [...events, ...a.events, ...b.events];
    for (let seed = 1; seed <= 50; seed += 1) {
      const incident = foldEvents(shuffle(all, seededRandom(seed))).incidents.get(incidentId)!;
      expect(incident.status, `seed ${seed}`).toBe('identified');
      expect(incident.timeline.filter((entry) => entry.kind === 'status')).toEqual([
        expect.objectContaining({ actor: 'Alice', from: 'investigating', to: 'monitoring' }),
        expect.objectContaining({ actor: 'Bruno', from: 'monitoring', to: 'identified' }),
      ]);
    }
  });

  it('breaks a tie on the clock by device id, the same way on every replica', () => {
    const { incidentId, events } = scenario();
    const a = write(
      EMPTY_HEAD,
      [{ type: 'incident.severity-changed', incidentId, actor: 'A', payload: { severity: 'SEV3' } }],
      'b-device',
      20_000,
    );
    const b = write(
      EMPTY_HEAD,
      [{ type: 'incident.severity-changed', incidentId, actor: 'B', payload: { severity: 'SEV2' } }],
      'a-device',
      20_000,
    );
    expect(foldEvents([...events, ...a.events, ...b.events]).incidents.get(incidentId)!.severity).toBe('SEV3');
    expect(foldEvents([...b.events, ...events, ...a.events]).incidents.get(incidentId)!.severity).toBe('SEV3');
  });
});
