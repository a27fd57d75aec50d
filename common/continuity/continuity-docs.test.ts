import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvents } from '../events/chain';
import type { EventDraft } from '../events/event';
import { foldEvents } from '../domain/incidents';
import { crossingProcessName, processCatalog } from './process-catalog';

function fold(drafts: EventDraft[]) {
  let n = 0;
  return foldEvents(
    sealEvents(EMPTY_HEAD, drafts, { workspace: 'w', deviceId: 'd', nowMs: 1_000, newId: () => `e${(n += 1)}` }).events,
  );
}

const put = (collection: string, docId: string, body: Record<string, unknown>): EventDraft =>
  ({ type: 'doc.put', actor: 'A', payload: { collection, docId, body } }) as EventDraft;

describe('continuity documents', () => {
  it('replaces a built-in process in place with a workspace copy, and lists new ones after', () => {
    const state = fold([
      put('business-process', 'payment', {
        id: 'payment',
        name: 'Payment',
        rtoMinutes: 90,
        rpoMinutes: 30,
        costPerDay: 1,
      }),
      put('business-process', 'stores', { id: 'stores', name: 'Stores', rtoMinutes: 30, rpoMinutes: 0, costPerDay: 2 }),
    ]);
    const catalog = processCatalog(state.continuity);
    expect(catalog.map((entry) => [entry.process.id, entry.source])).toEqual([
      ['online-sales', 'built-in'],
      ['order-management', 'built-in'],
      ['payment', 'workspace'],
      ['shipping', 'built-in'],
      ['customer-service', 'built-in'],
      ['stores', 'workspace'],
    ]);
    expect(catalog[2]?.process.rtoMinutes).toBe(90);
  });

  it('keeps out of the state a body it cannot read or whose id disagrees with its document', () => {
    const state = fold([
      put('business-process', 'a', { id: 'b', name: 'A', rtoMinutes: 1, rpoMinutes: 1, costPerDay: 1 }),
      put('risk', 'r1', { title: 'Flood', family: 'weather', likelihood: 2, impact: 3 }),
      put('action-item', 'x', { incidentId: 'i', title: 'Fix', owner: 'Ana', due: '2026-02-30x' }),
      put('risk', 'r2', { title: 'Flood', family: 'environmental', likelihood: 2, impact: 3 }),
    ]);
    expect(state.continuity.invalid).toBe(3);
    expect([...state.continuity.risks.keys()]).toEqual(['r2']);
    expect(state.continuity.processes.size).toBe(0);
  });

  it('deletes a document, last writer wins', () => {
    const state = fold([
      put('risk', 'r1', { title: 'Flood', family: 'environmental', likelihood: 2, impact: 3 }),
      { type: 'doc.delete', actor: 'B', payload: { collection: 'risk', docId: 'r1' } },
    ]);
    expect(state.continuity.risks.size).toBe(0);
  });
});

describe('crossing names', () => {
  it('show a built-in process in the reader’s language, any other as recorded', () => {
    expect(crossingProcessName('payment', 'Payment', 'fr')).toBe('Paiement');
    expect(crossingProcessName('payment', 'Cartes bancaires', 'en')).toBe('Cartes bancaires');
    expect(crossingProcessName('stores', '<b>Stores</b>', 'fr')).toBe('<b>Stores</b>');
  });
});
