// The role board of an incident: who holds what, which critical role is empty,
// who holds too many. Pure, so the board, the dashboard and reports agree.
import type { IncidentStatus, PersonRef } from '../events/event';
import { normaliseName, type Documents } from './documents';

/** The built-in roles, in the order the board shows them. */
export const ROLES = [
  'commander',
  'deputy',
  'scribe',
  'communications',
  'operations',
  'security',
  'customer-liaison',
  'executive-liaison',
] as const;
export type BuiltInRole = (typeof ROLES)[number];

/** Roles an incident must not run without; a vacancy is flagged. */
export const CRITICAL_ROLES: readonly string[] = ['commander', 'communications'] satisfies BuiltInRole[];

/** More roles than this on one person is flagged: nobody runs comms and ops at once for long. */
export const MAX_ROLES_PER_PERSON = 2;

export interface RoleHolder {
  readonly person: PersonRef;
  /** When this person took the role. */
  readonly since: number;
  /** Who gave it to them. */
  readonly by: string;
  readonly eventId: string;
}

export function isBuiltInRole(role: string): role is BuiltInRole {
  return (ROLES as readonly string[]).includes(role);
}

/** One person, whether named from the directory or typed in. */
export function personKey(person: PersonRef): string {
  return person.id ? `id:${person.id}` : `name:${person.name.trim().toLowerCase()}`;
}

export interface RoleRow {
  readonly role: string;
  /** The custom role's name; built-in roles are named by the catalogue. */
  readonly customName?: string;
  /** A custom role whose document was deleted while someone still held it. */
  readonly isRetired?: boolean;
  readonly isCritical: boolean;
  readonly holder?: RoleHolder;
}

export interface RoleBoard {
  readonly rows: readonly RoleRow[];
  readonly vacantCritical: readonly string[];
  readonly overloaded: readonly { person: PersonRef; roles: readonly string[] }[];
}

/** Every role the workspace knows, built-ins first, with its holder on this incident. */
export function roleBoard(roles: ReadonlyMap<string, RoleHolder>, docs: Pick<Documents, 'roles'>): RoleBoard {
  const rows: RoleRow[] = ROLES.map((role) => ({
    role,
    isCritical: CRITICAL_ROLES.includes(role),
    holder: roles.get(role),
  }));
  const custom = [...docs.roles.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  for (const doc of custom) {
    rows.push({ role: doc.id, customName: doc.name, isCritical: doc.isCritical === true, holder: roles.get(doc.id) });
  }
  // A role assigned before its document was deleted still shows who holds it.
  const known = new Set(rows.map((row) => row.role));
  for (const [role, holder] of roles) {
    if (!known.has(role)) rows.push({ role, isRetired: true, isCritical: false, holder });
  }
  // Someone picked from the directory for one role and typed by name for another
  // is still one person: a typed name joins the directory entry of the same name.
  const idByName = new Map<string, string>();
  for (const row of rows) {
    const person = row.holder?.person;
    if (person?.id) idByName.set(normaliseName(person.name), person.id);
  }
  const byPerson = new Map<string, { person: PersonRef; roles: string[] }>();
  for (const row of rows) {
    if (!row.holder) continue;
    const { person } = row.holder;
    const id = person.id ?? idByName.get(normaliseName(person.name));
    const key = id ? `id:${id}` : personKey(person);
    const entry = byPerson.get(key) ?? { person, roles: [] };
    if (person.id && !entry.person.id) entry.person = person;
    entry.roles.push(row.role);
    byPerson.set(key, entry);
  }
  return {
    rows,
    vacantCritical: rows.filter((row) => row.isCritical && !row.holder).map((row) => row.role),
    overloaded: [...byPerson.values()].filter((entry) => entry.roles.length > MAX_ROLES_PER_PERSON),
  };
}

/** Whether a role's holder is this person: the same directory entry, or the same name typed in. */
export function isSamePerson(a: PersonRef, b: PersonRef): boolean {
  if (a.id && b.id) return a.id === b.id;
  return normaliseName(a.name) === normaliseName(b.name);
}

/** What an incident needs to say who holds what; the people directory reads it. */
export interface IncidentRoles {
  readonly id: string;
  readonly title: string;
  readonly status: IncidentStatus;
  readonly roles: ReadonlyMap<string, RoleHolder>;
}

export interface HeldRole {
  readonly incidentId: string;
  readonly title: string;
  readonly role: string;
  readonly since: number;
}

/**
 * The roles a person holds now on incidents still open (anything but closed),
 * most recent first. A holder typed by name counts when the name matches.
 */
export function rolesHeldBy(incidents: Iterable<IncidentRoles>, person: PersonRef): HeldRole[] {
  const held: HeldRole[] = [];
  for (const incident of incidents) {
    if (incident.status === 'closed') continue;
    for (const [role, holder] of incident.roles) {
      if (isSamePerson(holder.person, person)) {
        held.push({ incidentId: incident.id, title: incident.title, role, since: holder.since });
      }
    }
  }
  return held.sort((a, b) => b.since - a.since || (a.role < b.role ? -1 : 1));
}

/** The roles a named author held at a moment: the timeline's role filter uses it. */
export function rolesOfActor(roles: ReadonlyMap<string, RoleHolder>, actor: string): string[] {
  const name = actor.trim().toLowerCase();
  const held: string[] = [];
  for (const [role, holder] of roles) if (holder.person.name.trim().toLowerCase() === name) held.push(role);
  return held;
}
