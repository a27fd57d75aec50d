import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvents } from '../events/chain';
import type { EventDraft, WarEvent } from '../events/event';
import { encodeHlc } from '../events/hlc';
import { foldEvents } from './incidents';

const T0 = Date.UTC(2026, 11, 7, 9);
let ids = 0;
const seal = (drafts: EventDraft[]) =>
  sealEvents(EMPTY_HEAD, drafts, { workspace: 'default', deviceId: 'd', nowMs: T0, newId: () => `e${(ids += 1)}` })
    .events;

const declare: EventDraft = {
  type: 'incident.declared',
  actor: 'Alice',
  payload: { title: 'Checkout down', severity: 'SEV1', kind: 'performance' },
};

describe('entries to read with care', () => {
  it('flags an entry written before signing, and none of a signed one with a sound clock', () => {
    const [unsigned] = seal([declare]) as [WarEvent];
    const signed = { ...unsigned, id: 'signed', sig: 'ab'.repeat(64) } as WarEvent;
    expect(foldEvents([unsigned]).incidents.get(unsigned.id)?.timeline.at(0)?.caution).toBe('unsigned');
    expect(foldEvents([signed]).incidents.get('signed')?.timeline.at(0)?.caution).toBeUndefined();
  });

  it('flags an entry whose wall time and clock disagree by more than 5 minutes, and shows its wall time', () => {
    const [event] = seal([declare]) as [WarEvent];
    const dragged = {
      ...event,
      sig: 'ab'.repeat(64),
      hlc: encodeHlc({ ms: T0 + 6 * 60_000, counter: 0 }),
    } as WarEvent;
    const entry = foldEvents([dragged]).incidents.get(event.id)?.timeline.at(0);
    expect(entry?.caution).toBe('clock-disputed');
    expect(entry?.at).toBe(T0);
    const within = { ...dragged, hlc: encodeHlc({ ms: T0 + 4 * 60_000, counter: 0 }) } as WarEvent;
    expect(foldEvents([within]).incidents.get(event.id)?.timeline.at(0)?.caution).toBeUndefined();
  });
});
