import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROCESS_LIST } from '../continuity/process-catalog';
import { processSchema } from '../continuity/process-schema';
import { riskSchema } from '../continuity/records-schema';
import { localText } from '../runbooks/runbook-schema';
import { scenarioFromRisk } from './from-risk';
import { exportScenarioYaml, parseScenarioYaml } from './scenario-yaml';

const catalog = [
  ...BUILT_IN_PROCESS_LIST.filter((process) => process.id !== 'payment'),
  processSchema.parse({
    id: 'payment',
    name: { en: 'Payment', fr: 'Paiement' },
    rtoMinutes: 60,
    rpoMinutes: 5,
    costPerDay: 75_000,
    currency: 'EUR',
    services: ['payments', 'checkout'],
    monitors: ['PSP gateway', 'Checkout API'],
  }),
];

describe('a risk turned into an exercise scenario', () => {
  it('plays the threatened processes going down and expects a restore within the tightest RTO', () => {
    const risk = riskSchema.parse({
      title: 'Payment provider outage',
      family: 'technological',
      likelihood: 3,
      impact: 5,
      mitigations: 'Switch to the backup gateway',
      processes: ['online-sales', 'payment', 'not-in-the-catalogue'],
    });
    const scenario = scenarioFromRisk('psp-outage', risk, catalog);
    expect(scenario.id).toBe('risk-psp-outage');
    expect(scenario.incident).toMatchObject({
      title: 'Payment provider outage',
      severity: 'SEV1',
      kind: 'technical-failure',
      processes: ['online-sales', 'payment'],
    });
    expect(scenario.incident.services).toEqual(expect.arrayContaining(['payments', 'checkout']));
    expect(scenario.injects.filter((inject) => inject.kind === 'monitor-down').map((inject) => inject.monitor)).toEqual(
      ['PSP gateway', 'Checkout API'],
    );
    const complication = scenario.injects.find((inject) => inject.id === 'complication');
    expect(localText(complication!.text, 'en')).toContain('Switch to the backup gateway');
    // Payment's RTO (1 h) is tighter than online sales' (2 h).
    expect(scenario.expected.find((action) => action.kind === 'restored')).toMatchObject({
      targetSeconds: 3_600,
      process: 'payment',
    });
    expect(scenario.expected.find((action) => action.kind === 'message')).toMatchObject({
      audience: 'customers',
      targetSeconds: 900,
    });
    expect(localText(scenario.title, 'fr')).toBe('Exercice : Payment provider outage');
    expect(localText(scenario.objectives[1]!, 'fr')).toBe('Rétablir Paiement dans son RTO de 60 minutes.');
  });

  it('asks about the regulator for a regulatory risk, even with no process', () => {
    const risk = riskSchema.parse({ title: 'Customer data exposed', family: 'regulatory', likelihood: 2, impact: 3 });
    const scenario = scenarioFromRisk('data', risk, catalog);
    expect(scenario.incident).toMatchObject({ severity: 'SEV3', kind: 'security', processes: [] });
    expect(scenario.injects.some((inject) => inject.kind === 'question' && inject.to === 'security')).toBe(true);
    expect(scenario.expected.find((action) => action.id === 'regulator')).toMatchObject({
      kind: 'message',
      audience: 'regulator',
      targetSeconds: 72 * 3_600,
    });
    expect(
      scenario.expected.find((action) => action.kind === 'message' && action.id === 'first-message'),
    ).toMatchObject({ audience: 'internal', targetSeconds: 1_800 });
    expect(localText(scenario.summary, 'fr')).toContain('aucun processus consigné');
  });

  it('survives hostile and long text, and exports as a scenario file that imports back', () => {
    const hostile = `<script>alert(1)</script> "]; %%{init:{}}%% ${'x'.repeat(180)}`.slice(0, 200);
    const risk = riskSchema.parse({
      title: hostile,
      family: 'operational',
      likelihood: 5,
      impact: 1,
      mitigations: 'key: value\n- not a list\n"quotes"',
      processes: ['payment'],
    });
    const scenario = scenarioFromRisk('Risque n°1 — été', risk, catalog);
    expect(scenario.id).toBe('risk-risque-n-1-ete');
    expect(localText(scenario.title, 'en').length).toBeLessThanOrEqual(200);
    const imported = parseScenarioYaml(exportScenarioYaml(scenario));
    expect(imported.ok && imported.scenario).toEqual(scenario);
    expect(scenario.incident.title).toBe(hostile);
  });
});
