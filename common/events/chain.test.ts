import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, hashEvent, sealEvents, verifyChains, verifyRecord } from './chain';
import { eventSchema, GENESIS_HASH, type EventDraft, type WarEvent } from './event';

let counter = 0;
const context = (deviceId: string, nowMs = 1_700_000_000_000) => ({
  workspace: 'default',
  deviceId,
  nowMs,
  newId: () => `id-${deviceId}-${(counter += 1)}`,
});

const declare: EventDraft = {
  type: 'incident.declared',
  actor: 'Alice',
  payload: { title: 'Checkout down', severity: 'SEV1', kind: 'technical-failure' },
};

function chainOf(deviceId: string, notes: number): WarEvent[] {
  const first = sealEvents(EMPTY_HEAD, [declare], context(deviceId));
  const incidentId = first.events[0]!.id;
  const drafts: EventDraft[] = Array.from({ length: notes }, (_, i) => ({
    type: 'incident.note-added',
    incidentId,
    actor: 'Bob',
    payload: { text: `note ${i}` },
  }));
  return [...first.events, ...sealEvents(first.head, drafts, context(deviceId)).events];
}

describe('hash chain', () => {
  it('numbers a device’s events from 1 and links each to the one before', () => {
    const events = chainOf('laptop-a', 3);
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i += 1) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    expect(events.every((event) => eventSchema.safeParse(event).success)).toBe(true);
  });

  it('makes a declaration the id of its own incident', () => {
    const [declared, note] = chainOf('laptop-a', 1);
    expect(declared!.incidentId).toBe(declared!.id);
    expect(note!.incidentId).toBe(declared!.id);
  });

  it('verifies an intact record from several devices, in any order', () => {
    const events = [...chainOf('laptop-a', 5), ...chainOf('laptop-b', 2)].reverse();
    expect(verifyChains(events)).toEqual([]);
  });

  it('reports an altered event precisely', () => {
    const events = chainOf('laptop-a', 3);
    const forged = events.map((event) =>
      event.seq === 3 && event.type === 'incident.note-added'
        ? { ...event, payload: { text: 'nothing happened' } }
        : event,
    );
    expect(verifyChains(forged)).toEqual([{ kind: 'bad-hash', deviceId: 'laptop-a', seq: 3, eventId: events[2]!.id }]);
  });

  it('reports a dropped event as a gap', () => {
    const events = chainOf('laptop-a', 3).filter((event) => event.seq !== 2);
    expect(verifyChains(events)).toEqual([{ kind: 'gap', deviceId: 'laptop-a', expectedSeq: 2, foundSeq: 3 }]);
  });

  it('reports an event re-sealed onto a different predecessor as a broken link', () => {
    const events = chainOf('laptop-a', 2);
    const body = { ...events[2]!, prevHash: 'f'.repeat(64) };
    const relinked = { ...body, hash: hashEvent(body) } as WarEvent;
    expect(verifyChains([events[0]!, events[1]!, relinked])).toEqual([
      { kind: 'broken-link', deviceId: 'laptop-a', seq: 3, eventId: relinked.id },
    ]);
  });

  it('keeps the clock moving forward across batches even if the wall clock jumps back', () => {
    const first = sealEvents(EMPTY_HEAD, [declare], context('laptop-a', 2_000_000));
    const second = sealEvents(first.head, [declare], context('laptop-a', 1_000_000));
    expect(second.events[0]!.hlc > first.events[0]!.hlc).toBe(true);
  });
});

