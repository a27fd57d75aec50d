// Scoring an exercise: each expected action of the scenario against the
// team's record of the incident they played. Pure: the same record, start and
// `now` give the same score, so the facilitator console, the report and a
// replay agree. An action counts from the first time the record shows it.
import { assertNever } from '../assert';
import { restoredAt } from '../continuity/postmortem';
import type { Incident } from '../domain/incidents';
import { INCIDENT_STATUSES } from '../events/event';
import type { ExpectedAction, Scenario } from './scenario-schema';

/**
 * - `met`: done by its target (`bySeconds` ≥ 0: how early);
 * - `late`: done after its target (`bySeconds`: how late);
 * - `missed`: not done and its target has passed, or the exercise ended without it (`bySeconds`: how overdue);
 * - `pending`: not done, its target still ahead and the exercise still on (`bySeconds`: time left).
 */
export type ActionOutcome = 'met' | 'late' | 'missed' | 'pending';

export interface ActionScore {
  readonly action: ExpectedAction;
  readonly outcome: ActionOutcome;
  /** When the record first shows it done. */
  readonly at?: number;
  /** Seconds from the exercise start to `at`. */
  readonly elapsedSeconds?: number;
  readonly bySeconds: number;
}

export interface ExerciseScore {
  readonly actions: readonly ActionScore[];
  readonly met: number;
  readonly late: number;
  readonly missed: number;
  readonly pending: number;
}

/**
 * How a session measures time: where it started, and the exercise time at a
 * wall-clock moment (faster than the wall at ×10, standing still when paused).
 */
export interface ExerciseTiming {
  readonly startedAt: number;
  readonly elapsedMs: (wallMs: number) => number;
  /** The exercise has ended: what was not done by then is missed, whatever its target. */
  readonly isOver?: boolean;
}

/** A drill played in real time, never paused. */
export function realTime(startedAt: number): ExerciseTiming {
  return { startedAt, elapsedMs: (wallMs) => Math.max(0, wallMs - startedAt) };
}

const stage = (status: string) => (INCIDENT_STATUSES as readonly string[]).indexOf(status);

/** The first moment the record shows an action done, if it does. */
export function doneAt(action: ExpectedAction, incident: Incident | undefined): number | undefined {
  if (!incident) return undefined;
  const first = (times: Iterable<number>) => {
    let best: number | undefined;
    for (const time of times) if (best === undefined || time < best) best = time;
    return best;
  };
  const entries = incident.timeline;
  switch (action.kind) {
    case 'declare':
      return incident.declaredAt;
    case 'assign-role':
      return first(
        entries.flatMap((entry) =>
          entry.kind === 'role' && entry.action !== 'released' && entry.role === action.role ? [entry.at] : [],
        ),
      );
    case 'status':
      // Going straight past a status reaches it too: monitoring implies identified.
      return first(
        entries.flatMap((entry) =>
          entry.kind === 'status' && stage(entry.to) >= stage(action.status) ? [entry.at] : [],
        ),
      );
    case 'message':
      // A message the outbox gave up on never reached its audience.
      return first(
        [...incident.messages.values()].flatMap((message) =>
          message.audience === action.audience && message.status !== 'failed' ? [message.recordedAt] : [],
        ),
      );
    case 'runbook-started':
      return first(
        [...incident.runs.values()].flatMap((run) => (run.runbookId === action.runbook ? [run.startedAt] : [])),
      );
    case 'runbook-step-done':
      return first(
        entries.flatMap((entry) =>
          entry.kind === 'runbook' &&
          entry.action === 'step' &&
          entry.stepId === action.step &&
          entry.status === 'done' &&
          incident.runs.get(entry.runId)?.runbookId === action.runbook
            ? [entry.at]
            : [],
        ),
      );
    case 'restored':
      return restoredAt(incident);
    case 'note-kind':
      return first(
        entries.flatMap((entry) => (entry.kind === 'note' && entry.noteKind === action.noteKind ? [entry.at] : [])),
      );
    default:
      return assertNever(action);
  }
}

/** One action's score at `now`, in exercise time. */
export function scoreAction(
  action: ExpectedAction,
  timing: ExerciseTiming,
  incident: Incident | undefined,
  now: number,
): ActionScore {
  const at = doneAt(action, incident);
  if (at === undefined) {
    const left = action.targetSeconds - Math.floor(timing.elapsedMs(now) / 1000);
    if (left >= 0 && !timing.isOver) return { action, outcome: 'pending', bySeconds: left };
    return { action, outcome: 'missed', bySeconds: Math.max(0, -left) };
  }
  // Something done before the clock started (a role kept from the briefing) counts as done at the start.
  const elapsedSeconds = at <= timing.startedAt ? 0 : Math.max(0, Math.round(timing.elapsedMs(at) / 1000));
  const margin = action.targetSeconds - elapsedSeconds;
  return margin >= 0
    ? { action, outcome: 'met', at, elapsedSeconds, bySeconds: margin }
    : { action, outcome: 'late', at, elapsedSeconds, bySeconds: -margin };
}

/** Every expected action of the scenario scored against the incident the team ran (undefined: never declared). */
export function scoreExercise(
  scenario: Pick<Scenario, 'expected'>,
  timing: ExerciseTiming,
  incident: Incident | undefined,
  now: number,
): ExerciseScore {
  const actions = scenario.expected.map((action) => scoreAction(action, timing, incident, now));
  const count = (outcome: ActionOutcome) => actions.filter((score) => score.outcome === outcome).length;
  return { actions, met: count('met'), late: count('late'), missed: count('missed'), pending: count('pending') };
}
