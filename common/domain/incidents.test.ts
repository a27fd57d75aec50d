import { describe, expect, it } from 'vitest';
import { seededRandom, shuffle } from '../../test/support/random';
import { EMPTY_HEAD, sealEvents } from '../events/chain';
import type { EventDraft, PayloadOf, WarEvent } from '../events/event';
import { runbookSchema } from '../runbooks/runbook-schema';
import { advanceState, EMPTY_STATE, foldEvents, listIncidents, type WarRoomState } from './incidents';
import { compareEvents } from './order';

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

describe('key times', () => {
  function lifecycle() {
    const declared = write(
      EMPTY_HEAD,
      [
        {
          type: 'incident.declared',
          actor: 'Alice',
          payload: { title: 'Checkout down', severity: 'SEV1', kind: 'technical-failure' },
        },
      ],
      'a',
      100_000,
    );
    const incidentId = declared.events[0]!.id;
    let head = declared.head;
    const events = [...declared.events];
    const at = (nowMs: number, draft: EventDraft) => {
      const next = write(head, [draft], 'a', nowMs);
      head = next.head;
      events.push(...next.events);
    };
    return { incidentId, events, at };
  }

  it('sets them from the actions: declaration, commander, status moves', () => {
    const { incidentId, events, at } = lifecycle();
    at(160_000, {
      type: 'incident.role-assigned',
      incidentId,
      actor: 'Alice',
      payload: { role: 'commander', person: { name: 'Alice' } },
    });
    at(300_000, { type: 'incident.status-changed', incidentId, actor: 'Alice', payload: { status: 'identified' } });
    at(400_000, { type: 'incident.status-changed', incidentId, actor: 'Alice', payload: { status: 'monitoring' } });
    at(500_000, { type: 'incident.status-changed', incidentId, actor: 'Alice', payload: { status: 'resolved' } });
    at(600_000, { type: 'incident.status-changed', incidentId, actor: 'Alice', payload: { status: 'closed' } });
    const incident = foldEvents(events).incidents.get(incidentId)!;
    expect(incident.keyTimes.auto).toEqual({
      started: 100_000,
      detected: 100_000,
      acknowledged: 160_000,
      mitigated: 400_000,
      resolved: 500_000,
    });
  });

  it('clears mitigated and resolved when the incident relapses, and sets them again later', () => {
    const { incidentId, events, at } = lifecycle();
    at(200_000, { type: 'incident.status-changed', incidentId, actor: 'A', payload: { status: 'resolved' } });
    at(300_000, { type: 'incident.status-changed', incidentId, actor: 'A', payload: { status: 'identified' } });
    expect(foldEvents(events).incidents.get(incidentId)!.keyTimes.auto).toEqual({
      started: 100_000,
      detected: 100_000,
      acknowledged: 200_000,
    });
    at(400_000, { type: 'incident.status-changed', incidentId, actor: 'A', payload: { status: 'resolved' } });
    expect(foldEvents(events).incidents.get(incidentId)!.keyTimes.auto).toMatchObject({
      mitigated: 400_000,
      resolved: 400_000,
    });
  });

  it('records a correction with who and why, wins over the automatic value, and stays in the timeline', () => {
    const { incidentId, events, at } = lifecycle();
    at(200_000, {
      type: 'incident.key-time-corrected',
      incidentId,
      actor: 'Bruno',
      payload: { key: 'detected', at: 40_000, reason: 'The first alert fired at 00:40 in the pager log' },
    });
    at(210_000, {
      type: 'incident.key-time-corrected',
      incidentId,
      actor: 'Chloé',
      payload: { key: 'detected', at: 45_000, reason: 'Alert time in UTC, not local' },
    });
    const incident = foldEvents(events).incidents.get(incidentId)!;
    expect(incident.keyTimes.auto.detected).toBe(100_000);
    expect(incident.keyTimes.corrected.detected).toMatchObject({ at: 45_000, by: 'Chloé' });
    expect(incident.timeline.filter((entry) => entry.kind === 'key-time')).toEqual([
      expect.objectContaining({ actor: 'Bruno', key: 'detected', from: 100_000, to: 40_000 }),
      expect.objectContaining({ actor: 'Chloé', key: 'detected', from: 40_000, to: 45_000 }),
    ]);
  });
});

