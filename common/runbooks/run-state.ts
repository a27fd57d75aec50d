// Runs of a runbook inside an incident, as a pure fold: each run keeps the
// runbook version it started from, and every step change lands, approved or
// not, because the record must show what people did. Rules a change broke are
// flagged on its timeline entry instead of being dropped.
//
// A run is bound to the one run-started event it was built from (its hash, its
// device, its person): a second start claiming the same run id never replaces
// it, whatever its clock says, and an approval counts only for the start whose
// hash it names, given by another person on another device than the starter's.
import { normaliseName } from '../domain/documents';
import type { Evidence, Outcome, RunStartedPayload, StepChangedPayload, StepStatus } from './run-payloads';
import { localTextSchema, runbookSchema, type LocalText, type Runbook, type RunbookStep } from './runbook-schema';

/** An approval in force on a step, with what the authority check needs to judge it. */
export interface StepApproval {
  readonly actor: string;
  readonly deviceId: string;
  /** The run-started hash it names; undefined for an approval written before approvals named one. */
  readonly runHash: string | undefined;
  readonly eventId: string;
}

export interface StepState {
  readonly status: StepStatus;
  readonly at: number;
  readonly actor: string;
  /** Who asked for the approval now pending or given. */
  readonly requestedBy?: string;
  readonly approval?: StepApproval;
  readonly branch?: string;
  readonly note?: string;
  /** The latest evidence of an acting step (command, HTTP call, wait). */
  readonly evidence?: Evidence;
  readonly eventId: string;
}

export interface RunbookRun {
  readonly id: string;
  readonly runbookId: string;
  readonly version: number;
  /** The runbook as it was when the run started; undefined when this version cannot read it. */
  readonly runbook: Runbook | undefined;
  readonly title: LocalText;
  readonly startedAt: number;
  readonly startedBy: string;
  /** The run-started event the run is built from: its id, hash and device. */
  readonly start: RunStart;
  /**
   * Other run-started events that claim this run id. The fold keeps the first
   * in its order, but a backdated clock can win that place, so a contested run
   * is shown and never acted on.
   */
  readonly contestedBy: readonly RunClaim[];
  readonly isExercise: boolean;
  readonly hasLiveActions: boolean;
  readonly steps: ReadonlyMap<string, StepState>;
  readonly updatedAt: number;
}

export interface RunStart {
  readonly eventId: string;
  readonly hash: string;
  readonly deviceId: string;
}

export interface RunClaim extends RunStart {
  readonly actor: string;
  readonly at: number;
}

/** The facts of the event a change comes from; after signing, actor and device are authentic. */
export interface EventFacts {
  readonly eventId: string;
  readonly hash: string;
  readonly deviceId: string;
  readonly actor: string;
  readonly at: number;
}

/** Why a runbook entry is flagged in the timeline. */
export type StepFlag =
  | 'same-person'
  | 'not-approved'
  | 'unknown-step'
  /** An approval by the person, or from the device, that started the run: not counted. */
  | 'approval-by-starter'
  /** An approval naming another start than the one the run is built from: not counted. */
  | 'approval-other-run'
  /** A start reusing the id of a run already started: ignored. */
  | 'duplicate-start'
  /** The start of a run another start also claims: nothing of the run is acted on. */
  | 'contested';

export function startRun(payload: RunStartedPayload, origin: EventFacts): RunbookRun {
  const { actor, at } = origin;
  const parsed = runbookSchema.safeParse(payload.runbook);
  const runbook = parsed.success ? parsed.data : undefined;
  // A runbook this version cannot read still shows its title when it can.
  const rawTitle = localTextSchema(200).safeParse(payload.runbook.title);
  const title: LocalText = runbook?.title ?? (rawTitle.success ? rawTitle.data : payload.runbookId);
  return {
    id: payload.runId,
    runbookId: payload.runbookId,
    version: payload.version,
    runbook,
    title,
    startedAt: at,
    startedBy: actor,
    start: { eventId: origin.eventId, hash: origin.hash, deviceId: origin.deviceId },
    contestedBy: [],
    isExercise: payload.exercise ?? false,
    hasLiveActions: payload.liveActions ?? false,
    steps: new Map(),
    updatedAt: at,
  };
}

export function stepOf(run: RunbookRun, stepId: string): RunbookStep | undefined {
  return run.runbook?.steps.find((step) => step.id === stepId);
}

export function isSamePerson(a: string | undefined, b: string): boolean {
  return a !== undefined && normaliseName(a) === normaliseName(b);
}

/** A run another start also claims: shown, never acted on. */
export function isContested(run: Pick<RunbookRun, 'contestedBy'>): boolean {
  return run.contestedBy.length > 0;
}

/**
 * What makes an approval never count for this run: given by the person or from
 * the device that started the run (the person at a device can change, so the
 * device is checked too), by whoever asked for it, or naming another start. An
 * approval naming no start (written before approvals did) is not a fault here:
 * the record keeps it, and the authority check refuses it for live runs.
 */
export function approvalFault(
  run: Pick<RunbookRun, 'start' | 'startedBy'>,
  approval: Pick<StepApproval, 'actor' | 'deviceId' | 'runHash'>,
  requestedBy: string | undefined,
): 'same-person' | 'approval-by-starter' | 'approval-other-run' | undefined {
  if (isSamePerson(run.startedBy, approval.actor) || approval.deviceId === run.start.deviceId)
    return 'approval-by-starter';
  if (isSamePerson(requestedBy, approval.actor)) return 'same-person';
  if (approval.runHash !== undefined && approval.runHash !== run.start.hash) return 'approval-other-run';
  return undefined;
}

