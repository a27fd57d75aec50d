// Which timeline entries a reader wants to see: by kind, author, role, words and
// pins. Pure, so the panel, exports and tests agree. Built for 100,000 entries:
// each entry's searchable text is normalised once (cached per entry object, and
// entries are immutable and shared by every copy of a timeline), so a keystroke
// costs one pass of substring checks, not a pass of Unicode normalisation.
import { NOTE_KINDS, type NoteKind } from '../events/event';
import { localText } from '../runbooks/runbook-schema';
import type { TimelineEntry, TimelineEntryKind } from './incidents';
import type { ListView } from './persistent-list';

/** What the kind filter offers: each note kind, and each kind of change. */
export const CHANGE_KINDS = [
  'declared',
  'updated',
  'status',
  'severity',
  'key-time',
  'role',
  'monitor',
  'runbook',
  'message',
  'continuity',
] as const satisfies readonly Exclude<TimelineEntryKind, 'note'>[];
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export type FilterKind = NoteKind | ChangeKind;
export const FILTER_KINDS: readonly FilterKind[] = [...NOTE_KINDS, ...CHANGE_KINDS];

export interface TimelineFilter {
  /** Kinds to show; empty shows every kind. */
  readonly kinds: ReadonlySet<FilterKind>;
  /** Only entries by this author (as written in the record), or everyone. */
  readonly author: string | null;
  /** Only entries whose author held this role at the time, or any. */
  readonly role: string | null;
  /** Words that must all appear, whatever their case and accents. */
  readonly query: string;
  readonly isPinnedOnly: boolean;
}

export const NO_FILTER: TimelineFilter = { kinds: new Set(), author: null, role: null, query: '', isPinnedOnly: false };

/** The kind an entry counts as for the filter: a note by its note kind, any other entry by its own. */
export function filterKindOf(entry: TimelineEntry): FilterKind {
  return entry.kind === 'note' ? entry.noteKind : entry.kind;
}

/** Lower case, accents and other combining marks removed: "Élodie" and "elodie" match. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The words of a query, normalised; empty words are dropped. */
export function queryTerms(query: string): string[] {
  return normaliseText(query)
    .split(/\s+/)
    .filter((term) => term.length > 0);
}

/** Everything a person typed in an entry, plus its author: what a search looks through. */
function rawSearchText(entry: TimelineEntry): string {
  const parts: (string | undefined)[] = [entry.actor];
  switch (entry.kind) {
    case 'declared':
      parts.push(entry.title, entry.severity, entry.incidentKind);
      break;
    case 'updated':
      parts.push(entry.changes.title, entry.changes.kind, ...(entry.changes.services ?? []));
      parts.push(...(entry.changes.processes ?? []));
      break;
    case 'note':
      parts.push(entry.text);
      break;
    case 'status':
      parts.push(entry.from, entry.to);
      break;
    case 'severity':
      parts.push(entry.from, entry.to);
      break;
    case 'key-time':
      parts.push(entry.key, entry.reason);
      break;
    case 'role':
      parts.push(entry.role, entry.person?.name, entry.previous?.name, entry.note);
      if (entry.briefing) parts.push(entry.briefing.conditions, entry.briefing.actions, entry.briefing.needs);
      break;
    case 'monitor':
      parts.push(entry.name, entry.status);
      break;
    case 'runbook':
      parts.push(localText(entry.runbookTitle, 'en'), localText(entry.runbookTitle, 'fr'), entry.note);
      if (entry.stepTitle) parts.push(localText(entry.stepTitle, 'en'), localText(entry.stepTitle, 'fr'));
      break;
    case 'message':
      parts.push(entry.audience, entry.channel, entry.destination, entry.subject, entry.text, entry.reason);
      break;
    case 'continuity':
      parts.push(entry.process, entry.threshold);
      break;
  }
  return parts.filter((part): part is string => part !== undefined).join('\n');
}

const searchTexts = new WeakMap<TimelineEntry, string>();

/** An entry's normalised searchable text, computed once per entry. */
export function searchTextOf(entry: TimelineEntry): string {
  let text = searchTexts.get(entry);
  if (text === undefined) {
    text = normaliseText(rawSearchText(entry));
    searchTexts.set(entry, text);
  }
  return text;
}

export function isFilterActive(filter: TimelineFilter): boolean {
  return (
    filter.kinds.size > 0 ||
    filter.author !== null ||
    filter.role !== null ||
    filter.isPinnedOnly ||
    queryTerms(filter.query).length > 0
  );
}

/**
 * The entries that pass the filter, in the timeline's order (oldest first). With
 * no filter active the timeline itself is returned, uncopied.
 */
export function filterTimeline<Entries extends ListView<TimelineEntry>>(
  timeline: Entries,
  filter: TimelineFilter,
  pinned: ReadonlySet<string>,
): Entries | TimelineEntry[] {
  const terms = queryTerms(filter.query);
  const { kinds, author, role, isPinnedOnly } = filter;
  if (kinds.size === 0 && author === null && role === null && !isPinnedOnly && terms.length === 0) return timeline;
  const result: TimelineEntry[] = [];
  for (const entry of timeline) {
    if (kinds.size > 0 && !kinds.has(filterKindOf(entry))) continue;
    if (author !== null && entry.actor !== author) continue;
    if (role !== null && !entry.actorRoles.includes(role)) continue;
    if (isPinnedOnly && !pinned.has(entry.eventId)) continue;
    if (terms.length > 0) {
      const text = searchTextOf(entry);
      if (!terms.every((term) => text.includes(term))) continue;
    }
    result.push(entry);
  }
  return result;
}

function sameKinds(a: ReadonlySet<FilterKind>, b: ReadonlySet<FilterKind>): boolean {
  if (a.size !== b.size) return false;
  for (const kind of a) if (!b.has(kind)) return false;
  return true;
}

/**
 * Whether every entry passing `next` also passes `previous`: the same criteria,
 * and a query that only grew at its end (the user is typing). The entries that
 * passed `previous` then suffice to compute `next`, which keeps typing cheap.
 */
export function isNarrowing(previous: TimelineFilter, next: TimelineFilter): boolean {
  return (
    previous.author === next.author &&
    previous.role === next.role &&
    previous.isPinnedOnly === next.isPinnedOnly &&
    sameKinds(previous.kinds, next.kinds) &&
    normaliseText(next.query).startsWith(normaliseText(previous.query).trimEnd())
  );
}

export interface TimelineFacets {
  /** Everyone who wrote in the timeline, by name. */
  readonly authors: readonly string[];
  /** Every role an author held when writing. */
  readonly roles: readonly string[];
}

/** The authors and roles a timeline's filters can offer, sorted. */
export function timelineFacets(timeline: Iterable<TimelineEntry>): TimelineFacets {
  const authors = new Set<string>();
  const roles = new Set<string>();
  for (const entry of timeline) {
    authors.add(entry.actor);
    for (const role of entry.actorRoles) roles.add(role);
  }
  const byName = (a: string, b: string) => a.localeCompare(b);
  return { authors: [...authors].sort(byName), roles: [...roles].sort(byName) };
}

/** The pinned entries ("key moments"), oldest first. */
export function pinnedEntries(timeline: Iterable<TimelineEntry>, pinned: ReadonlySet<string>): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  if (pinned.size === 0) return entries;
  for (const entry of timeline) if (pinned.has(entry.eventId)) entries.push(entry);
  return entries;
}