describe('roles, pins and impact', () => {
  it('tracks holders through assign, handover and release, and tags entries with the author’s roles', () => {
    const { incidentId, events } = scenario();
    const more = write(
      EMPTY_HEAD,
      [
        {
          type: 'incident.role-assigned',
          incidentId,
          actor: 'Alice',
          payload: { role: 'commander', person: { id: 'p-alice', name: 'Alice' } },
        },
        {
          type: 'incident.note-added',
          incidentId,
          actor: 'alice ',
          payload: { text: 'Freeze deploys', kind: 'decision' },
        },
        {
          type: 'incident.role-handed-over',
          incidentId,
          actor: 'Alice',
          payload: {
            role: 'commander',
            to: { name: 'Bruno' },
            briefing: { conditions: 'PSP down', actions: 'Failover started', needs: 'A DBA' },
          },
        },
        {
          type: 'incident.role-released',
          incidentId,
          actor: 'Bruno',
          payload: { role: 'commander', note: 'Stood down' },
        },
      ],
      'c',
      50_000,
    );
    const incident = foldEvents([...events, ...more.events]).incidents.get(incidentId)!;
    expect(incident.roles.size).toBe(0);
    const entries = incident.timeline.slice(-4);
    expect(entries[0]).toMatchObject({ kind: 'role', action: 'assigned', person: { name: 'Alice' } });
    expect(entries[1]).toMatchObject({ kind: 'note', noteKind: 'decision', actorRoles: ['commander'] });
    expect(entries[2]).toMatchObject({
      kind: 'role',
      action: 'handed-over',
      previous: { name: 'Alice' },
      person: { name: 'Bruno' },
      briefing: { needs: 'A DBA' },
    });
    expect(entries[3]).toMatchObject({
      kind: 'role',
      action: 'released',
      previous: { name: 'Bruno' },
      note: 'Stood down',
    });
    // The commander role was first taken at 50 s: that acknowledged the incident.
    expect(incident.keyTimes.auto.acknowledged).toBe(50_000);
  });

  it('pins and unpins entries, last writer wins', () => {
    const { incidentId, events } = scenario();
    const pin = (pinned: boolean, nowMs: number, device: string) =>
      write(
        EMPTY_HEAD,
        [{ type: 'incident.entry-pinned', incidentId, actor: 'A', payload: { eventId: incidentId, pinned } }],
        device,
        nowMs,
      ).events;
    expect(
      foldEvents([...events, ...pin(true, 9_000, 'x')])
        .incidents.get(incidentId)!
        .pinned.has(incidentId),
    ).toBe(true);
    const both = [...events, ...pin(false, 9_500, 'y'), ...pin(true, 9_000, 'x')];
    expect(foldEvents(both).incidents.get(incidentId)!.pinned.has(incidentId)).toBe(false);
  });

  it('updates title, type and impacted services, each field on its own', () => {
    const { incidentId, events } = scenario();
    const more = write(
      EMPTY_HEAD,
      [
        { type: 'incident.updated', incidentId, actor: 'A', payload: { services: ['checkout', 'payments'] } },
        {
          type: 'incident.updated',
          incidentId,
          actor: 'A',
          payload: { processes: ['Online sales'], kind: 'custom-1' },
        },
      ],
      'c',
      9_000,
    );
    const incident = foldEvents([...events, ...more.events]).incidents.get(incidentId)!;
    expect(incident).toMatchObject({
      title: 'Payment errors',
      kind: 'custom-1',
      services: ['checkout', 'payments'],
      processes: ['Online sales'],
    });
    expect(incident.timeline.at(-1)).toMatchObject({ kind: 'updated', changes: { processes: ['Online sales'] } });
  });
});

describe('workspace documents', () => {
  it('keeps the last put of each document, drops deleted ones and counts bodies that do not parse', () => {
    const events = write(
      EMPTY_HEAD,
      [
        { type: 'doc.put', actor: 'A', payload: { collection: 'person', docId: 'p1', body: { name: 'Ana' } } },
        { type: 'doc.put', actor: 'A', payload: { collection: 'person', docId: 'p1', body: { name: 'Ana B.' } } },
        { type: 'doc.put', actor: 'A', payload: { collection: 'person', docId: 'p2', body: { name: 'Bo' } } },
        { type: 'doc.delete', actor: 'A', payload: { collection: 'person', docId: 'p2' } },
        { type: 'doc.put', actor: 'A', payload: { collection: 'person', docId: 'p3', body: { name: '' } } },
        {
          type: 'doc.put',
          actor: 'A',
          payload: { collection: 'role', docId: 'r1', body: { name: 'Legal', isCritical: true } },
        },
        {
          type: 'doc.put',
          actor: 'A',
          payload: { collection: 'severity-definition', docId: 'SEV1', body: { description: 'Shop down' } },
        },
        {
          type: 'doc.put',
          actor: 'A',
          payload: { collection: 'severity-definition', docId: 'SEV9', body: { description: 'Nope' } },
        },
        // A collection from a newer version: carried, not shown, not an error.
        { type: 'doc.put', actor: 'A', payload: { collection: 'monitor', docId: 'm1', body: { url: 'x' } } },
      ],
      'a',
      1_000,
    ).events;
    const { docs } = foldEvents(events);
    expect([...docs.people.values()].map((person) => person.name)).toEqual(['Ana B.']);
    expect(docs.roles.get('r1')).toMatchObject({ name: 'Legal', isCritical: true });
    expect(docs.severityDefinitions.get('SEV1')?.description).toBe('Shop down');
    expect(docs.invalid).toBe(2);
  });
});

