import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, hashEvent, sealEvents, verifyChains } from './chain';
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