/**
 * A second start claiming a run's id: the same event seen again changes
 * nothing; any other makes the run contested.
 */
export function claimRun(run: RunbookRun, origin: EventFacts): RunbookRun | undefined {
  if (origin.hash === run.start.hash) return undefined;
  if (run.contestedBy.some((claim) => claim.hash === origin.hash)) return undefined;
  const claim: RunClaim = {
    eventId: origin.eventId,
    hash: origin.hash,
    deviceId: origin.deviceId,
    actor: origin.actor,
    at: origin.at,
  };
  return { ...run, contestedBy: [...run.contestedBy, claim], updatedAt: Math.max(run.updatedAt, origin.at) };
}

/**
 * Applies one step change. An approval by the person who asked for it, by the
 * person or device that started the run, or for another start does not count
 * (the step stays as it was); finishing a step that needs approval without one
 * still lands, flagged.
 */
export function changeStep(
  run: RunbookRun,
  change: StepChangedPayload,
  origin: EventFacts,
): { run: RunbookRun; flag?: StepFlag } {
  const { actor, at, eventId } = origin;
  const step = stepOf(run, change.stepId);
  const previous = run.steps.get(change.stepId);
  let flag: StepFlag | undefined = step || !run.runbook ? undefined : 'unknown-step';
  let next: StepState = {
    status: change.status,
    at,
    actor,
    eventId,
    ...(previous?.requestedBy !== undefined ? { requestedBy: previous.requestedBy } : {}),
    ...(previous?.approval !== undefined ? { approval: previous.approval } : {}),
    ...(change.branch !== undefined ? { branch: change.branch } : {}),
    ...(change.note !== undefined ? { note: change.note } : {}),
    ...(change.evidence !== undefined
      ? { evidence: change.evidence }
      : previous?.evidence !== undefined && change.status !== 'pending'
        ? { evidence: previous.evidence }
        : {}),
  };
  switch (change.status) {
    case 'awaiting-approval':
      next = { ...next, requestedBy: actor };
      delete (next as { approval?: StepApproval }).approval;
      break;
    case 'approved': {
      const approval: StepApproval = { actor, deviceId: origin.deviceId, runHash: change.runHash, eventId };
      const fault = approvalFault(run, approval, previous?.requestedBy);
      if (fault !== undefined) {
        flag = fault;
        next = { ...(previous ?? { status: 'pending', actor, at, eventId }), at, eventId };
      } else {
        next = { ...next, approval };
      }
      break;
    }
    case 'done':
    case 'running':
      if (step?.approval && previous?.approval === undefined) flag ??= 'not-approved';
      break;
    case 'pending':
      next = { status: 'pending', at, actor, eventId };
      break;
    default:
      break;
  }
  const steps = new Map(run.steps);
  steps.set(change.stepId, next);
  return { run: { ...run, steps, updatedAt: Math.max(run.updatedAt, at) }, ...(flag ? { flag } : {}) };
}

const FINISHED: ReadonlySet<StepStatus> = new Set(['done', 'skipped']);

/**
 * Each step's status as the checklist shows it: what people set, plus the
 * steps a decision jumped over, which count as skipped.
 */
export function effectiveStatuses(run: RunbookRun): Map<string, StepStatus> {
  const statuses = new Map<string, StepStatus>();
  const steps = run.runbook?.steps ?? [];
  let skipUntil: string | undefined;
  for (const step of steps) {
    if (skipUntil !== undefined && step.id === skipUntil) skipUntil = undefined;
    const own = run.steps.get(step.id)?.status ?? 'pending';
    statuses.set(step.id, skipUntil !== undefined && own === 'pending' ? 'skipped' : own);
    if (step.kind === 'decision' && own === 'done') {
      const branch = run.steps.get(step.id)?.branch;
      const target = step.options.find((option) => option.id === branch)?.goto;
      if (target !== undefined) skipUntil = target;
    }
  }
  return statuses;
}

export interface RunProgress {
  readonly total: number;
  /** Done or skipped. */
  readonly finished: number;
  readonly failed: number;
  readonly awaitingApproval: number;
  /** The first step not finished yet. */
  readonly current: RunbookStep | undefined;
  readonly isComplete: boolean;
}

export function runProgress(run: RunbookRun): RunProgress {
  const statuses = effectiveStatuses(run);
  const steps = run.runbook?.steps ?? [];
  let finished = 0;
  let failed = 0;
  let awaitingApproval = 0;
  let current: RunbookStep | undefined;
  for (const step of steps) {
    const status = statuses.get(step.id) ?? 'pending';
    if (FINISHED.has(status)) finished += 1;
    else current ??= step;
    if (status === 'failed') failed += 1;
    if (status === 'awaiting-approval') awaitingApproval += 1;
  }
  return {
    total: steps.length,
    finished,
    failed,
    awaitingApproval,
    current,
    isComplete: steps.length > 0 && finished === steps.length,
  };
}

/** Whether a command or HTTP step of this run really acts, or is a dry run. */
export function isDryRun(run: Pick<RunbookRun, 'isExercise' | 'hasLiveActions'>): boolean {
  return run.isExercise && !run.hasLiveActions;
}

/** The status an acting step ends in, from how it ended. */
export function statusOfOutcome(outcome: Outcome): StepStatus {
  switch (outcome) {
    case 'ok':
    case 'dry-run':
      return 'done';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'failed';
  }
}
