// A team's record of a drill, sealed and folded as real events are, for the
// scoring and after-action tests: the payment provider scenario played from
// T0, with the customer message deliberately never sent.
import { foldEvents } from '../domain/incidents';
import { EMPTY_HEAD, sealEvents } from '../events/chain';
import type { EventDraft } from '../events/event';
import { BUILT_IN_SCENARIOS } from './library';
import { scenarioSchema } from './scenario-schema';

export const T0 = Date.UTC(2026, 10, 27, 8, 0);
export const HOSTILE = '<script>alert(1)</script> **bold** [x](javascript:1) ```mermaid %%{init:{}}%% | pipe';
const MINUTE = 60_000;

export function paymentScenario() {
  const input = BUILT_IN_SCENARIOS.find((scenario) => scenario.id === 'payment-provider-outage');
  if (!input) throw new Error('the payment scenario is built in');
  return scenarioSchema.parse(input);
}

let counter = 0;
function write(drafts: EventDraft[], deviceId: string, nowMs: number) {
  return sealEvents(EMPTY_HEAD, drafts, {
    workspace: 'exercise',
    deviceId,
    nowMs,
    newId: () => `${deviceId}${(counter += 1)}`,
  }).events;
}

/** Declared at 3 min, commander at 12 min (late), gateway switched at 25 min, mitigated at 50 min; customers never told. */
export function drillRecord(note = 'Switch to the second gateway now') {
  const [declared] = write(
    [
      {
        type: 'incident.declared',
        actor: 'Alice',
        payload: {
          title: 'Card payments declined',
          severity: 'SEV1',
          kind: 'technical-failure',
          services: ['checkout'],
          processes: ['payment'],
        },
      },
    ],
    'a',
    T0 + 3 * MINUTE,
  );
  if (!declared) throw new Error('one event was sealed');
  const incidentId = declared.id;
  const commander = write(
    [
      {
        type: 'incident.role-assigned',
        incidentId,
        actor: 'Alice',
        payload: { role: 'commander', person: { name: 'Bob' } },
      },
    ],
    'b',
    T0 + 12 * MINUTE,
  );
  const runbook = {
    id: 'payment-outage',
    title: 'Payment outage',
    steps: [
      { id: 'confirm', kind: 'manual', title: 'Confirm' },
      { id: 'switch', kind: 'manual', title: 'Switch gateway' },
    ],
  };
  const run = write(
    [
      {
        type: 'runbook.run-started',
        incidentId,
        actor: 'Bob',
        payload: { runId: 'run-1', runbookId: 'payment-outage', version: 0, runbook, exercise: true },
      },
    ],
    'c',
    T0 + 20 * MINUTE,
  );
  const switched = write(
    [
      { type: 'incident.note-added', incidentId, actor: 'Bob', payload: { text: note, kind: 'decision' } },
      {
        type: 'runbook.step-changed',
        incidentId,
        actor: 'Bob',
        payload: { runId: 'run-1', stepId: 'switch', status: 'done' },
      },
      // An internal message does not count for the customers.
      {
        type: 'comms.message-recorded',
        incidentId,
        actor: 'Chloé',
        payload: { messageId: 'm-1', audience: 'internal', channel: 'clipboard', text: 'Switching gateways.' },
      },
    ],
    'd',
    T0 + 25 * MINUTE,
  );
  const mitigated = write(
    [{ type: 'incident.status-changed', incidentId, actor: 'Bob', payload: { status: 'monitoring' } }],
    'e',
    T0 + 50 * MINUTE,
  );
  const state = foldEvents([declared, ...commander, ...run, ...switched, ...mitigated]);
  const incident = state.incidents.get(incidentId);
  if (!incident) throw new Error('the drill incident folds');
  return { state, incident };
}
