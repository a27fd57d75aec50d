import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvents } from '../events/chain';
import type { EventDraft } from '../events/event';
import { foldEvents } from '../domain/incidents';
import { searchKnowledge, similarIncidents } from './knowledge';

let counter = 0;
function declare(title: string, services: string[], kind: string, status?: 'resolved'): EventDraft[] {
  const id = `i${(counter += 1)}`;
  return [
    { type: 'incident.declared', actor: 'A', payload: { title, severity: 'SEV2', kind, services } },
    ...(status
      ? [{ type: 'incident.status-changed', incidentId: id, actor: 'A', payload: { status } } as EventDraft]
      : []),
  ];
}

function state() {
  counter = 0;
  // Ids are given in order, so the declaration of each incident gets the id its status change names.
  let n = 0;
  const ids = ['i1', 'x1', 'i2', 'x2', 'i3', 'i4'];
  const drafts = [
    ...declare('Payment gateway timeouts', ['payment', 'psp'], 'technical-failure', 'resolved'),
    ...declare('Slow search pages', ['search'], 'performance', 'resolved'),
    ...declare('Payment errors at checkout', ['payment'], 'technical-failure'),
    {
      type: 'doc.put',
      actor: 'A',
      payload: {
        collection: 'postmortem',
        docId: 'i1',
        body: { wentBadly: 'Failover to the second PSP took an hour' },
      },
    } as EventDraft,
  ];
  const sealed = sealEvents(EMPTY_HEAD, drafts, {
    workspace: 'w',
    deviceId: 'd',
    nowMs: 1_000,
    newId: () => ids[n++] ?? `z${n}`,
  });
  return foldEvents(sealed.events);
}

describe('knowledge base', () => {
  it('finds past incidents by words in their lessons, by service and by type', () => {
    const folded = state();
    expect(
      searchKnowledge(folded, { text: 'failover psp', service: null, kind: null }).map((p) => p.incident.id),
    ).toEqual(['i1']);
    expect(searchKnowledge(folded, { text: '', service: 'Search', kind: null }).map((p) => p.incident.id)).toEqual([
      'i2',
    ]);
    expect(searchKnowledge(folded, { text: '', service: null, kind: 'performance' }).map((p) => p.incident.id)).toEqual(
      ['i2'],
    );
    // An open incident is not yet knowledge.
    expect(searchKnowledge(folded, { text: 'checkout', service: null, kind: null })).toEqual([]);
  });

  it('suggests the past incident sharing a service and title words with a new one', () => {
    const folded = state();
    const current = folded.incidents.get('i3')!;
    expect(similarIncidents(folded, current).map((p) => p.incident.id)).toEqual(['i1']);
  });
});
