import { describe, expect, it } from 'vitest';
import { sealEvents, EMPTY_HEAD } from '../events/chain';
import type { EventDraft } from '../events/event';
import {
  checkPerson,
  isRoleNameTaken,
  normaliseName,
  parseDoc,
  parseList,
  resolvePerson,
  searchPeople,
  type Doc,
} from './documents';
import { foldEvents } from './incidents';

function people(...list: Doc<'person'>[]) {
  return new Map(list.map((person) => [person.id, person]));
}

const alice: Doc<'person'> = { id: 'a', name: 'Alice Martin', team: 'Payments', skills: ['PostgreSQL'], updatedAt: 1 };
const bob: Doc<'person'> = {
  id: 'b',
  name: 'Bob Durand',
  team: 'Stores',
  skills: ['Networking', 'Kafka'],
  updatedAt: 1,
};
const elodie: Doc<'person'> = { id: 'e', name: 'Élodie Petit', updatedAt: 1 };
const directory = people(bob, elodie, alice);

describe('parseDoc', () => {
  it('names the field and what is wrong with it', () => {
    expect(parseDoc('person', { name: '  ' })).toMatchObject({ ok: false, field: 'name', issue: 'required' });
    expect(parseDoc('person', { name: 'A', contact: 'x'.repeat(201) })).toMatchObject({
      ok: false,
      field: 'contact',
      issue: 'too-long',
    });
    expect(parseDoc('role', { name: 'Vendor liaison', isCritical: 'yes' })).toMatchObject({
      ok: false,
      field: 'isCritical',
      issue: 'invalid',
    });
    expect(parseDoc('person', { name: ' Alice ', skills: ['SQL'] })).toEqual({
      ok: true,
      body: { name: 'Alice', skills: ['SQL'] },
    });
  });
});

describe('normaliseName and parseList', () => {
  it('ignores case, accents and spacing', () => {
    expect(normaliseName('  Élodie   PETIT ')).toBe('elodie petit');
  });

  it('splits a typed list and keeps each entry once', () => {
    expect(parseList('PostgreSQL, kafka;\n  incident   command ,postgresql,, ')).toEqual([
      'PostgreSQL',
      'kafka',
      'incident command',
    ]);
    expect(parseList('  ')).toEqual([]);
  });
});

describe('searchPeople', () => {
  it('lists everyone by name for an empty query', () => {
    expect(searchPeople(directory, '').map((p) => p.id)).toEqual(['a', 'b', 'e']);
  });

  it('matches name, team and skills, every word, accents ignored', () => {
    expect(searchPeople(directory, 'kafka').map((p) => p.id)).toEqual(['b']);
    expect(searchPeople(directory, 'payments').map((p) => p.id)).toEqual(['a']);
    expect(searchPeople(directory, 'elodie').map((p) => p.id)).toEqual(['e']);
    expect(searchPeople(directory, 'stores kafka').map((p) => p.id)).toEqual(['b']);
    expect(searchPeople(directory, 'stores postgresql')).toEqual([]);
  });

  it('puts names starting with the query first', () => {
    const many = people(alice, { id: 'm', name: 'Martin Roux', updatedAt: 1 });
    expect(searchPeople(many, 'mart').map((p) => p.id)).toEqual(['m', 'a']);
  });
});

describe('resolvePerson', () => {
  it('takes the directory entry picked, with its current name', () => {
    expect(resolvePerson(directory, { id: 'a', name: 'Ali' })).toEqual({ id: 'a', name: 'Alice Martin' });
  });

  it('joins a typed name to the one directory entry that has it', () => {
    expect(resolvePerson(directory, { name: '  alice   martin ' })).toEqual({ id: 'a', name: 'Alice Martin' });
  });

  it('keeps a name not in the directory, or shared by two entries, as typed', () => {
    expect(resolvePerson(directory, { name: ' Zoé  Leroy ' })).toEqual({ name: 'Zoé Leroy' });
    const twins = people(alice, { ...alice, id: 'a2' });
    expect(resolvePerson(twins, { name: 'Alice Martin' })).toEqual({ name: 'Alice Martin' });
    expect(resolvePerson(directory, { name: '   ' })).toBeUndefined();
  });
});

describe('checkPerson', () => {
  it('builds a body without empty optional fields', () => {
    expect(checkPerson({ name: ' Alice ', contact: ' ', team: 'Payments ', skills: 'SQL, sql, Kafka' })).toEqual({
      ok: true,
      body: { name: 'Alice', team: 'Payments', skills: ['SQL', 'Kafka'] },
    });
  });

  it('reports every bad field at once', () => {
    const result = checkPerson({
      name: '  ',
      contact: 'x'.repeat(201),
      team: 'ok',
      skills: Array.from({ length: 31 }, (_, i) => `skill ${i}`).join(','),
    });
    expect(result).toEqual({ ok: false, errors: { name: 'required', contact: 'too-long', skills: 'too-long' } });
  });
});

describe('isRoleNameTaken', () => {
  const roles = new Map([['r1', { id: 'r1', name: 'Vendor liaison', updatedAt: 1 }]]);
  it('finds another role with the same name, not the role itself', () => {
    expect(isRoleNameTaken(roles, ' VENDOR liaison')).toBe(true);
    expect(isRoleNameTaken(roles, 'Vendor liaison', 'r1')).toBe(false);
    expect(isRoleNameTaken(roles, 'Store liaison')).toBe(false);
  });
});

describe('workspace documents in the fold', () => {
  it('puts, replaces and deletes people and roles, and counts bodies that do not parse', () => {
    const drafts: EventDraft[] = [
      { type: 'doc.put', actor: 'C', payload: { collection: 'person', docId: 'a', body: { name: 'Alice' } } },
      { type: 'doc.put', actor: 'C', payload: { collection: 'person', docId: 'a', body: { name: 'Alice M.' } } },
      { type: 'doc.put', actor: 'C', payload: { collection: 'role', docId: 'r', body: { name: 'Vendor' } } },
      { type: 'doc.put', actor: 'C', payload: { collection: 'person', docId: 'x', body: { name: '' } } },
      { type: 'doc.delete', actor: 'C', payload: { collection: 'role', docId: 'r' } },
    ];
    let n = 0;
    const { events } = sealEvents(EMPTY_HEAD, drafts, {
      workspace: 'default',
      deviceId: 'd',
      nowMs: 1_000,
      newId: () => `e${(n += 1)}`,
    });
    const { docs } = foldEvents(events);
    expect(docs.people.get('a')?.name).toBe('Alice M.');
    expect(docs.roles.size).toBe(0);
    expect(docs.invalid).toBe(1);
  });
});
