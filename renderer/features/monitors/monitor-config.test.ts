// Monitor configuration as the window writes it: a YAML import is all or
// nothing, the editor's form round-trips a definition and points each problem
// at its field, and the service map keeps every monitor whatever its parents.
import { describe, expect, it } from 'vitest';
import { monitorSchema, type MonitorInput } from '../../../common/monitors/monitor-schema';
import { describe as say } from '../../../common/monitors/reasons';
import { checkForm, EMPTY_FORM, fromDefinition, idFromName, toBody } from './monitor-form';
import { planImport } from './monitor-import';
import { layoutServiceMap } from './service-map-layout';

const GOOD = `monitors:
  - id: shop
    name: Web shop
    type: http
    url: https://shop.example/health
  - id: payments
    name: Payments
    type: tcp
    host: 10.0.0.12
    port: 443
    parent: shop
`;

describe('monitor import', () => {
  it('turns a valid file into one put per monitor', () => {
    const plan = planImport(GOOD, 'Alice');
    expect(plan.ok && plan.drafts.map((draft) => draft.type === 'doc.put' && draft.payload.docId)).toEqual([
      'shop',
      'payments',
    ]);
  });

  it('refuses a file with one bad monitor whole: no event at all, the line and the reason', () => {
    const bad = GOOD.replace('port: 443', 'port: https');
    const plan = planImport(bad, 'Alice');
    expect(plan.ok).toBe(false);
    expect('drafts' in plan).toBe(false);
    if (plan.ok) return;
    expect(plan.problems[0]).toMatchObject({ line: 10, field: 'port' });
    expect(say(plan.problems[0]!.reason)).toBe('port must be a number');
  });
});

describe('monitor form', () => {
  it('round-trips a definition, secrets by name, and keeps the options it does not show', () => {
    const definition = monitorSchema.parse({
      id: 'api',
      name: 'Status API',
      type: 'http',
      url: ['https://api.example/status?token=', { secret: 'status-token' }],
      headers: { Authorization: { secret: 'api-key' }, Accept: 'application/json' },
      maintenance: [{ repeat: 'daily', from: '02:00', to: '03:00', timeZone: 'Europe/Paris' }],
      tags: ['checkout'],
    } satisfies MonitorInput);
    const input = fromDefinition(definition);
    expect(input).toMatchObject({
      url: 'https://api.example/status?token=',
      urlSecret: 'status-token',
      headerSecret: 'api-key',
    });
    const checked = checkForm({ ...input, name: 'Status API (EU)' }, definition);
    expect(checked.ok && checked.definition).toMatchObject({
      name: 'Status API (EU)',
      url: ['https://api.example/status?token=', { secret: 'status-token' }],
      headers: { Accept: 'application/json', Authorization: { secret: 'api-key' } },
      maintenance: [{ repeat: 'daily', from: '02:00' }],
      tags: ['checkout'],
    });
  });

  it('names every bad field at once, in the words of a YAML import', () => {
    const checked = checkForm({ ...EMPTY_FORM, type: 'tcp', name: 'DB', id: 'Bad Id', port: 'x', interval: '0' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual(['host', 'id', 'interval', 'port']);
    expect(say(checked.errors.port!.reason)).toBe('port must be a number');
    expect(say(checked.errors.interval!.reason)).toBe('interval must be at least 1');
    expect(toBody({ ...EMPTY_FORM, name: 'X', id: 'x', interval: '' })).not.toHaveProperty('interval');
    expect(idFromName('Caisse  Élysée (Paris)')).toBe('caisse-elysee-paris');
  });
});

describe('service map layout', () => {
  it('puts children right of their parent and never loses a monitor to a cycle or a missing parent', () => {
    const placed = layoutServiceMap([
      { id: 'db' },
      { id: 'api', parent: 'db' },
      { id: 'shop', parent: 'api' },
      { id: 'orphan', parent: 'deleted' },
      { id: 'a', parent: 'b' },
      { id: 'b', parent: 'a' },
    ]);
    expect(placed.map((place) => [place.id, place.column])).toEqual([
      ['db', 0],
      ['api', 1],
      ['shop', 2],
      ['orphan', 0],
      ['a', 0],
      ['b', 0],
    ]);
  });
});
