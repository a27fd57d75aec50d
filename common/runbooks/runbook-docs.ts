// A workspace's own runbooks: `runbook` documents, last writer wins per id.
// Each put is a new version; the log keeps every earlier one, and a run keeps
// the version it started from.
import type { EventOf } from '../events/event';
import { runbookSchema, type Runbook } from './runbook-schema';

export const RUNBOOK_COLLECTION = 'runbook';

export interface RunbookDoc {
  readonly runbook: Runbook;
  /** 1 for the first put of this id, then one more per put. */
  readonly version: number;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

export interface RunbookDocs {
  readonly byId: ReadonlyMap<string, RunbookDoc>;
  /** Puts seen per id, readable or not: the next put's version is one more. */
  readonly versions: ReadonlyMap<string, number>;
}
export const NO_RUNBOOK_DOCS: RunbookDocs = { byId: new Map(), versions: new Map() };

/** Applies a document event when it is a runbook's; other collections leave the docs as they are. */
export function applyRunbookDoc(
  docs: RunbookDocs,
  event: EventOf<'doc.put'> | EventOf<'doc.delete'>,
  at: number,
): RunbookDocs {
  if (event.payload.collection !== RUNBOOK_COLLECTION) return docs;
  const { docId } = event.payload;
  const byId = new Map(docs.byId);
  if (event.type === 'doc.delete') {
    byId.delete(docId);
    return { ...docs, byId };
  }
  const version = (docs.versions.get(docId) ?? 0) + 1;
  const versions = new Map(docs.versions).set(docId, version);
  const parsed = runbookSchema.safeParse(event.payload.body);
  // A body this version cannot read stays in the log and out of the library.
  if (!parsed.success || parsed.data.id !== docId) return { byId: docs.byId, versions };
  byId.set(docId, { runbook: parsed.data, version, updatedAt: at, updatedBy: event.actor });
  return { byId, versions };
}
