// The role board of an incident: who holds what, which critical role is empty,
// who holds too many. Pure, so the board, the dashboard and reports agree.
import type { PersonRef } from '../events/event';
import type { Documents } from './documents';

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
  const custom = [...docs.roles.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const doc of custom) {
    rows.push({ role: doc.id, customName: doc.name, isCritical: doc.isCritical === true, holder: roles.get(doc.id) });
  }
  // A role assigned before its document was deleted still shows who holds it.
  for (const [role, holder] of roles) {
    if (!rows.some((row) => row.role === role)) rows.push({ role, customName: role, isCritical: false, holder });
  }
  const byPerson = new Map<string, { person: PersonRef; roles: string[] }>();
  for (const row of rows) {
    if (!row.holder) continue;
    const key = personKey(row.holder.person);
    const entry = byPerson.get(key) ?? { person: row.holder.person, roles: [] };
    entry.roles.push(row.role);
    byPerson.set(key, entry);
  }
  return {
    rows,
    vacantCritical: rows.filter((row) => row.isCritical && !row.holder).map((row) => row.role),
    overloaded: [...byPerson.values()].filter((entry) => entry.roles.length > MAX_ROLES_PER_PERSON),
  };
}

/** The roles a named author held at a moment: the timeline's role filter uses it. */
export function rolesOfActor(roles: ReadonlyMap<string, RoleHolder>, actor: string): string[] {
  const name = actor.trim().toLowerCase();
  const held: string[] = [];
  for (const [role, holder] of roles) if (holder.person.name.trim().toLowerCase() === name) held.push(role);
  return held;
}
