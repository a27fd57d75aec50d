import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from './incidents';
import {
  filterKindOf,
  filterTimeline,
  isFilterActive,
  isNarrowing,
  NO_FILTER,
  normaliseText,
  pinnedEntries,
  searchTextOf,
  timelineFacets,
  type TimelineFilter,
} from './timeline-filter';

const base = (eventId: string, actor: string, actorRoles: string[] = []) => ({
  eventId,
  at: 1_700_000_000_000 + Number(eventId.replace(/\D/g, '')) * 1000,
  actor,
  actorRoles,
});

const TIMELINE: readonly TimelineEntry[] = [
  {
    ...base('e1', 'Camille Laurent'),
    kind: 'declared',
    title: 'Checkout down',
    severity: 'SEV1',
    incidentKind: 'security',
  },
  {
    ...base('e2', 'Camille Laurent'),
    kind: 'role',
    action: 'assigned',
    role: 'commander',
    person: { name: 'Camille Laurent' },
  },
  {
    ...base('e3', 'Camille Laurent', ['commander']),
    kind: 'note',
    noteKind: 'decision',
    text: 'Fail over to the Élysée DC',
  },
  { ...base('e4', 'Bob', []), kind: 'note', noteKind: 'observation', text: 'Latency back to NORMAL' },
  { ...base('e5', 'Bob', []), kind: 'status', from: 'investigating', to: 'identified' },
  {
    ...base('e6', 'Bob'),
    kind: 'key-time',
    key: 'detected',
    from: 1_700_000_000_000,
    to: 1_699_999_000_000,
    reason: 'The pager fired earlier than we declared',
  },
  {
    ...base('e7', 'Dana', ['scribe']),
    kind: 'role',
    action: 'handed-over',
    role: 'commander',
    person: { name: 'Dana' },
    previous: { name: 'Camille Laurent' },
    briefing: { conditions: 'Stable on the backup', actions: 'Rollback prepared', needs: 'A DBA on call' },
  },
  { ...base('e8', 'Dana', ['scribe', 'commander']), kind: 'note', noteKind: 'action', text: 'Rolled back release 42' },
];

const filter = (change: Partial<TimelineFilter>): TimelineFilter => ({ ...NO_FILTER, ...change });
const ids = (entries: readonly TimelineEntry[]) => entries.map((entry) => entry.eventId);

