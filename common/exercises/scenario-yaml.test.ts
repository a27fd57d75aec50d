import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/messages';
import { BUILT_IN_SCENARIOS } from './library';
import { scenarioSchema } from './scenario-schema';
import { exportScenarioYaml, parseScenarioYaml } from './scenario-yaml';

const GOOD = `id: checkout-drill
title: Checkout drill
summary: The payment page times out.
objectives:
  - Declare quickly
roles: [commander, communications]
durationMinutes: 60
incident:
  title: Checkout fails
  severity: SEV1
  kind: technical-failure
  services: [checkout]
injects:
  - id: red
    offsetSeconds: 0
    kind: monitor-down
    monitor: Checkout API
    text: The checkout monitor turns red.
  - id: press
    offsetSeconds: 600
    kind: journalist-message
    from: A reporter
    channel: email
    text: Is your shop down?
expected:
  - id: declare
    kind: declare
    targetSeconds: 300
    label: Declare the incident
  - id: tell
    kind: message
    audience: customers
    targetSeconds: 900
    label: { en: Tell customers, fr: Informer les clients }
`;

function refusal(text: string) {
  const result = parseScenarioYaml(text);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe('scenario YAML', () => {
  it('reads a scenario with defaults filled in, and exports what it reads back', () => {
    const result = parseScenarioYaml(GOOD);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.incident.processes).toEqual([]);
    expect(result.scenario.injects[1]).toMatchObject({ kind: 'journalist-message', channel: 'email' });
    expect(parseScenarioYaml(exportScenarioYaml(result.scenario))).toEqual(result);
  });

  it('round-trips every built-in scenario', () => {
    for (const input of BUILT_IN_SCENARIOS) {
      const scenario = scenarioSchema.parse(input);
      const again = parseScenarioYaml(exportScenarioYaml(scenario));
      expect(again, scenario.id).toEqual({ ok: true, scenario });
    }
  });

  it('refuses malformed YAML with its line', () => {
    expect(refusal(GOOD.replace('roles: [commander, communications]', 'roles: [commander'))).toMatchObject({
      code: 'syntax',
      line: 7,
    });
    expect(refusal('- just\n- a list\n')).toMatchObject({ code: 'notScenario', line: 1 });
  });

  it('refuses a wrong type and a missing field with their lines', () => {
    const error = refusal(GOOD.replace('offsetSeconds: 600', 'offsetSeconds: ten minutes'));
    expect(error).toMatchObject({ code: 'type', field: 'injects[1].offsetSeconds', line: 20 });
    expect(error.message).toBe('“injects[1].offsetSeconds” has the wrong type: number expected.');
    expect(refusal(GOOD.replace('    monitor: Checkout API\n', ''))).toMatchObject({
      code: 'required',
      field: 'injects[0].monitor',
      line: 14,
    });
  });

  it('refuses an unknown inject kind and an unknown field with their lines', () => {
    const error = refusal(GOOD.replace('kind: journalist-message', 'kind: carrier-pigeon'));
    expect(error).toMatchObject({ code: 'oneOf', field: 'injects[1].kind', line: 21 });
    expect(error.message).toContain('monitor-down');
    expect(refusal(GOOD.replace('    channel: email\n', '    channel: email\n    urgent: true\n'))).toMatchObject({
      code: 'unknownField',
      field: 'injects[1].urgent',
      line: 24,
    });
  });

  it('refuses duplicate ids, every problem in file order, in both languages', () => {
    const result = parseScenarioYaml(GOOD.replace('id: press', 'id: red').replace('id: tell', 'id: declare'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => [error.code, error.field, error.line])).toEqual([
      ['duplicateInject', 'injects[1].id', 19],
      ['duplicateAction', 'expected[1].id', 30],
    ]);
    expect(result.error.message).toBe('Inject id “red” is used twice.');
    expect(translate('fr', `exercises.yaml.${result.error.code}`, result.error.values)).toBe(
      'L’identifiant d’injection « red » est utilisé deux fois.',
    );
  });

  it('keeps hostile text as plain data', () => {
    const result = parseScenarioYaml(
      GOOD.replace('text: Is your shop down?', `text: "<script>alert(1)</script> \`\`\`"`),
    );
    expect(result.ok && result.scenario.injects[1]?.text).toBe('<script>alert(1)</script> ```');
  });
});
