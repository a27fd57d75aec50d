// What a person does with runbooks, as events in the window's record (runs,
// ticks, approvals, decisions, runbook versions) and, for the steps that act,
// as a call to the host, which records their evidence itself.
import type { Result } from '../../../common/bridge/result';
import { EXERCISE_WORKSPACE, type PayloadOf } from '../../../common/events/event';
import type { CatalogEntry } from '../../../common/runbooks/catalog';
import type { StepStatus } from '../../../common/runbooks/run-payloads';
import { isDryRun, type RunbookRun } from '../../../common/runbooks/run-state';
import { actionOf } from '../../../common/runbooks/step-authority';
import { RUNBOOK_COLLECTION } from '../../../common/runbooks/runbook-docs';
import type { Runbook, RunbookStep } from '../../../common/runbooks/runbook-schema';
import { getBridge } from '../../bridge';
import { currentWorkspace, getEventStore } from '../../db';
import { expectExec } from './exec-stream';

/** This window's device: a run it started is not its to approve. */
export async function ownDeviceId(): Promise<string> {
  return (await getEventStore().identity()).deviceId;
}

/** The runbook as plain JSON, as events carry it. */
function asJson(runbook: Runbook): PayloadOf<'doc.put'>['body'] {
  return JSON.parse(JSON.stringify(runbook)) as PayloadOf<'doc.put'>['body'];
}

export async function startRun(
  incidentId: string,
  entry: CatalogEntry,
  actor: string,
  options: { isExercise: boolean; hasLiveActions: boolean },
): Promise<string> {
  const runId = crypto.randomUUID();
  // A run in the exercise workspace is an exercise run, whatever was ticked.
  const isExercise = options.isExercise || currentWorkspace() === EXERCISE_WORKSPACE;
  await getEventStore().append([
    {
      type: 'runbook.run-started',
      incidentId,
      actor,
      payload: {
        runId,
        runbookId: entry.runbook.id,
        version: entry.version,
        runbook: asJson(entry.runbook),
        ...(isExercise ? { exercise: true, ...(options.hasLiveActions ? { liveActions: true } : {}) } : {}),
      },
    },
  ]);
  return runId;
}

export async function changeStep(
  incidentId: string,
  runId: string,
  stepId: string,
  status: StepStatus,
  actor: string,
  /** An approval names the start it covers by its hash (`RunbookRun.start.hash`). */
  extra: { branch?: string; note?: string; runHash?: string } = {},
): Promise<void> {
  await getEventStore().append([
    { type: 'runbook.step-changed', incidentId, actor, payload: { runId, stepId, status, ...extra } },
  ]);
}

/**
 * Asks the host to run a command or HTTP step exactly as shown to the person
 * who confirmed it, or to watch a monitor for a wait step. The host checks the
 * request against its own record once that holds what this window had; the
 * output is expected before the call, so none is lost.
 */
export async function runActingStep(
  incidentId: string,
  run: RunbookRun,
  step: Extract<RunbookStep, { kind: 'command' | 'http' | 'wait-monitor' }>,
  actor: string,
  execId: string,
): Promise<Result<{ execId: string }>> {
  const action = actionOf(step);
  if (!action) throw new Error(`step ${step.id} does not act`);
  expectExec(execId);
  const after = await getEventStore().vector();
  return getBridge().call('runbook:run-step', {
    execId,
    incidentId,
    runId: run.id,
    stepId: step.id,
    actor,
    dryRun: isDryRun(run) && action.kind !== 'wait',
    action,
    after,
    workspace: currentWorkspace(),
  });
}

/** Saves a runbook as a new version of its document (a built-in id makes an edited copy). */
export async function saveRunbook(runbook: Runbook, actor: string): Promise<void> {
  await getEventStore().append([
    {
      type: 'doc.put',
      actor,
      payload: { collection: RUNBOOK_COLLECTION, docId: runbook.id, body: asJson(runbook) },
    },
  ]);
}
