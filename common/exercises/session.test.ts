import { describe, expect, it } from 'vitest';
import { foldEvents } from '../domain/incidents';
import { EMPTY_HEAD, sealEvents } from '../events/chain';
import type { EventDraft, WarEvent } from '../events/event';
import { paymentScenario, T0 } from './drill.fixture';
import {
  activeSession,
  dueInjects,
  elapsedMsAt,
  IGNORED_KEPT,
  nextDueAt,
  pendingInjects,
  sessionTiming,
} from './session';
import { scoreExercise } from './scoring';

const MINUTE = 60_000;
let counter = 0;

/** Events of one device, each sealed at its own wall-clock moment. */
function record(steps: readonly [number, EventDraft][], deviceId = 'facilitator'): WarEvent[] {
  let head = EMPTY_HEAD;
  const events: WarEvent[] = [];
  for (const [at, draft] of steps) {
    const sealed = sealEvents(head, [draft], {
      workspace: 'exercise',
      deviceId,
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
const control = (
  action: 'paused' | 'resumed' | 'ended' | 'speed' | 'live-actions',
  speed?: number,
  allowLiveActions?: boolean,
): EventDraft => ({
  type: 'exercise.controlled',
  actor,
  payload: {
    sessionId: 's1',
    action,
    ...(speed === undefined ? {} : { speed }),
    ...(allowLiveActions === undefined ? {} : { allowLiveActions }),
  },
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

describe('who steers a session', () => {
  /** The facilitator's host starts the session; a teammate's browser writes from its own device. */
  const withIntruder = (steps: readonly [number, EventDraft][]) => {
    const own = record([[T0, started(2)]]);
    return session([...own, ...record(steps, 'teammate-browser')]);
  };

  it('ignores a pause, a change of speed, live actions and an end written by another device than the clock', () => {
    const s = withIntruder([
      [T0 + MINUTE, control('paused')],
      [T0 + 2 * MINUTE, control('speed', 10)],
      [T0 + 3 * MINUTE, control('live-actions', undefined, true)],
      [T0 + 4 * MINUTE, control('ended')],
    ]);
    expect(s.status).toBe('running');
    expect(s.speed).toBe(2);
    expect(s.allowLiveActions).toBe(false);
    expect(s.endedAt).toBeUndefined();
    // Exercise time ran on at ×2 throughout, as if nothing had been written.
    expect(elapsedMsAt(s, T0 + 5 * MINUTE)).toBe(10 * MINUTE);
    expect(activeSession(new Map([['s1', s]]))?.id).toBe('s1');
    // Each attempt stays visible, with who wrote it from which device.
    expect(s.ignoredCount).toBe(4);
    expect(s.ignored.map((ignored) => ignored.action)).toEqual(['paused', 'speed', 'live-actions', 'ended']);
    expect(s.ignored[0]).toMatchObject({ actor, deviceId: 'teammate-browser', at: T0 + MINUTE });
  });

  it("starts no session from a window or a teammate's browser: only a laptop's host runs a session clock", () => {
    const enrol = (kind: 'host' | 'lan'): EventDraft => ({
      type: 'device.enrolled',
      actor,
      payload: { publicKey: 'ab'.repeat(32), person: { name: actor }, kind },
    });
    const forged = record(
      [
        [T0, enrol('lan')],
        [T0 + 1, started(10)],
      ],
      'teammate-browser',
    );
    expect(foldEvents(forged).exercises.size).toBe(0);
    const genuine = record([
      [T0, enrol('host')],
      [T0 + 1, started(10)],
    ]);
    expect(foldEvents(genuine).exercises.get('s1')?.clockDevice).toBe('facilitator');
  });

  it('ignores an inject fired or skipped by another device: it stays pending for the clock', () => {
    const s = withIntruder([
      [T0 + 1_000, inject('psp-down')],
      [T0 + 2_000, inject('support-flood', 'skipped')],
    ]);
    expect(s.fired.size).toBe(0);
    expect(s.skipped.size).toBe(0);
    expect(s.monitors.size).toBe(0);
    expect(pendingInjects(s).map((pending) => pending.id)).toContain('support-flood');
    expect(dueInjects(s, T0 + 1_000).map((due) => due.id)).toEqual(['psp-down']);
    expect(s.ignored.map((ignored) => [ignored.action, ignored.injectId])).toEqual([
      ['fired', 'psp-down'],
      ['skipped', 'support-flood'],
    ]);
  });

  it('still takes every control and inject the clock device writes itself', () => {
    const s = session(
      record([
        [T0, started(2)],
        [T0 + 1_000, inject('psp-down')],
        [T0 + MINUTE, control('paused')],
        [T0 + 2 * MINUTE, control('resumed')],
        [T0 + 2 * MINUTE, control('speed', 5)],
        [T0 + 3 * MINUTE, control('live-actions', undefined, true)],
        [T0 + 4 * MINUTE, inject('support-flood', 'skipped')],
        [T0 + 5 * MINUTE, control('ended')],
      ]),
    );
    expect([...s.fired.keys()]).toEqual(['psp-down']);
    expect([...s.skipped.keys()]).toEqual(['support-flood']);
    expect(s.speed).toBe(5);
    expect(s.allowLiveActions).toBe(true);
    expect(s.status).toBe('ended');
    // ×2 for a minute, paused for one, ×5 for three: 2 + 0 + 15 minutes.
    expect(elapsedMsAt(s, T0 + 10 * MINUTE)).toBe(17 * MINUTE);
    expect(s.ignored).toEqual([]);
    expect(s.ignoredCount).toBe(0);
  });

  it('keeps only the latest ignored attempts, however many arrive, and counts them all', () => {
    const flood = Array.from({ length: IGNORED_KEPT + 5 }, (_, index): [number, EventDraft] => [
      T0 + (index + 1) * 1_000,
      control(index % 2 === 0 ? 'paused' : 'resumed'),
    ]);
    const s = withIntruder(flood);
    expect(s.status).toBe('running');
    expect(s.ignoredCount).toBe(IGNORED_KEPT + 5);
    expect(s.ignored).toHaveLength(IGNORED_KEPT);
    expect(s.ignored.at(-1)?.at).toBe(T0 + (IGNORED_KEPT + 5) * 1_000);
  });
});
