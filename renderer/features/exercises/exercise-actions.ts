// What the exercise screens do: ask the facilitator's host to start, steer
// and feed a session (it writes those events, so its clock fires the
// injects), write observer notes and the debrief straight into the exercise
// record, and move the window between the real record and the exercise one.
import { isLanRefusal } from '../../../common/bridge/access-contract';
import type { BridgeError } from '../../../common/bridge/result';
import { EXERCISE_REFUSALS, type ExerciseRefusal } from '../../../common/bridge/exercise-contract';
import type { PayloadOf, Workspace } from '../../../common/events/event';
import type { Scenario } from '../../../common/exercises/scenario-schema';
import { SCENARIO_COLLECTION } from '../../../common/exercises/scenario-docs';
import type { AfterActionNotes, ExerciseControl } from '../../../common/exercises/session-payloads';
import { getBridge } from '../../bridge';
import { getEventStore, searchForWorkspace } from '../../db';

/** A catalogue key and its values: the component words it. */
export interface Reason {
  readonly key: string;
  readonly values?: Readonly<Record<string, string>>;
}

export type ExerciseOutcome<T = object> = { ok: true; value: T } | { ok: false; reason: Reason };

function isRefusal(message: string): message is ExerciseRefusal {
  return (EXERCISE_REFUSALS as readonly string[]).includes(message);
}

/** A considered refusal in the user's words; anything else with the host's message. */
export function reasonOf(error: BridgeError): Reason {
  if (error.code === 'refused' && isRefusal(error.message)) return { key: `exercises.refusal.${error.message}` };
  // A teammate's browser on the LAN: the person at the laptop steers the exercise.
  if (error.code === 'forbidden' && isLanRefusal(error.message)) return { key: `lan.refusal.${error.message}` };
  return { key: 'exercises.refusal.failed', values: { message: error.message } };
}

type JsonRecord = PayloadOf<'exercise.debrief'>['notes'];

function asJson(value: Scenario | AfterActionNotes): JsonRecord {
  // Plain JSON, as events carry it: optional fields left undefined disappear.
  return JSON.parse(JSON.stringify(value)) as JsonRecord;
}

/** Keeps an imported scenario in the exercise room's record; one with the same id replaces it. */
export async function saveScenario(scenario: Scenario, actor: string): Promise<void> {
  await getEventStore().append([
    {
      type: 'doc.put',
      actor,
      payload: { collection: SCENARIO_COLLECTION, docId: scenario.id, body: asJson(scenario) },
    },
  ]);
}

export async function removeScenario(scenarioId: string, actor: string): Promise<void> {
  await getEventStore().append([
    { type: 'doc.delete', actor, payload: { collection: SCENARIO_COLLECTION, docId: scenarioId } },
  ]);
}

export async function startExercise(request: {
  actor: string;
  scenario: Scenario;
  speed: number;
  allowLiveActions: boolean;
}): Promise<ExerciseOutcome<{ sessionId: string }>> {
  const result = await getBridge().call('exercise:start', { ...request, scenario: asJson(request.scenario) });
  return result.ok ? { ok: true, value: result.value } : { ok: false, reason: reasonOf(result.error) };
}

export async function controlExercise(request: {
  actor: string;
  sessionId: string;
  action: ExerciseControl;
  speed?: number;
  allowLiveActions?: boolean;
}): Promise<ExerciseOutcome> {
  const result = await getBridge().call('exercise:control', request);
  return result.ok ? { ok: true, value: {} } : { ok: false, reason: reasonOf(result.error) };
}

export async function playInject(request: {
  actor: string;
  sessionId: string;
  injectId: string;
  action: 'fired' | 'skipped';
}): Promise<ExerciseOutcome> {
  const result = await getBridge().call('exercise:inject', request);
  return result.ok ? { ok: true, value: {} } : { ok: false, reason: reasonOf(result.error) };
}

export async function addObserverNote(sessionId: string, text: string, actor: string): Promise<void> {
  await getEventStore().append([{ type: 'exercise.observer-note', actor, payload: { sessionId, text } }]);
}

export async function saveDebrief(sessionId: string, notes: AfterActionNotes, actor: string): Promise<void> {
  await getEventStore().append([{ type: 'exercise.debrief', actor, payload: { sessionId, notes: asJson(notes) } }]);
}

/** Reloads the window into a workspace at a screen: each workspace is its own record, opened at page load. */
export function openWorkspace(workspace: Workspace, hash: string): void {
  window.location.assign(window.location.pathname + searchForWorkspace(window.location.search, workspace) + hash);
}
