// Runs of a runbook inside an incident, as a pure fold: each run keeps the
// runbook version it started from, and every step change lands, approved or
// not, because the record must show what people did. Rules a change broke are
// flagged on its timeline entry instead of being dropped.
import { normaliseName } from '../domain/documents';
import type { Evidence, Outcome, RunStartedPayload, StepChangedPayload, StepStatus } from './run-payloads';
import { localTextSchema, runbookSchema, type LocalText, type Runbook, type RunbookStep } from './runbook-schema';

export interface StepState {
  readonly status: StepStatus;
  readonly at: number;
  readonly actor: string;
  /** Who asked for the approval now pending or given. */
  readonly requestedBy?: string;
  readonly approvedBy?: string;
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
  readonly isExercise: boolean;
  readonly hasLiveActions: boolean;
  readonly steps: ReadonlyMap<string, StepState>;
  readonly updatedAt: number;
}

/** Why a step change is flagged in the timeline. */
export type StepFlag = 'same-person' | 'not-approved' | 'unknown-step';

export function startRun(payload: RunStartedPayload, actor: string, at: number): RunbookRun {
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
    isExercise: payload.exercise ?? false,
    hasLiveActions: payload.liveActions ?? false,
    steps: new Map(),
    updatedAt: at,
  };
}

export function stepOf(run: RunbookRun, stepId: string): RunbookStep | undefined {
  return run.runbook?.steps.find((step) => step.id === stepId);
}

function isSamePerson(a: string | undefined, b: string): boolean {
  return a !== undefined && normaliseName(a) === normaliseName(b);
}

/**
 * Applies one step change. An approval by the person who asked for it does
 * not count (the step stays awaiting approval); finishing a step that needs
 * approval without one still lands, flagged.
 */
export function changeStep(
  run: RunbookRun,
  change: StepChangedPayload,
  actor: string,
  at: number,
  eventId: string,
): { run: RunbookRun; flag?: StepFlag } {
  const step = stepOf(run, change.stepId);
  const previous = run.steps.get(change.stepId);
  let flag: StepFlag | undefined = step || !run.runbook ? undefined : 'unknown-step';
  let next: StepState = {
    status: change.status,
    at,
    actor,
    eventId,
    ...(previous?.requestedBy !== undefined ? { requestedBy: previous.requestedBy } : {}),
    ...(previous?.approvedBy !== undefined ? { approvedBy: previous.approvedBy } : {}),
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
      delete (next as { approvedBy?: string }).approvedBy;
      break;
    case 'approved':
      if (isSamePerson(previous?.requestedBy, actor)) {
        flag = 'same-person';
        next = { ...(previous ?? next), at, eventId };
      } else {
        next = { ...next, approvedBy: actor };
      }
      break;
    case 'done':
    case 'running':
      if (step?.approval && previous?.approvedBy === undefined) flag ??= 'not-approved';
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
