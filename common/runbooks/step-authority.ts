// What the host checks, against its own copy of the record, before it acts on
// a window's request to run a step. A window asks; the record decides: the run
// must be claimed by one start only, the step one of that start's own snapshot,
// unchanged from what the person confirmed, approved when it needs it by
// another person on another device than the run's starter, for that very start
// (by its hash), and run by someone else than the approver; and a dry run
// whenever the run is an exercise without live actions, or belongs to the
// exercise workspace while the session does not allow them.
import { canonicalJson } from '../events/canonical';
import type { WarRoomState } from '../domain/incidents';
import { DEFAULT_WORKSPACE, EXERCISE_WORKSPACE } from '../events/event';
import { activeSession } from '../exercises/session';
import { approvalFault, effectiveStatuses, isContested, isDryRun, isSamePerson, type RunbookRun } from './run-state';
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
  /** Two run-started events claim the run's id: nothing of it is acted on. */
  'contested',
  'unknown-step',
  'not-acting',
  'changed',
  'not-approved',
  /** The approval names no start: written before approvals did, it does not cover a live run. */
  'legacy-approval',
  /** The approval comes from the person, or the device, that started the run. */
  'approval-by-starter',
  /** The approval names another start than the one the run is built from. */
  'approval-other-run',
  /** Whoever approved asks to run it: the second person must be a second person. */
  'approver-runs',
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
  if (isContested(run)) return { ok: false, refusal: 'contested' };
  if (!run.runbook) return { ok: false, refusal: 'unreadable-run' };
  const step = run.runbook.steps.find((candidate) => candidate.id === request.stepId);
  if (!step) return { ok: false, refusal: 'unknown-step' };
  const action = actionOf(step);
  if (!action) return { ok: false, refusal: 'not-acting' };
  if (canonicalJson(action) !== canonicalJson(request.action)) return { ok: false, refusal: 'changed' };
  if (step.approval) {
    const refusal = approvalRefusal(run, step.id, request);
    if (refusal) return { ok: false, refusal };
  }
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

/**
 * Why the approval of a step that needs one does not let `request` run it.
 * The fold already leaves uncounted the approvals that can never count; this
 * judges the one in force again, since it is what lets a command run.
 */
export function approvalRefusal(
  run: RunbookRun,
  stepId: string,
  request: Pick<StepRequest, 'actor' | 'dryRun'>,
): Refusal | undefined {
  const state = run.steps.get(stepId);
  const approval = state?.approval;
  if (!approval) return 'not-approved';
  switch (approvalFault(run, approval, state?.requestedBy)) {
    case 'same-person':
      return 'not-approved';
    case 'approval-by-starter':
      return 'approval-by-starter';
    case 'approval-other-run':
      return 'approval-other-run';
    case undefined:
      break;
  }
  // An approval that names no start could be for another one claiming the same
  // id; a dry run acts on nothing, so it may still go by one.
  if (approval.runHash === undefined && !request.dryRun) return 'legacy-approval';
  if (isSamePerson(approval.actor, request.actor)) return 'approver-runs';
  return undefined;
}
