// What the host checks, against its own copy of the record, before it acts on
// a window's request to run a step. A window asks; the record decides: the step
// must be one of the run's own snapshot, unchanged from what the person
// confirmed, approved by a second person when it needs it, and a dry run
// whenever the run is an exercise without live actions, or belongs to the
// exercise workspace while the session does not allow them.
import { canonicalJson } from '../events/canonical';
import type { WarRoomState } from '../domain/incidents';
import { DEFAULT_WORKSPACE, EXERCISE_WORKSPACE } from '../events/event';
import { activeSession } from '../exercises/session';
import { effectiveStatuses, isDryRun } from './run-state';
import type { StepStatus } from './run-payloads';
import type { CommandSpec, HttpSpec, RunbookStep, WaitSpec } from './runbook-schema';

export type StepAction =
  | { readonly kind: 'command'; readonly command: CommandSpec }
  | { readonly kind: 'http'; readonly http: HttpSpec }
  | { readonly kind: 'wait'; readonly wait: WaitSpec };

export interface StepRequest {
  readonly incidentId: string;
  readonly runId: string;
  readonly stepId: string;
  readonly actor: string;
  readonly dryRun: boolean;
  readonly action: StepAction;
}

/** Why a host refuses to act; each has a sentence in the runbooks catalogue. */
export const REFUSALS = [
  'unknown-incident',
  'unknown-run',
  'unreadable-run',
  'unknown-step',
  'not-acting',
  'changed',
  'not-approved',
  'finished',
  'running',
  'live-in-exercise',
  /** The host has not received the window's latest changes (its run, its approval) in time. */
  'behind',
] as const;
export type Refusal = (typeof REFUSALS)[number];

export type Authority =
  { readonly ok: true; readonly dryRun: boolean } | { readonly ok: false; readonly refusal: Refusal };

/** Statuses from which a step may be run; a finished one is reopened first, as the checklist does. */
const RUNNABLE: ReadonlySet<StepStatus> = new Set(['pending', 'approved', 'awaiting-approval']);

/** The action a step of the record defines, in the shape a request carries. */
export function actionOf(step: RunbookStep): StepAction | undefined {
  switch (step.kind) {
    case 'command':
      return { kind: 'command', command: step.command };
    case 'http':
      return { kind: 'http', http: step.http };
    case 'wait-monitor':
      return { kind: 'wait', wait: { monitor: step.monitor, until: step.until, timeoutSeconds: step.timeoutSeconds } };
    default:
      return undefined;
  }
}

/**
 * Decides a request against the record. A dry run is always allowed where a
 * live one would be; a live run of an exercise without live actions is refused
 * rather than silently turned into a dry run, so the window never shows one
 * thing and records another.
 */
export function authoriseStep(
  state: WarRoomState,
  request: StepRequest,
  workspace: string = DEFAULT_WORKSPACE,
): Authority {
  const incident = state.incidents.get(request.incidentId);
  if (!incident) return { ok: false, refusal: 'unknown-incident' };
  const run = incident.runs.get(request.runId);
  if (!run) return { ok: false, refusal: 'unknown-run' };
  if (!run.runbook) return { ok: false, refusal: 'unreadable-run' };
  const step = run.runbook.steps.find((candidate) => candidate.id === request.stepId);
  if (!step) return { ok: false, refusal: 'unknown-step' };
  const action = actionOf(step);
  if (!action) return { ok: false, refusal: 'not-acting' };
  if (canonicalJson(action) !== canonicalJson(request.action)) return { ok: false, refusal: 'changed' };
  if (step.approval && run.steps.get(step.id)?.approvedBy === undefined) return { ok: false, refusal: 'not-approved' };
  const status = effectiveStatuses(run).get(step.id) ?? 'pending';
  if (status === 'running') return { ok: false, refusal: 'running' };
  if (!RUNNABLE.has(status)) return { ok: false, refusal: 'finished' };
  // A wait observes; it never acts on the world, so it is never a dry run.
  if (action.kind === 'wait') return { ok: true, dryRun: false };
  // In the exercise workspace the session decides, whatever the run was started with.
  const mustBeDry =
    isDryRun(run) || (workspace === EXERCISE_WORKSPACE && !activeSession(state.exercises)?.allowLiveActions);
  if (mustBeDry && !request.dryRun) return { ok: false, refusal: 'live-in-exercise' };
  return { ok: true, dryRun: request.dryRun };
}