describe('filterTimeline', () => {
  it('returns the timeline itself, uncopied, when nothing is filtered', () => {
    expect(filterTimeline(TIMELINE, NO_FILTER, new Set())).toBe(TIMELINE);
    expect(filterTimeline(TIMELINE, filter({ query: '   ' }), new Set())).toBe(TIMELINE);
    expect(isFilterActive(filter({ query: '  ' }))).toBe(false);
    expect(isFilterActive(filter({ isPinnedOnly: true }))).toBe(true);
  });

  it('filters by note kind and change kind together', () => {
    const result = filterTimeline(TIMELINE, filter({ kinds: new Set(['decision', 'status']) }), new Set());
    expect(ids(result)).toEqual(['e3', 'e5']);
    expect(filterKindOf(TIMELINE[3]!)).toBe('observation');
    expect(filterKindOf(TIMELINE[4]!)).toBe('status');
  });

  it('filters by author, exactly as written', () => {
    expect(ids(filterTimeline(TIMELINE, filter({ author: 'Bob' }), new Set()))).toEqual(['e4', 'e5', 'e6']);
    expect(ids(filterTimeline(TIMELINE, filter({ author: 'bob' }), new Set()))).toEqual([]);
  });

  it('filters by the role the author held when writing', () => {
    expect(ids(filterTimeline(TIMELINE, filter({ role: 'commander' }), new Set()))).toEqual(['e3', 'e8']);
    expect(ids(filterTimeline(TIMELINE, filter({ role: 'scribe' }), new Set()))).toEqual(['e7', 'e8']);
  });

  it('searches whatever the case and the accents, every word required', () => {
    expect(ids(filterTimeline(TIMELINE, filter({ query: 'elysee' }), new Set()))).toEqual(['e3']);
    expect(ids(filterTimeline(TIMELINE, filter({ query: 'ÉLYSÉE fail' }), new Set()))).toEqual(['e3']);
    expect(ids(filterTimeline(TIMELINE, filter({ query: 'normal latency' }), new Set()))).toEqual(['e4']);
    expect(ids(filterTimeline(TIMELINE, filter({ query: 'normal release' }), new Set()))).toEqual([]);
  });

  it('searches reasons, briefings, people and authors too', () => {
    expect(ids(filterTimeline(TIMELINE, filter({ query: 'pager' }), new Set()))).toEqual(['e6']);
    expect(ids(filterTimeline(TIMELINE, filter({ query: 'dba' }), new Set()))).toEqual(['e7']);
    expect(ids(filterTimeline(TIMELINE, filter({ query: 'laurent' }), new Set()))).toEqual(['e1', 'e2', 'e3', 'e7']);
  });

  it('keeps only pinned entries when asked, and combines every criterion', () => {
    const pinned = new Set(['e3', 'e5', 'e8']);
    expect(ids(filterTimeline(TIMELINE, filter({ isPinnedOnly: true }), pinned))).toEqual(['e3', 'e5', 'e8']);
    expect(
      ids(filterTimeline(TIMELINE, filter({ isPinnedOnly: true, kinds: new Set(['action']), author: 'Dana' }), pinned)),
    ).toEqual(['e8']);
  });

  it('treats markup and regular-expression characters in a query as plain text', () => {
    const hostile: TimelineEntry = { ...base('e9', 'Eve'), kind: 'note', noteKind: 'note', text: 'a.*b <img src=x>' };
    const timeline = [...TIMELINE, hostile];
    expect(ids(filterTimeline(timeline, filter({ query: '.*' }), new Set()))).toEqual(['e9']);
    expect(ids(filterTimeline(timeline, filter({ query: '<img' }), new Set()))).toEqual(['e9']);
  });

  it('finds entries among 100,000', () => {
    const big: TimelineEntry[] = Array.from({ length: 100_000 }, (_, index) => ({
      ...base(`n${index}`, index % 2 ? 'Bob' : 'Ana'),
      kind: 'note',
      noteKind: 'note',
      text: `Entry ${index}: café au lait`,
    }));
    // The first pass normalises; later ones only compare.
    expect(filterTimeline(big, filter({ query: 'cafe' }), new Set())).toHaveLength(100_000);
    expect(ids(filterTimeline(big, filter({ query: 'entry 99999:' }), new Set()))).toEqual(['n99999']);
  });
});

describe('isNarrowing', () => {
  it('holds while the query only grows, and the result of the narrower filter is found within the wider one', () => {
    const wide = filter({ query: 'fail', author: 'Camille Laurent' });
    const narrow = filter({ query: 'FAIL ove', author: 'Camille Laurent' });
    expect(isNarrowing(wide, narrow)).toBe(true);
    const within = filterTimeline(TIMELINE, wide, new Set());
    expect(filterTimeline(within, narrow, new Set())).toEqual(filterTimeline(TIMELINE, narrow, new Set()));
  });

  it('does not hold when a criterion changes or the query is edited elsewhere', () => {
    expect(isNarrowing(filter({ query: 'fail' }), filter({ query: 'fai' }))).toBe(false);
    expect(isNarrowing(filter({ query: 'fail' }), filter({ query: 'xfail' }))).toBe(false);
    expect(isNarrowing(filter({ query: 'a' }), filter({ query: 'ab', author: 'Bob' }))).toBe(false);
    expect(isNarrowing(filter({ kinds: new Set(['note']) }), filter({ kinds: new Set(['decision']) }))).toBe(false);
    expect(isNarrowing(filter({}), filter({ isPinnedOnly: true }))).toBe(false);
  });
});

describe('normalised search text', () => {
  it('folds case and accents once per entry', () => {
    expect(normaliseText('Écoute ÇA, Ærø')).toBe('ecoute ca, ærø');
    const entry = TIMELINE[2]!;
    expect(searchTextOf(entry)).toBe(searchTextOf(entry));
    expect(searchTextOf(entry)).toContain('fail over to the elysee dc');
  });
});

describe('facets and key moments', () => {
  it('lists authors and roles held, sorted', () => {
    expect(timelineFacets(TIMELINE)).toEqual({
      authors: ['Bob', 'Camille Laurent', 'Dana'],
      roles: ['commander', 'scribe'],
    });
  });

  it('lists pinned entries oldest first', () => {
    expect(ids(pinnedEntries(TIMELINE, new Set(['e8', 'e1'])))).toEqual(['e1', 'e8']);
    expect(pinnedEntries(TIMELINE, new Set())).toEqual([]);
  });
});
