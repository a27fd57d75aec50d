// The timeline as filtered, recomputed as little as possible on 100,000
// entries: nothing at all with no filter; only the new entries when some were
// appended (a note just posted); only the previous matches while a search
// query grows (the user typing). And the search text of every entry is
// normalised ahead, in idle time, so the first keystroke does not pay for it.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Timeline, TimelineEntry } from '../../../common/domain/incidents';
import type { ListView } from '../../../common/domain/persistent-list';
import {
  filterTimeline,
  isFilterActive,
  isNarrowing,
  pinnedEntries,
  searchTextOf,
  timelineFacets,
  type TimelineFacets,
  type TimelineFilter,
} from '../../../common/domain/timeline-filter';

interface Computed {
  readonly timeline: Timeline;
  readonly pinned: ReadonlySet<string>;
  readonly filter: TimelineFilter;
  readonly result: ListView<TimelineEntry>;
}

/** Whether `next` is `previous` with entries appended (the fold copies on write, so entries keep their identity). */
function isAppendOf(previous: ListView<TimelineEntry>, next: ListView<TimelineEntry>): boolean {
  return (
    next.length >= previous.length &&
    previous.length > 0 &&
    next.at(0) === previous.at(0) &&
    next.at(previous.length - 1) === previous.at(previous.length - 1)
  );
}

/** Pins as a set of ids: the fold copies the set when it changes it. */
function isSameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

/** The last filtering done, to build the next one on. */
class FilterCache {
  private last: Computed | null = null;

  filter(timeline: Timeline, filter: TimelineFilter, pinned: ReadonlySet<string>) {
    const last = this.last;
    let result: ListView<TimelineEntry>;
    if (!isFilterActive(filter)) result = timeline;
    else if (last && last.timeline === timeline && isSameSet(last.pinned, pinned) && isNarrowing(last.filter, filter)) {
      result = filterTimeline(last.result, filter, pinned);
    } else if (
      last &&
      last.filter === filter &&
      isSameSet(last.pinned, pinned) &&
      isAppendOf(last.timeline, timeline)
    ) {
      const added = filterTimeline(timeline.slice(last.timeline.length), filter, pinned);
      result = added.length === 0 ? last.result : [...last.result, ...added];
    } else result = filterTimeline(timeline, filter, pinned);
    this.last = { timeline, pinned, filter, result };
    return result;
  }
}

export function useFilteredTimeline(
  timeline: Timeline,
  filter: TimelineFilter,
  pinned: ReadonlySet<string>,
): ListView<TimelineEntry> {
  const [cache] = useState(() => new FilterCache());
  return useMemo(() => cache.filter(timeline, filter, pinned), [cache, timeline, filter, pinned]);
}

/** Authors and roles, extended with what was appended rather than recounted. */
class FacetsCache {
  private last: {
    timeline: Timeline;
    authors: Set<string>;
    roles: Set<string>;
    facets: TimelineFacets;
  } | null = null;

  facets(timeline: Timeline): TimelineFacets {
    const last = this.last;
    if (last && isAppendOf(last.timeline, timeline)) {
      const { authors, roles } = last;
      const before = authors.size + roles.size;
      for (let index = last.timeline.length; index < timeline.length; index += 1) {
        const entry = timeline.at(index);
        if (!entry) continue;
        authors.add(entry.actor);
        for (const role of entry.actorRoles) roles.add(role);
      }
      const facets = authors.size + roles.size === before ? last.facets : sortedFacets(authors, roles);
      this.last = { timeline, authors, roles, facets };
      return facets;
    }
    const facets = timelineFacets(timeline);
    this.last = { timeline, authors: new Set(facets.authors), roles: new Set(facets.roles), facets };
    return facets;
  }
}

function sortedFacets(authors: ReadonlySet<string>, roles: ReadonlySet<string>): TimelineFacets {
  const byName = (a: string, b: string) => a.localeCompare(b);
  return { authors: [...authors].sort(byName), roles: [...roles].sort(byName) };
}

export function useTimelineFacets(timeline: Timeline): TimelineFacets {
  const [cache] = useState(() => new FacetsCache());
  return useMemo(() => cache.facets(timeline), [cache, timeline]);
}

/** The key moments, extended with what was appended while the pins stayed the same. */
class MomentsCache {
  private last: { timeline: Timeline; pinned: ReadonlySet<string>; moments: TimelineEntry[] } | null = null;

  moments(timeline: Timeline, pinned: ReadonlySet<string>): TimelineEntry[] {
    const last = this.last;
    let moments: TimelineEntry[];
    if (last && isSameSet(last.pinned, pinned) && isAppendOf(last.timeline, timeline)) {
      const added = pinnedEntries(timeline.slice(last.timeline.length), pinned);
      moments = added.length === 0 ? last.moments : [...last.moments, ...added];
    } else moments = pinnedEntries(timeline, pinned);
    this.last = { timeline, pinned, moments };
    return moments;
  }
}

export function useKeyMoments(timeline: Timeline, pinned: ReadonlySet<string>): TimelineEntry[] {
  const [cache] = useState(() => new MomentsCache());
  return useMemo(() => cache.moments(timeline, pinned), [cache, timeline, pinned]);
}

/** Entries normalised per idle slice: small enough never to delay a frame. */
const WARM_CHUNK = 2000;

type IdleHandle = { cancel(): void };

function whenIdle(run: () => void): IdleHandle {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 1000 });
    return { cancel: () => cancelIdleCallback(id) };
  }
  const id = setTimeout(run, 16);
  return { cancel: () => clearTimeout(id) };
}

/** Normalises every entry's search text in idle time, newest first, each entry once. */
export function useSearchWarmUp(timeline: Timeline): void {
  const warmed = useRef<ListView<TimelineEntry>>([]);
  useEffect(() => {
    const from = isAppendOf(warmed.current, timeline) ? warmed.current.length : 0;
    let index = timeline.length - 1;
    let handle: IdleHandle | null = null;
    const step = () => {
      const stop = Math.max(from, index - WARM_CHUNK);
      for (; index >= stop; index -= 1) {
        const entry = timeline.at(index);
        if (entry) searchTextOf(entry);
      }
      if (index >= from) handle = whenIdle(step);
      else warmed.current = timeline;
    };
    handle = whenIdle(step);
    return () => handle?.cancel();
  }, [timeline]);
}