describe('incremental fold', () => {
  it('gives the state a full fold gives, whatever the arrival order and batch sizes (300 seeded runs)', () => {
    const { incidentId, events: base } = scenario();
    const extra: WarEvent[] = [];
    for (const [index, device] of ['p', 'q', 'r'].entries()) {
      let head = EMPTY_HEAD;
      for (let i = 0; i < 6; i += 1) {
        const next = write(
          head,
          [
            i % 3 === 0
              ? { type: 'incident.status-changed', incidentId, actor: device, payload: { status: 'identified' } }
              : i % 3 === 1
                ? {
                    type: 'incident.role-assigned',
                    incidentId,
                    actor: device,
                    payload: { role: 'scribe', person: { name: device } },
                  }
                : { type: 'incident.note-added', incidentId, actor: device, payload: { text: `${device}${i}` } },
          ],
          device,
          4_000 + i * 500 + index * 170,
        );
        head = next.head;
        extra.push(...next.events);
      }
    }
    const all = [...base, ...extra];
    const expected = foldEvents(all);
    for (let seed = 1; seed <= 300; seed += 1) {
      const random = seededRandom(seed);
      const arrived = seed % 2 === 0 ? [...all].sort(compareEvents) : shuffle(all, random);
      let state = EMPTY_STATE;
      const held: WarEvent[] = [];
      for (let i = 0; i < arrived.length;) {
        const batch = arrived.slice(i, (i += 1 + Math.floor(random() * 4)));
        held.push(...batch);
        state = advanceState(state, batch) ?? foldEvents(held);
      }
      expect(state, `seed ${seed}`).toEqual(expected);
    }
  });

  it('never changes a state it was given (React keeps the old one until it re-renders)', () => {
    const { incidentId, events } = scenario();
    const before = foldEvents(events);
    const snapshot = structuredClone(before);
    const note = write(
      EMPTY_HEAD,
      [{ type: 'incident.note-added', incidentId, actor: 'Z', payload: { text: 'later' } }],
      'z',
      99_000,
    ).events;
    const after = advanceState(before, note)!;
    expect(after.incidents.get(incidentId)!.timeline).toHaveLength(
      before.incidents.get(incidentId)!.timeline.length + 1,
    );
    expect(before).toEqual(snapshot);
  });
});

/** An incident of `entries` entries (a declaration and notes), and one more note sealed after them. */
function longIncident(entries: number) {
  const declared = write(
    EMPTY_HEAD,
    [
      {
        type: 'incident.declared',
        actor: 'IC',
        payload: { title: 'Black Friday', severity: 'SEV1', kind: 'performance' },
      },
    ],
    'long',
    1_000,
  );
  const incidentId = declared.events[0]!.id;
  const drafts: EventDraft[] = [];
  for (let i = 1; i < entries; i += 1) {
    drafts.push({ type: 'incident.note-added', incidentId, actor: `person ${i % 7}`, payload: { text: `note ${i}` } });
  }
  const notes = write(declared.head, drafts, 'long', 2_000);
  const note = write(
    notes.head,
    [{ type: 'incident.note-added', incidentId, actor: 'IC', payload: { text: 'one more' } }],
    'long',
    3_000,
  );
  return { state: foldEvents([...declared.events, ...notes.events]), incidentId, note: note.events };
}

/**
 * Array items that the built-in copies produce or walk while `run` runs: slice,
 * concat, map and filter count what they return, and spreads, `Array.from` and
 * `for…of` count the array they go through. A structural measure of a fold
 * step, with no clock in it.
 */
function arrayItemsCopiedBy(run: () => void): number {
  let items = 0;
  const proto = Array.prototype;
  const restores = [
    ...(['slice', 'concat', 'map', 'filter'] as const).map((name) =>
      wrap(proto, name, (self, result) => {
        if (Array.isArray(result)) items += result.length;
      }),
    ),
    wrap(proto, Symbol.iterator, (self) => {
      if (Array.isArray(self)) items += self.length;
    }),
  ];
  try {
    run();
  } finally {
    for (const restore of restores) restore();
  }
  return items;
}

function wrap(target: object, key: PropertyKey, count: (self: unknown, result: unknown) => void): () => void {
  const original: unknown = Reflect.get(target, key);
  if (typeof original !== 'function') throw new Error(`${String(key)} is not a method`);
  Reflect.set(target, key, function (this: unknown, ...args: unknown[]) {
    const result: unknown = Reflect.apply(original, this, args);
    count(this, result);
    return result;
  });
  return () => Reflect.set(target, key, original);
}

