// Workspace documents carried by `doc.put` / `doc.delete` events: the people
// directory, custom roles, custom incident types and the severity definitions.
// Last writer wins per document, in the one total order.
import { z } from 'zod';
import { NAME_MAX, SEVERITIES, type EventOf, type PersonRef, type Severity } from '../events/event';

const name = z.string().trim().min(1).max(NAME_MAX);
const optionalText = (max: number) => z.string().trim().max(max).optional();

export const CONTACT_MAX = 200;
export const SKILLS_MAX = 30;

export const personSchema = z.strictObject({
  name,
  contact: optionalText(CONTACT_MAX),
  team: optionalText(NAME_MAX),
  skills: z.array(name).max(SKILLS_MAX).optional(),
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

export type DocIssue = 'required' | 'too-long' | 'invalid';

/** Parses a document body for a collection; the error names the first bad field and what is wrong with it. */
export function parseDoc<C extends DocCollection>(
  collection: C,
  body: unknown,
): { ok: true; body: DocBody<C> } | { ok: false; field: string; issue: DocIssue; message: string } {
  const parsed = docSchemas[collection].safeParse(body);
  if (parsed.success) return { ok: true, body: parsed.data as DocBody<C> };
  const first = parsed.error.issues[0];
  const issue: DocIssue = first?.code === 'too_big' ? 'too-long' : first?.code === 'too_small' ? 'required' : 'invalid';
  return { ok: false, field: first?.path.map(String).join('.') ?? '', issue, message: first?.message ?? 'invalid' };
}

/** A name as people match it: trimmed, spaces collapsed, case and accents ignored. */
export function normaliseName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A list typed in one field ("incident command, postgres; networking"): split on
 * commas, semicolons and new lines, trimmed, each entry once whatever its case.
 */
export function parseList(text: string): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const part of text.split(/[,;\n]/)) {
    const item = part.trim().replace(/\s+/g, ' ');
    const key = normaliseName(item);
    if (!item || seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return items;
}

/**
 * People matching a search, by name first: every word of the query must appear
 * in the name, the team or a skill. An empty query lists everyone.
 */
export function searchPeople(people: ReadonlyMap<string, Doc<'person'>>, query: string): Doc<'person'>[] {
  const words = normaliseName(query).split(' ').filter(Boolean);
  const found = [...people.values()].filter((person) => {
    const haystack = normaliseName([person.name, person.team ?? '', ...(person.skills ?? [])].join(' '));
    return words.every((word) => haystack.includes(word));
  });
  const first = words[0];
  const rank = (person: Doc<'person'>) => (first && normaliseName(person.name).startsWith(first) ? 0 : 1);
  return found.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/**
 * Who a choice names: the directory entry picked, or the one whose name was typed
 * exactly (when only one has it), or else the typed name alone.
 */
export function resolvePerson(
  people: ReadonlyMap<string, Doc<'person'>>,
  choice: { readonly id?: string; readonly name: string },
): PersonRef | undefined {
  const picked = choice.id === undefined ? undefined : people.get(choice.id);
  if (picked) return { id: picked.id, name: picked.name };
  const name = choice.name.trim().replace(/\s+/g, ' ');
  if (!name) return undefined;
  const same = [...people.values()].filter((person) => normaliseName(person.name) === normaliseName(name));
  const only = same.length === 1 ? same[0] : undefined;
  return only ? { id: only.id, name: only.name } : { name };
}

export type PersonField = 'name' | 'contact' | 'team' | 'skills';

/** A person as typed in the directory form: skills in one field, separated by commas. */
export interface PersonInput {
  readonly name: string;
  readonly contact: string;
  readonly team: string;
  readonly skills: string;
}

/**
 * Checks every field of the person form at once, so the form can show all its
 * errors together; the body has no empty optional field.
 */
export function checkPerson(
  input: PersonInput,
): { ok: true; body: PersonBody } | { ok: false; errors: Partial<Record<PersonField, DocIssue>> } {
  const skills = parseList(input.skills);
  const body: PersonBody = {
    name: input.name.trim(),
    ...(input.contact.trim() ? { contact: input.contact.trim() } : {}),
    ...(input.team.trim() ? { team: input.team.trim() } : {}),
    ...(skills.length > 0 ? { skills } : {}),
  };
  const parsed = personSchema.safeParse(body);
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors: Partial<Record<PersonField, DocIssue>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field !== 'name' && field !== 'contact' && field !== 'team' && field !== 'skills') continue;
    errors[field] ??= issue.code === 'too_big' ? 'too-long' : issue.code === 'too_small' ? 'required' : 'invalid';
  }
  return { ok: false, errors };
}

/** Whether another custom role already has this name (roles are told apart by name on the board). */
export function isRoleNameTaken(roles: ReadonlyMap<string, Doc<'role'>>, name: string, exceptId?: string): boolean {
  const wanted = normaliseName(name);
  return [...roles.values()].some((role) => role.id !== exceptId && normaliseName(role.name) === wanted);
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