describe('verifying a hostile record', () => {
  const reseal = (event: Record<string, unknown>) => ({ ...event, hash: hashEvent(event as WarEvent) });

  it('reports how many devices and events were checked, and how far each chain holds', () => {
    const events = [...chainOf('laptop-b', 1), ...chainOf('laptop-a', 2)];
    expect(verifyRecord(events)).toEqual({
      checked: 5,
      devices: [
        { deviceId: 'laptop-a', events: 3, verifiedThrough: 3 },
        { deviceId: 'laptop-b', events: 2, verifiedThrough: 2 },
      ],
      breaks: [],
    });
  });

  it('reports objects that are not events, without throwing', () => {
    const events = chainOf('laptop-a', 1);
    const stored: unknown[] = [null, 42, 'event', [events[0]], ...events, undefined];
    expect(verifyRecord(stored).breaks).toEqual([
      { kind: 'malformed', index: 0, problem: 'not-an-object' },
      { kind: 'malformed', index: 1, problem: 'not-an-object' },
      { kind: 'malformed', index: 2, problem: 'not-an-object' },
      { kind: 'malformed', index: 3, problem: 'not-an-object' },
      { kind: 'malformed', index: 6, problem: 'not-an-object' },
    ]);
    expect(verifyRecord(stored).devices).toEqual([{ deviceId: 'laptop-a', events: 2, verifiedThrough: 2 }]);
  });

  it('names a missing or impossible field, and where the object sits', () => {
    const [first, second, third] = chainOf('laptop-a', 2) as [WarEvent, WarEvent, WarEvent];
    const { deviceId: _deviceId, ...noDevice } = second;
    const { hash: _hash, ...noHash } = third;
    expect(verifyRecord([first, noDevice, { ...third, seq: -1 }]).breaks).toEqual([
      { kind: 'malformed', index: 1, problem: 'missing-field', field: 'deviceId', eventId: second.id },
      { kind: 'malformed', index: 2, problem: 'invalid-field', field: 'seq', deviceId: 'laptop-a', eventId: third.id },
    ]);
    expect(verifyRecord([first, second, noHash]).breaks).toEqual([
      {
        kind: 'malformed',
        index: 2,
        problem: 'missing-field',
        field: 'hash',
        deviceId: 'laptop-a',
        seq: 3,
        eventId: third.id,
      },
    ]);
    expect(verifyRecord([first, second, { ...third, prevHash: 'abc' }]).breaks).toEqual([
      {
        kind: 'malformed',
        index: 2,
        problem: 'invalid-field',
        field: 'prevHash',
        deviceId: 'laptop-a',
        seq: 3,
        eventId: third.id,
      },
    ]);
  });

  it('reports content no event can hold, and content sealed but not an event', () => {
    const [first, second] = chainOf('laptop-a', 1) as [WarEvent, WarEvent];
    const unreadable = { ...second, payload: { text: Number.NaN } };
    expect(verifyRecord([first, unreadable]).breaks).toEqual([
      { kind: 'malformed', index: 1, problem: 'unreadable', deviceId: 'laptop-a', seq: 2, eventId: second.id },
    ]);
    // Correctly sealed, so not altered since: but not an event any replica would have accepted.
    const strange = reseal({ ...second, type: 'incident.exploded', payload: {} });
    expect(verifyRecord([first, strange]).breaks).toEqual([
      {
        kind: 'malformed',
        index: 1,
        problem: 'invalid-content',
        field: 'type',
        deviceId: 'laptop-a',
        seq: 2,
        eventId: second.id,
      },
    ]);
  });

  it('reports an altered payload and stops trusting that device beyond it', () => {
    const events = chainOf('laptop-a', 3);
    const altered = events.map((event) =>
      event.seq === 2 ? { ...event, payload: { text: 'nothing happened' } } : event,
    );
    expect(verifyRecord(altered)).toMatchObject({
      devices: [{ deviceId: 'laptop-a', events: 4, verifiedThrough: 1 }],
      breaks: [{ kind: 'bad-hash', deviceId: 'laptop-a', seq: 2, eventId: events[1]!.id }],
    });
  });

  it('accepts any storage order but not events swapped in the chain', () => {
    const events = chainOf('laptop-a', 3);
    expect(verifyChains([events[2], events[0], events[3], events[1]])).toEqual([]);
    const [a, b, c, d] = events as [WarEvent, WarEvent, WarEvent, WarEvent];
    const swapped = [a, { ...c, seq: 2 }, { ...b, seq: 3 }, d];
    expect(verifyChains(swapped)).toEqual([{ kind: 'bad-hash', deviceId: 'laptop-a', seq: 2, eventId: c.id }]);
    // Even re-sealed after the swap, each now points at the wrong predecessor.
    const resealed = [a, reseal({ ...c, seq: 2 }), reseal({ ...b, seq: 3 }), d];
    expect(verifyChains(resealed)).toEqual([{ kind: 'broken-link', deviceId: 'laptop-a', seq: 2, eventId: c.id }]);
  });

  it('reports a missing first event, and the same position held twice', () => {
    const events = chainOf('laptop-a', 2);
    expect(verifyChains(events.slice(1))).toEqual([{ kind: 'gap', deviceId: 'laptop-a', expectedSeq: 1, foundSeq: 2 }]);
    const twin = { ...events[1]!, id: 'twin' };
    expect(verifyChains([...events, twin])).toEqual([
      { kind: 'duplicate', deviceId: 'laptop-a', seq: 2, eventId: 'twin' },
    ]);
  });

  it('reports events removed from the end of a chain, as the replica’s heads tell', () => {
    const events = chainOf('laptop-a', 3);
    expect(verifyRecord(events, { 'laptop-a': 4 }).breaks).toEqual([]);
    expect(verifyRecord(events.slice(0, 2), { 'laptop-a': 4, 'laptop-b': 2 })).toEqual({
      checked: 2,
      devices: [
        { deviceId: 'laptop-a', events: 2, verifiedThrough: 2 },
        { deviceId: 'laptop-b', events: 0, verifiedThrough: 0 },
      ],
      breaks: [
        { kind: 'truncated', deviceId: 'laptop-a', lastSeq: 2, headSeq: 4 },
        { kind: 'truncated', deviceId: 'laptop-b', lastSeq: 0, headSeq: 2 },
      ],
    });
  });
});