describe('a new event on a long incident (cost follows what changes, not the history)', () => {
  it('folds one note onto a 100,000-entry incident copying no more array items than onto a 1,000-entry one', () => {
    const copiedOnto = (entries: number) => {
      const { state, incidentId, note } = longIncident(entries);
      let after: WarRoomState | undefined;
      const copied = arrayItemsCopiedBy(() => {
        after = advanceState(state, note);
      });
      const timeline = after?.incidents.get(incidentId)?.timeline;
      expect(timeline?.length).toBe(entries + 1);
      expect(timeline?.at(-1)).toMatchObject({ kind: 'note', text: 'one more' });
      return copied;
    };
    const small = copiedOnto(1_000);
    expect(copiedOnto(100_000)).toBe(small);
    // A handful (the batch of events itself), not a share of the timeline.
    expect(small).toBeLessThan(50);
    // Sealing 100,000 events takes a few seconds on a busy two-core machine.
  }, 60_000);

  it('leaves each earlier snapshot showing what it showed: after a note, a second note from the same snapshot, a contested start', () => {
    const { incidentId, events } = scenario();
    const runbook = JSON.parse(
      JSON.stringify(
        runbookSchema.parse({ id: 'failover', title: 'Fail over', steps: [{ id: 'go', kind: 'manual', title: 'Go' }] }),
      ),
    ) as PayloadOf<'runbook.run-started'>['runbook'];
    const start = (deviceId: string, nowMs: number) =>
      write(
        EMPTY_HEAD,
        [
          {
            type: 'runbook.run-started',
            incidentId,
            actor: deviceId,
            payload: { runId: 'run-1', runbookId: 'failover', version: 0, runbook },
          },
        ],
        deviceId,
        nowMs,
      ).events;
    const note = (deviceId: string, text: string, nowMs: number) =>
      write(
        EMPTY_HEAD,
        [{ type: 'incident.note-added', incidentId, actor: deviceId, payload: { text } }],
        deviceId,
        nowMs,
      ).events;
    const seen = (state: WarRoomState) => [...state.incidents.get(incidentId)!.timeline];

    const [first, firstNote, otherNote, second] = [
      start('s', 10_000),
      note('n', 'first', 11_000),
      note('o', 'other', 12_000),
      start('m', 13_000),
    ];
    const started = foldEvents([...events, ...first]);
    const shown = seen(started);
    const withNote = advanceState(started, firstNote)!;
    const withOtherNote = advanceState(started, otherNote)!;
    const contested = advanceState(withNote, second)!;

    expect(seen(started)).toEqual(shown);
    expect(seen(withNote)).toEqual([...shown, expect.objectContaining({ text: 'first' })]);
    expect(seen(withOtherNote)).toEqual([...shown, expect.objectContaining({ text: 'other' })]);
    expect(seen(contested).map((entry) => (entry.kind === 'runbook' ? [entry.actor, entry.flag] : entry.kind))).toEqual(
      [...shown.slice(0, -1).map((entry) => entry.kind), ['s', 'contested'], 'note', ['m', 'duplicate-start']],
    );
    // The start the later state flags is still unflagged in the states before.
    expect(seen(withNote).at(-2)).toMatchObject({ kind: 'runbook', actor: 's' });
    expect(seen(withNote).at(-2)).not.toHaveProperty('flag');
    expect(seen(started).at(-1)).not.toHaveProperty('flag');
    // Each matches a fold from scratch of the same events.
    expect(withOtherNote).toEqual(foldEvents([...events, ...first, ...otherNote]));
    expect(contested).toEqual(foldEvents([...events, ...first, ...firstNote, ...second]));
  });

  it('copies an incident’s collections only when an event changes them', () => {
    const { incidentId, events } = scenario();
    const state = foldEvents(events);
    const before = state.incidents.get(incidentId)!;
    const after = (draft: EventDraft) =>
      advanceState(state, write(EMPTY_HEAD, [draft], 'z', 20_000).events)!.incidents.get(incidentId)!;
    const noted = after({ type: 'incident.note-added', incidentId, actor: 'Z', payload: { text: 'n' } });
    for (const key of ['roles', 'pinned', 'monitors', 'runs', 'messages', 'keyTimes'] as const) {
      expect(noted[key], key).toBe(before[key]);
    }
    const pinned = after({
      type: 'incident.entry-pinned',
      incidentId,
      actor: 'Z',
      payload: { eventId: incidentId, pinned: true },
    });
    expect([...pinned.pinned]).toEqual([incidentId]);
    expect(before.pinned.size).toBe(0);
    expect(pinned.roles).toBe(before.roles);
  });
});
