// Monitors in the fold: their documents (valid or not), and their status
// changes as evidence on the incidents that care.
import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvents, type ChainHead } from '../events/chain';
import type { EventDraft, PayloadOf, WarEvent } from '../events/event';
import { describe as say } from '../monitors/reasons';
import { advanceState, foldEvents } from './incidents';

let counter = 0;
function writer(deviceId: string) {
  let head: ChainHead = EMPTY_HEAD;
  return (drafts: EventDraft[], nowMs: number): WarEvent[] => {
    const sealed = sealEvents(head, drafts, {
      workspace: 'default',
      deviceId,
      nowMs,
      newId: () => `${deviceId}-${(counter += 1)}`,
    });
    head = sealed.head;
    return sealed.events;
  };
}

function change(monitorId: string, status: 'up' | 'down', services: string[]): PayloadOf<'monitor.state-changed'> {
  return {
    monitorId,
    name: `Monitor ${monitorId}`,
    status,
    from: status === 'down' ? 'up' : 'down',
    reason:
      status === 'down'
        ? { key: 'monitors.reason.connectionRefused', values: { host: '127.0.0.1', port: 8443 } }
        : { key: 'monitors.reason.httpOk', values: { status: 200, latency: 12 } },
    latencyMs: status === 'up' ? 12 : undefined,
    services,
    isAlert: status === 'down',
  };
}

describe('monitor evidence', () => {
  it('puts a status change on every open incident listing one of its services, and on no other', () => {
    const laptop = writer('laptop');
    const host = writer('host');
    const [checkout] = laptop(
      [
        {
          type: 'incident.declared',
          actor: 'Alice',
          payload: { title: 'Checkout down', severity: 'SEV1', kind: 'technical-failure', services: ['Payment API'] },
        },
      ],
      1_000,
    );
    const [search] = laptop(
      [
        {
          type: 'incident.declared',
          actor: 'Alice',
          payload: { title: 'Search slow', severity: 'SEV3', kind: 'performance', services: ['search'] },
        },
      ],
      1_100,
    );
    const [closed] = laptop(
      [
        {
          type: 'incident.declared',
          actor: 'Alice',
          payload: {
            title: 'Old payment outage',
            severity: 'SEV2',
            kind: 'technical-failure',
            services: ['payment api'],
          },
        },
      ],
      1_200,
    );
    const closing = laptop(
      [{ type: 'incident.status-changed', incidentId: closed!.id, actor: 'Alice', payload: { status: 'closed' } }],
      1_300,
    );
    // Matched whatever the case and spacing: people type services as they say them.
    const down = host(
      [
        {
          type: 'monitor.state-changed',
          actor: 'monitor@laptop',
          payload: change('payments', 'down', ['payment  api']),
        },
      ],
      2_000,
    );
    const state = foldEvents([checkout!, search!, closed!, ...closing, ...down]);
    const entries = state.incidents.get(checkout!.id)!.timeline.filter((entry) => entry.kind === 'monitor');
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({
      kind: 'monitor',
      action: 'changed',
      monitorId: 'payments',
      status: 'down',
      from: 'up',
    });
    expect(entry?.kind === 'monitor' && say(entry.reason as never)).toBe('connection refused by 127.0.0.1:8443');
    expect(state.incidents.get(search!.id)!.timeline.some((item) => item.kind === 'monitor')).toBe(false);
    expect(state.incidents.get(closed!.id)!.timeline.some((item) => item.kind === 'monitor')).toBe(false);
  });

  it('keeps a linked monitor on the timeline: the link, then its later changes', () => {
    const laptop = writer('laptop');
    const host = writer('host');
    const [declared] = laptop(
      [
        {
          type: 'incident.declared',
          actor: 'Bob',
          payload: { title: 'Stores offline', severity: 'SEV2', kind: 'technical-failure' },
        },
      ],
      1_000,
    );
    const incidentId = declared!.id;
    const { services: _unused, from: _from, isAlert: _alert, ...seen } = change('vpn', 'down', []);
    const linked = laptop([{ type: 'incident.monitor-linked', incidentId, actor: 'Bob', payload: seen }], 2_000);
    const before = foldEvents([declared!, ...linked]);
    expect(before.incidents.get(incidentId)!.monitors.has('vpn')).toBe(true);
    const recovered = host(
      [{ type: 'monitor.state-changed', actor: 'monitor@laptop', payload: change('vpn', 'up', ['VPN']) }],
      3_000,
    );
    const after = advanceState(before, recovered)!;
    const monitorEntries = after.incidents.get(incidentId)!.timeline.filter((entry) => entry.kind === 'monitor');
    expect(monitorEntries.map((entry) => entry.kind === 'monitor' && [entry.action, entry.status])).toEqual([
      ['linked', 'down'],
      ['changed', 'up'],
    ]);
    // The state React held is left alone.
    expect(before.incidents.get(incidentId)!.timeline).toHaveLength(2);
  });

  it('folds monitor documents: the latest body wins, an invalid one is kept with its reason, a delete removes', () => {
    const a = writer('a');
    const put = (docId: string, body: Record<string, unknown>, at: number) =>
      a([{ type: 'doc.put', actor: 'Alice', payload: { collection: 'monitor', docId, body: body as never } }], at);
    const events = [
      ...put('shop', { id: 'shop', name: 'Shop', type: 'tcp', host: 'shop.example', port: 443 }, 1_000),
      ...put('shop', { id: 'shop', name: 'Web shop', type: 'tcp', host: 'shop.example', port: 443 }, 2_000),
      ...put('api', { id: 'api', name: 'API', type: 'http', url: 'https://api.example/?token=abc' }, 2_500),
      ...put('gone', { id: 'gone', name: 'Gone', type: 'ping', host: 'x.example' }, 2_600),
      ...a([{ type: 'doc.delete', actor: 'Alice', payload: { collection: 'monitor', docId: 'gone' } }], 2_700),
    ];
    const { monitors, docs } = foldEvents(events);
    expect([...monitors.byId.keys()].sort()).toEqual(['api', 'shop']);
    expect(monitors.byId.get('shop')?.definition?.name).toBe('Web shop');
    const api = monitors.byId.get('api');
    expect(api?.definition).toBeNull();
    expect(api?.problems[0] && say(api.problems[0].reason)).toMatch(/url holds a credential/);
    // Other collections are not disturbed.
    expect(docs.invalid).toBe(0);
  });
});
