import { describe, expect, it } from 'vitest';
import { drillRecord, paymentScenario, T0 } from './drill.fixture';
import { realTime, scoreExercise } from './scoring';

const MINUTE = 60_000;

describe('exercise scoring', () => {
  it('scores each expected action met, late or missed, and by how much', () => {
    const { incident } = drillRecord();
    const score = scoreExercise(paymentScenario(), realTime(T0), incident, T0 + 55 * MINUTE);
    const byId = Object.fromEntries(score.actions.map((action) => [action.action.id, action]));
    // Declared at 3 min for a 5-minute target: 2 minutes early.
    expect(byId.declare).toMatchObject({ outcome: 'met', elapsedSeconds: 180, bySeconds: 120 });
    // Commander named at 12 min for 10: 2 minutes late.
    expect(byId.commander).toMatchObject({ outcome: 'late', elapsedSeconds: 720, bySeconds: 120 });
    // Customers never told (an internal message does not count): missed, 40 minutes overdue at 55 min.
    expect(byId['first-customer-message']).toMatchObject({ outcome: 'missed', bySeconds: 40 * 60 });
    expect(byId['first-customer-message']?.at).toBeUndefined();
    expect(byId.switch).toMatchObject({ outcome: 'met', elapsedSeconds: 25 * 60, bySeconds: 5 * 60 });
    // Mitigated at 50 min within the 1-hour RTO of payment.
    expect(byId.restored).toMatchObject({ outcome: 'met', elapsedSeconds: 50 * 60, bySeconds: 10 * 60 });
    expect(score).toMatchObject({ met: 3, late: 1, missed: 1, pending: 0 });
  });

  it('keeps an action open until its target passes, then calls it missed', () => {
    const early = scoreExercise(paymentScenario(), realTime(T0), undefined, T0 + 2 * MINUTE);
    expect(early.actions[0]).toMatchObject({ outcome: 'pending', bySeconds: 180 });
    const late = scoreExercise(paymentScenario(), realTime(T0), undefined, T0 + 2 * 3_600_000);
    expect(late.actions.every((action) => action.outcome === 'missed')).toBe(true);
    expect(late.missed).toBe(5);
  });

  it('matches status, note and message actions from the record', () => {
    const { incident } = drillRecord();
    const score = scoreExercise(
      {
        expected: [
          { id: 'identified', kind: 'status', status: 'identified', targetSeconds: 3_600, label: 'Identify' },
          { id: 'decision', kind: 'note-kind', noteKind: 'decision', targetSeconds: 600, label: 'Decide' },
          { id: 'internal', kind: 'message', audience: 'internal', targetSeconds: 1_800, label: 'Tell staff' },
          { id: 'other-run', kind: 'runbook-started', runbook: 'ddos', targetSeconds: 600, label: 'DDoS' },
        ],
      },
      realTime(T0),
      incident,
      T0 + 55 * MINUTE,
    );
    // Monitoring was reached straight from investigating: identified is implied.
    expect(score.actions.map((action) => [action.outcome, action.elapsedSeconds])).toEqual([
      ['met', 50 * 60],
      ['late', 25 * 60],
      ['met', 25 * 60],
      ['missed', undefined],
    ]);
  });
});
