import { describe, expect, it } from 'vitest';
import type { PersonRef } from '../events/event';
import { EMPTY_DOCUMENTS, type Doc, type Documents } from './documents';
import {
  isSamePerson,
  MAX_ROLES_PER_PERSON,
  roleBoard,
  rolesHeldBy,
  ROLES,
  type IncidentRoles,
  type RoleHolder,
} from './roles';

function holder(person: PersonRef, since = 1_000): RoleHolder {
  return { person, since, by: 'Camille', eventId: `e${since}` };
}

function customRoles(...roles: Doc<'role'>[]): Pick<Documents, 'roles'> {
  return { roles: new Map(roles.map((role) => [role.id, role])) };
}

const alice = { id: 'p-alice', name: 'Alice Martin' };
const bob = { id: 'p-bob', name: 'Bob Durand' };

describe('roleBoard', () => {
  it('lists every built-in role in order, with the critical ones vacant', () => {
    const board = roleBoard(new Map(), EMPTY_DOCUMENTS);
    expect(board.rows.map((row) => row.role)).toEqual([...ROLES]);
    expect(board.vacantCritical).toEqual(['commander', 'communications']);
    expect(board.overloaded).toEqual([]);
  });

  it('clears a vacancy once someone holds the role', () => {
    const board = roleBoard(
      new Map([
        ['commander', holder(alice)],
        ['communications', holder(bob)],
      ]),
      EMPTY_DOCUMENTS,
    );
    expect(board.vacantCritical).toEqual([]);
    expect(board.rows.find((row) => row.role === 'commander')?.holder?.person).toEqual(alice);
  });

  it('adds custom roles after the built-ins, by name, and flags a critical one while vacant', () => {
    const docs = customRoles(
      { id: 'r2', name: 'Warehouse liaison', updatedAt: 1 },
      { id: 'r1', name: 'Payment provider liaison', isCritical: true, updatedAt: 1 },
    );
    const board = roleBoard(new Map([['commander', holder(alice)]]), docs);
    expect(board.rows.slice(ROLES.length)).toEqual([
      { role: 'r1', customName: 'Payment provider liaison', isCritical: true, holder: undefined },
      { role: 'r2', customName: 'Warehouse liaison', isCritical: false, holder: undefined },
    ]);
    expect(board.vacantCritical).toEqual(['communications', 'r1']);
    const filled = roleBoard(new Map([['r1', holder(bob)]]), docs);
    expect(filled.vacantCritical).toEqual(['commander', 'communications']);
  });

  it('still shows who holds a custom role whose document was deleted, without calling it critical', () => {
    const board = roleBoard(new Map([['r-gone', holder(bob)]]), EMPTY_DOCUMENTS);
    const row = board.rows.at(-1);
    expect(row).toMatchObject({ role: 'r-gone', isRetired: true, isCritical: false });
    expect(row?.holder?.person).toEqual(bob);
    expect(board.rows).toHaveLength(ROLES.length + 1);
  });

  it(`flags one person holding more than ${MAX_ROLES_PER_PERSON} roles, and not before`, () => {
    const two = new Map([
      ['commander', holder(alice)],
      ['scribe', holder(alice)],
      ['operations', holder(bob)],
    ]);
    expect(roleBoard(two, EMPTY_DOCUMENTS).overloaded).toEqual([]);
    const three = new Map([...two, ['r1', holder(alice)]]);
    const board = roleBoard(three, customRoles({ id: 'r1', name: 'Vendor liaison', updatedAt: 1 }));
    expect(board.overloaded).toEqual([{ person: alice, roles: ['commander', 'scribe', 'r1'] }]);
  });

  it('counts a name typed in and the directory entry of the same name as one person', () => {
    const roles = new Map([
      ['commander', holder({ name: 'alice  martin' })],
      ['scribe', holder(alice)],
      ['operations', holder({ name: 'Alice Martin' })],
    ]);
    const board = roleBoard(roles, EMPTY_DOCUMENTS);
    expect(board.overloaded).toHaveLength(1);
    expect(board.overloaded[0]).toEqual({ person: alice, roles: ['commander', 'scribe', 'operations'] });
  });

  it('keeps two directory entries with the same name apart', () => {
    const roles = new Map([
      ['commander', holder(alice)],
      ['scribe', holder({ id: 'p-other', name: 'Alice Martin' })],
      ['operations', holder(alice)],
    ]);
    expect(roleBoard(roles, EMPTY_DOCUMENTS).overloaded).toEqual([]);
  });
});

describe('isSamePerson', () => {
  it('compares ids when both have one, names otherwise', () => {
    expect(isSamePerson(alice, { id: 'p-alice', name: 'Renamed' })).toBe(true);
    expect(isSamePerson(alice, { id: 'p-x', name: 'Alice Martin' })).toBe(false);
    expect(isSamePerson(alice, { name: ' ALICE martin ' })).toBe(true);
    expect(isSamePerson({ name: 'Élodie' }, { name: 'elodie' })).toBe(true);
  });
});

describe('rolesHeldBy', () => {
  const incident = (id: string, status: IncidentRoles['status'], roles: [string, RoleHolder][]): IncidentRoles => ({
    id,
    title: `Incident ${id}`,
    status,
    roles: new Map(roles),
  });

  it('lists the roles held on open incidents, most recent first, and skips closed ones', () => {
    const incidents = [
      incident('i1', 'investigating', [
        ['commander', holder(alice, 1_000)],
        ['scribe', holder(bob, 1_500)],
      ]),
      incident('i2', 'resolved', [['communications', holder({ name: 'alice martin' }, 2_000)]]),
      incident('i3', 'closed', [['commander', holder(alice, 3_000)]]),
    ];
    expect(rolesHeldBy(incidents, alice)).toEqual([
      { incidentId: 'i2', title: 'Incident i2', role: 'communications', since: 2_000 },
      { incidentId: 'i1', title: 'Incident i1', role: 'commander', since: 1_000 },
    ]);
    expect(rolesHeldBy(incidents, { id: 'p-nobody', name: 'Nobody' })).toEqual([]);
  });
});
