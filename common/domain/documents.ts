// Workspace documents carried by `doc.put` / `doc.delete` events: the people
// directory, custom roles, custom incident types and the severity definitions.
// Last writer wins per document, in the one total order.
import { z } from 'zod';
import { NAME_MAX, SEVERITIES, type EventOf, type Severity } from '../events/event';

const name = z.string().trim().min(1).max(NAME_MAX);
const optionalText = (max: number) => z.string().trim().max(max).optional();

export const personSchema = z.strictObject({
  name,
  contact: optionalText(200),
  team: optionalText(NAME_MAX),
  skills: z.array(name).max(30).optional(),
});
export type PersonBody = z.infer<typeof personSchema>;

export const customRoleSchema = z.strictObject({
  name,
  /** Flagged on the role board while nobody holds it. */
  isCritical: z.boolean().optional(),
});
export type CustomRoleBody = z.infer<typeof customRoleSchema>;

export const incidentTypeSchema = z.strictObject({ name });
export type IncidentTypeBody = z.infer<typeof incidentTypeSchema>;

export const severityDefinitionSchema = z.strictObject({ description: z.string().trim().min(1).max(1_000) });
export type SeverityDefinitionBody = z.infer<typeof severityDefinitionSchema>;

/** The collections this version understands, and the body each holds. */
export const docSchemas = {
  person: personSchema,
  role: customRoleSchema,
  'incident-type': incidentTypeSchema,
  'severity-definition': severityDefinitionSchema,
} as const;
export type DocCollection = keyof typeof docSchemas;
export type DocBody<C extends DocCollection> = z.infer<(typeof docSchemas)[C]>;

export type Doc<C extends DocCollection> = DocBody<C> & { readonly id: string; readonly updatedAt: number };

export interface Documents {
  readonly people: ReadonlyMap<string, Doc<'person'>>;
  readonly roles: ReadonlyMap<string, Doc<'role'>>;
  readonly incidentTypes: ReadonlyMap<string, Doc<'incident-type'>>;
  /** Edited descriptions by severity; a missing one shows the built-in text. */
  readonly severityDefinitions: ReadonlyMap<Severity, Doc<'severity-definition'>>;
  /** Puts whose body did not parse: kept in the log, left out of the state. */
  readonly invalid: number;
}

export const EMPTY_DOCUMENTS: Documents = {
  people: new Map(),
  roles: new Map(),
  incidentTypes: new Map(),
  severityDefinitions: new Map(),
  invalid: 0,
};

const FIELD_OF = {
  person: 'people',
  role: 'roles',
  'incident-type': 'incidentTypes',
  'severity-definition': 'severityDefinitions',
} as const satisfies Record<DocCollection, keyof Documents>;

function isCollection(collection: string): collection is DocCollection {
  return Object.hasOwn(docSchemas, collection);
}

/** Parses a document body for a collection; the error names the first bad field. */
export function parseDoc<C extends DocCollection>(
  collection: C,
  body: unknown,
): { ok: true; body: DocBody<C> } | { ok: false; field: string; message: string } {
  const parsed = docSchemas[collection].safeParse(body);
  if (parsed.success) return { ok: true, body: parsed.data as DocBody<C> };
  const issue = parsed.error.issues[0];
  return { ok: false, field: issue?.path.map(String).join('.') ?? '', message: issue?.message ?? 'invalid' };
}

/**
 * Applies one document event, copying only the map it touches, so a state that
 * React already holds is never changed under it.
 */
export function applyDocEvent(
  docs: Documents,
  event: EventOf<'doc.put'> | EventOf<'doc.delete'>,
  at: number,
): Documents {
  const { collection, docId } = event.payload;
  // A collection from a newer version is carried by the log but not shown here.
  if (!isCollection(collection)) return docs;
  if (collection === 'severity-definition' && !(SEVERITIES as readonly string[]).includes(docId)) {
    return { ...docs, invalid: docs.invalid + 1 };
  }
  const field = FIELD_OF[collection];
  const next = new Map(docs[field] as ReadonlyMap<string, unknown>);
  if (event.type === 'doc.delete') {
    next.delete(docId);
  } else {
    const parsed = parseDoc(collection, event.payload.body);
    if (!parsed.ok) return { ...docs, invalid: docs.invalid + 1 };
    next.set(docId, { ...parsed.body, id: docId, updatedAt: at });
  }
  return { ...docs, [field]: next };
}
