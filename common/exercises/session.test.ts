import { describe, expect, it } from 'vitest';
import { foldEvents } from '../domain/incidents';
import { EMPTY_HEAD, sealEvents } from '../events/chain';
import type { EventDraft, WarEvent } from '../events/event';
import { paymentScenario, T0 } from './drill.fixture';
import { activeSession, dueInjects, elapsedMsAt, nextDueAt, pendingInjects, sessionTiming } from './session';
import { scoreExercise } from './scoring';

const MINUTE = 60_000;
let counter = 0;

/** Events of one device, each sealed at its own wall-clock moment. */
function record(steps: readonly [number, EventDraft][]): WarEvent[] {
  let head = EMPTY_HEAD;
  const events: WarEvent[] = [];
  for (const [at, draft] of steps) {
    const sealed = sealEvents(head, [draft], {
      workspace: 'exercise',
      deviceId: 'facilitator',
      nowMs: at,
      newId: () => `e${(counter += 1)}`,
    });
    head = sealed.head;
    events.push(...sealed.events);
  }
  return events;
}

const actor = 'Fatima';
const started = (speed: number): EventDraft => ({
  type: 'exercise.started',
  actor,
  payload: { sessionId: 's1', scenario: paymentScenario(), speed, allowLiveActions: false },
});
const control = (action: 'paused' | 'resumed' | 'ended', speed?: number): EventDraft => ({
  type: 'exercise.controlled',
  actor,
  payload: { sessionId: 's1', action, ...(speed === undefined ? {} : { speed }) },
});
const inject = (injectId: string, action: 'fired' | 'skipped' = 'fired'): EventDraft => ({
  type: 'exercise.inject',
  actor,
  payload: { sessionId: 's1', injectId, action, by: 'clock' },
});

function session(events: WarEvent[]) {
  const found = foldEvents(events).exercises.get('s1');
  if (!found) throw new Error('the session folds');
  return found;
}

describe('exercise session', () => {
  it('runs exercise time at its speed and stands still while paused', () => {
    const s = session(
      record([
        [T0, started(10)],
        [T0 + MINUTE, control('paused')],
        [T0 + 3 * MINUTE, control('resumed')],
      ]),
    );
    expect(elapsedMsAt(s, T0 + 30_000)).toBe(5 * MINUTE);
    expect(elapsedMsAt(s, T0 + 2 * MINUTE)).toBe(10 * MINUTE);
    // Resumed at ten minutes of exercise time; thirty wall seconds later it is fifteen.
    expect(elapsedMsAt(s, T0 + 3 * MINUTE + 30_000)).toBe(15 * MINUTE);
    expect(s.status).toBe('running');
  });

  it('says which injects are due and when the next one falls due', () => {
    const s = session(record([[T0, started(10)]]));
    // psp-down at 0, support-flood at 5 min: due at 30 wall seconds at ×10.
    expect(dueInjects(s, T0 + 1_000).map((due) => due.id)).toEqual(['psp-down']);
    expect(nextDueAt(s)).toBe(T0);
    const after = session(
      record([
        [T0, started(10)],
        [T0 + 1_000, inject('psp-down')],
      ]),
    );
    expect(nextDueAt(after)).toBe(T0 + 30_000);
    expect(dueInjects(after, T0 + 29_000)).toEqual([]);
    expect(dueInjects(after, T0 + 30_000).map((due) => due.id)).toEqual(['support-flood']);
  });

  it('keeps the first word on an inject and the state of scripted monitors', () => {
    const s = session(
      record([
        [T0, started(1)],
        [T0 + 1_000, inject('psp-down')],
        [T0 + 2_000, inject('psp-down')],
        [T0 + 3_000, inject('support-flood', 'skipped')],
        [T0 + 4_000, inject('support-flood')],
        [T0 + 5_000, inject('no-such-inject')],
      ]),
    );
    expect([...s.fired.keys()]).toEqual(['psp-down']);
    expect(s.fired.get('psp-down')?.at).toBe(T0 + 1_000);
    expect([...s.skipped.keys()]).toEqual(['support-flood']);
    expect(pendingInjects(s).map((pending) => pending.id)).not.toContain('support-flood');
    expect([...s.monitors.values()].map((monitor) => monitor.status)).toEqual(['down']);
  });

  it('stops the clock at the end and ignores injects after it, but not notes', () => {
    const s = session(
      record([
        [T0, started(2)],
        [T0 + MINUTE, control('ended')],
        [T0 + 2 * MINUTE, inject('psp-down')],
        [
          T0 + 3 * MINUTE,
          { type: 'exercise.observer-note', actor: 'Obs', payload: { sessionId: 's1', text: '<b>late</b>' } },
        ],
      ]),
    );
    expect(s.status).toBe('ended');
    expect(s.fired.size).toBe(0);
    expect(elapsedMsAt(s, T0 + 10 * MINUTE)).toBe(2 * MINUTE);
    expect(s.observerNotes.map((note) => note.text)).toEqual(['<b>late</b>']);
    expect(activeSession(new Map([['s1', s]]))).toBeUndefined();
  });

  it('scores in exercise time: a declaration 40 wall seconds in at ×10 is 6 min 40 s, late for a 5 min target', () => {
    const events = record([
      [T0, started(10)],
      [
        T0 + 40_000,
        {
          type: 'incident.declared',
          actor: 'Alice',
          payload: { title: 'Card payments declined', severity: 'SEV1', kind: 'technical-failure' },
        },
      ],
    ]);
    const state = foldEvents(events);
    const s = session(events);
    const incident = [...state.incidents.values()][0];
    const score = scoreExercise(s.scenario ?? { expected: [] }, sessionTiming(s), incident, T0 + 40_000);
    const declare = score.actions.find((action) => action.action.kind === 'declare');
    expect(declare).toMatchObject({ outcome: 'late', elapsedSeconds: 400, bySeconds: 100 });
  });

  it('scores as missed what was not done when the exercise ended, even before its target', () => {
    const events = record([
      [T0, started(10)],
      [T0 + 20_000, control('ended')],
    ]);
    const s = session(events);
    const score = scoreExercise(s.scenario ?? { expected: [] }, sessionTiming(s), undefined, T0 + 3_600_000);
    // Ended 200 exercise seconds in: the 5-minute declaration was never made, 100 s before its target.
    expect(score.actions.find((action) => action.action.kind === 'declare')).toMatchObject({
      outcome: 'missed',
      bySeconds: 0,
    });
    expect(score.pending).toBe(0);
    expect(score.missed).toBe(score.actions.length);
  });

  it('keeps a session whose scenario does not read, without a scenario', () => {
    const events = record([
      [
        T0,
        {
          type: 'exercise.started',
          actor,
          payload: { sessionId: 's1', scenario: { id: 'NOT VALID' }, speed: 1, allowLiveActions: false },
        },
      ],
    ]);
    const s = session(events);
    expect(s.scenario).toBeNull();
    expect(pendingInjects(s)).toEqual([]);
  });
});
