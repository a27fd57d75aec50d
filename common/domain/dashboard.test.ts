import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvents, type ChainHead } from '../events/chain';
import type { EventDraft, Severity, WarEvent } from '../events/event';
import { dashboardOf, foldText, searchIncidents } from './dashboard';
import { foldEvents } from './incidents';

const MINUTE = 60_000;
const T0 = 1_700_000_000_000;

/** One device writing drafts at chosen moments. */
function recorder() {
  let head: ChainHead = EMPTY_HEAD;
  let counter = 0;
  const events: WarEvent[] = [];
  const write = (nowMs: number, ...drafts: EventDraft[]): WarEvent[] => {
    const sealed = sealEvents(head, drafts, {
      workspace: 'default',
      deviceId: 'laptop',
      nowMs,
      newId: () => `e${(counter += 1)}`,
    });
    head = sealed.head;
    events.push(...sealed.events);
    return sealed.events;
  };
  const declare = (nowMs: number, title: string, severity: Severity, extra: Partial<EventDraft['payload']> = {}) =>
    write(nowMs, {
      type: 'incident.declared',
      actor: 'Alice',
      payload: { title, severity, kind: 'technical-failure', ...extra },
    } as EventDraft)[0]!.id;
  return { events, write, declare };
}

describe('dashboard', () => {
  it('lists open incidents most severe first, then oldest first, with counts per severity', () => {
    const r = recorder();
    const sev3 = r.declare(T0, 'Search slow', 'SEV3');
    const oldSev2 = r.declare(T0 + MINUTE, 'Card terminals down', 'SEV2');
    const closed = r.declare(T0 + 2 * MINUTE, 'Old outage', 'SEV1');
    const newSev2 = r.declare(T0 + 3 * MINUTE, 'Stores slow', 'SEV2');
    const sev1 = r.declare(T0 + 4 * MINUTE, 'Checkout down', 'SEV1');
    r.write(T0 + 5 * MINUTE, {
      type: 'incident.status-changed',
      incidentId: closed,
      actor: 'Bob',
      payload: { status: 'closed' },
    });

    const view = dashboardOf(foldEvents(r.events), T0 + 6 * MINUTE);
    expect(view.open.map((row) => row.incident.id)).toEqual([sev1, oldSev2, newSev2, sev3]);
    expect(view.closed.map((incident) => incident.id)).toEqual([closed]);
    expect(view.counts).toEqual({ SEV1: 1, SEV2: 2, SEV3: 1, SEV4: 0 });
  });

  it('follows a severity change and a reopening', () => {
    const r = recorder();
    const a = r.declare(T0, 'A', 'SEV3');
    const b = r.declare(T0 + MINUTE, 'B', 'SEV2');
    r.write(T0 + 2 * MINUTE, {
      type: 'incident.severity-changed',
      incidentId: a,
      actor: 'Bob',
      payload: { severity: 'SEV1' },
    });
    r.write(T0 + 3 * MINUTE, {
      type: 'incident.status-changed',
      incidentId: b,
      actor: 'Bob',
      payload: { status: 'closed' },
    });
    r.write(T0 + 4 * MINUTE, {
      type: 'incident.status-changed',
      incidentId: b,
      actor: 'Bob',
      payload: { status: 'investigating' },
    });
    const view = dashboardOf(foldEvents(r.events), T0 + 5 * MINUTE);
    expect(view.open.map((row) => [row.incident.id, row.incident.severity])).toEqual([
      [a, 'SEV1'],
      [b, 'SEV2'],
    ]);
    expect(view.closed).toEqual([]);
  });

  it('tells who commands, which critical roles are empty and when the next update is due', () => {
    const r = recorder();
    const led = r.declare(T0, 'Checkout down', 'SEV1');
    const unled = r.declare(T0, 'Search slow', 'SEV2');
    const quiet = r.declare(T0, 'Typo on the home page', 'SEV4');
    r.write(T0 + MINUTE, {
      type: 'incident.role-assigned',
      incidentId: led,
      actor: 'Alice',
      payload: { role: 'commander', person: { name: 'Camille' } },
    });
    const view = dashboardOf(foldEvents(r.events), T0 + 10 * MINUTE);
    const row = (id: string) => view.open.find((entry) => entry.incident.id === id)!;

    expect(row(led).commander).toEqual({ name: 'Camille' });
    expect(row(led).vacantCritical).toEqual(['communications']);
    expect(row(led).nextUpdate).toMatchObject({ kind: 'due', dueAt: T0 + 5 * MINUTE, isOverdue: true });

    expect(row(unled).commander).toBeUndefined();
    expect(row(unled).vacantCritical).toEqual(['commander', 'communications']);
    expect(row(unled).nextUpdate).toMatchObject({ dueAt: T0 + 15 * MINUTE, remainingMs: 5 * MINUTE, isOverdue: false });

    expect(row(quiet).nextUpdate).toEqual({ kind: 'none' });
  });

  it('takes the communications sent into account', () => {
    const r = recorder();
    const id = r.declare(T0, 'Checkout down', 'SEV1');
    for (const audience of ['status-page', 'internal', 'customers', 'executives', 'partners', 'social'] as const) {
      r.write(T0 + 4 * MINUTE, {
        type: 'comms.message-recorded',
        incidentId: id,
        actor: 'Alice',
        payload: { messageId: `m-${audience}`, audience, channel: 'clipboard', text: 'We are on it.' },
      });
    }
    const view = dashboardOf(foldEvents(r.events), T0 + 10 * MINUTE);
    // The status page and the staff are owed one every 20 minutes on a SEV1: the soonest.
    expect(view.open[0]!.nextUpdate).toMatchObject({ dueAt: T0 + 24 * MINUTE, isOverdue: false });
    expect(view.open[0]!.nextAudience).toBe('status-page');
    expect(view.open[0]!.incident.id).toBe(id);
  });
});

describe('closed incident search', () => {
  const r = recorder();
  r.declare(T0, 'Paiement refusé en magasin', 'SEV2', { services: ['Caisse'], processes: ['Vente en magasin'] });
  r.declare(T0, 'Checkout returns 500', 'SEV1', { services: ['payment-api'], kind: 'security' });
  r.declare(T0, 'Slow search', 'SEV3', { processes: ['Online sales'] });
  const incidents = [...foldEvents(r.events).incidents.values()];
  const titles = (query: string, label?: (kind: string) => string) =>
    searchIncidents(incidents, query, label).map((incident) => incident.title);

  it('ignores case and accents, both ways', () => {
    expect(titles('PAIEMENT REFUSE')).toEqual(['Paiement refusé en magasin']);
    expect(titles('refusé')).toEqual(['Paiement refusé en magasin']);
    expect(foldText('Ÿ ÉLAN Œuvre')).toBe('y elan œuvre');
  });

  it('looks in services, business processes and the type, in the user’s language', () => {
    expect(titles('caisse')).toEqual(['Paiement refusé en magasin']);
    expect(titles('online sales')).toEqual(['Slow search']);
    expect(titles('payment-api')).toEqual(['Checkout returns 500']);
    expect(titles('securite', (kind) => (kind === 'security' ? 'Sécurité' : 'Panne technique'))).toEqual([
      'Checkout returns 500',
    ]);
  });

  it('needs every word and returns everything for an empty query', () => {
    expect(titles('slow checkout')).toEqual([]);
    expect(titles('   ')).toHaveLength(3);
  });
});
