// Imported scenarios as workspace documents, folded through the one fold.
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../domain/incidents';
import { EMPTY_HEAD, sealEvents } from '../events/chain';
import type { EventDraft, WarEvent } from '../events/event';
import { paymentScenario, T0 } from './drill.fixture';
import { SCENARIO_COLLECTION } from './scenario-docs';

let counter = 0;

function record(drafts: readonly EventDraft[]): WarEvent[] {
  return sealEvents(EMPTY_HEAD, drafts, {
    workspace: 'exercise',
    deviceId: 'facilitator',
    nowMs: T0,
    newId: () => `e${(counter += 1)}`,
  }).events;
}

const put = (docId: string, body: unknown, actor = 'Fatima'): EventDraft => ({
  type: 'doc.put',
  actor,
  payload: { collection: SCENARIO_COLLECTION, docId, body: JSON.parse(JSON.stringify(body)) as never },
});

describe('imported scenarios', () => {
  it('keeps the latest put of each scenario, with who wrote it, and forgets a deleted one', () => {
    const first = paymentScenario();
    const revised = { ...first, durationMinutes: first.durationMinutes + 15 };
    const scenarios = foldEvents(record([put(first.id, first), put(first.id, revised, 'Luc')])).scenarios;
    expect([...scenarios.keys()]).toEqual([first.id]);
    expect(scenarios.get(first.id)?.scenario.durationMinutes).toBe(revised.durationMinutes);
    expect(scenarios.get(first.id)?.updatedBy).toBe('Luc');

    const deleted = foldEvents(
      record([
        put(first.id, first),
        { type: 'doc.delete', actor: 'Luc', payload: { collection: SCENARIO_COLLECTION, docId: first.id } },
      ]),
    ).scenarios;
    expect(deleted.size).toBe(0);
  });

  it('leaves out a body it cannot read, or one filed under another id, and keeps the good one', () => {
    const good = paymentScenario();
    const scenarios = foldEvents(
      record([put(good.id, good), put('broken', { ...good, id: 'broken', injects: [] }), put('elsewhere', good)]),
    ).scenarios;
    expect([...scenarios.keys()]).toEqual([good.id]);
  });

  it('does not take other collections for scenarios', () => {
    const good = paymentScenario();
    const events = record([
      {
        type: 'doc.put',
        actor: 'Fatima',
        payload: { collection: 'runbook', docId: good.id, body: JSON.parse(JSON.stringify(good)) as never },
      },
    ]);
    expect(foldEvents(events).scenarios.size).toBe(0);
  });
});
