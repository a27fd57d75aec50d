// The continuity documents of a workspace, folded from `doc.put` / `doc.delete`:
// business processes, risks, post-mortem drafts and their action items. Last
// writer wins per document; a body this version cannot read stays in the log
// and out of the state.
import type { z } from 'zod';
import type { EventOf } from '../events/event';
import { PROCESS_COLLECTION, processSchema, type BusinessProcess } from './process-schema';
import {
  ACTION_COLLECTION,
  actionItemSchema,
  POSTMORTEM_COLLECTION,
  postmortemSchema,
  RISK_COLLECTION,
  riskSchema,
  type ActionItem,
  type Postmortem,
  type Risk,
} from './records-schema';

export interface Stored<T> {
  readonly body: T;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

export interface ContinuityDocs {
  readonly processes: ReadonlyMap<string, Stored<BusinessProcess>>;
  readonly risks: ReadonlyMap<string, Stored<Risk>>;
  /** By incident id. */
  readonly postmortems: ReadonlyMap<string, Stored<Postmortem>>;
  readonly actions: ReadonlyMap<string, Stored<ActionItem>>;
  readonly invalid: number;
}

export const EMPTY_CONTINUITY: ContinuityDocs = {
  processes: new Map(),
  risks: new Map(),
  postmortems: new Map(),
  actions: new Map(),
  invalid: 0,
};

const COLLECTIONS = {
  [PROCESS_COLLECTION]: { field: 'processes', schema: processSchema },
  [RISK_COLLECTION]: { field: 'risks', schema: riskSchema },
  [POSTMORTEM_COLLECTION]: { field: 'postmortems', schema: postmortemSchema },
  [ACTION_COLLECTION]: { field: 'actions', schema: actionItemSchema },
} as const satisfies Record<string, { field: keyof ContinuityDocs; schema: z.ZodType }>;

type Collection = keyof typeof COLLECTIONS;

export function isContinuityCollection(collection: string): collection is Collection {
  return Object.hasOwn(COLLECTIONS, collection);
}

/** Applies a document event when it is a continuity one; other collections leave the docs as they are. */
export function applyContinuityDoc(
  docs: ContinuityDocs,
  event: EventOf<'doc.put'> | EventOf<'doc.delete'>,
  at: number,
): ContinuityDocs {
  const { collection, docId } = event.payload;
  if (!isContinuityCollection(collection)) return docs;
  const { field, schema } = COLLECTIONS[collection];
  const next = new Map(docs[field] as ReadonlyMap<string, unknown>);
  if (event.type === 'doc.delete') {
    next.delete(docId);
    return { ...docs, [field]: next };
  }
  const parsed = schema.safeParse(event.payload.body);
  // Processes carry their id in the body too; one that disagrees with its document is not trusted.
  const bodyId = parsed.success && 'id' in parsed.data ? parsed.data.id : docId;
  if (!parsed.success || bodyId !== docId) return { ...docs, invalid: docs.invalid + 1 };
  next.set(docId, { body: parsed.data, updatedAt: at, updatedBy: event.actor });
  return { ...docs, [field]: next };
}
