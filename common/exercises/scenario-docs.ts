// Scenarios a team imported into its exercise room: `scenario` documents, last
// writer wins per id, so they outlive the window and reach every laptop through
// the hub. A session keeps its own snapshot of the scenario it played.
import type { EventOf } from '../events/event';
import { scenarioSchema, type Scenario } from './scenario-schema';

export const SCENARIO_COLLECTION = 'scenario';

export interface ScenarioDoc {
  readonly scenario: Scenario;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

export type ScenarioDocs = ReadonlyMap<string, ScenarioDoc>;
export const NO_SCENARIO_DOCS: ScenarioDocs = new Map();

/** Applies a document event when it is a scenario's; other collections leave the docs as they are. */
export function applyScenarioDoc(
  docs: ScenarioDocs,
  event: EventOf<'doc.put'> | EventOf<'doc.delete'>,
  at: number,
): ScenarioDocs {
  if (event.payload.collection !== SCENARIO_COLLECTION) return docs;
  const { docId } = event.payload;
  if (event.type === 'doc.delete') {
    if (!docs.has(docId)) return docs;
    const next = new Map(docs);
    next.delete(docId);
    return next;
  }
  const parsed = scenarioSchema.safeParse(event.payload.body);
  // A body this version cannot read, or one filed under another id, stays in the log and out of the library.
  if (!parsed.success || parsed.data.id !== docId) return docs;
  return new Map(docs).set(docId, { scenario: parsed.data, updatedAt: at, updatedBy: event.actor });
}
