// The timeline as filtered, recomputed as little as possible on 100,000
// entries: nothing at all with no filter; only the new entries when some were
// appended (a note just posted); only the previous matches while a search
// query grows (the user typing). And the search text of every entry is
// normalised ahead, in idle time, so the first keystroke does not pay for it.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TimelineEntry } from '../../../common/domain/incidents';
import {
  filterTimeline,
  isFilterActive,
  isNarrowing,
  searchTextOf,
  type TimelineFilter,
} from '../../../common/domain/timeline-filter';

interface Computed {
  readonly timeline: readonly TimelineEntry[];
  readonly pinned: ReadonlySet<string>;
  readonly filter: TimelineFilter;
  readonly result: readonly TimelineEntry[];
}

/** Whether `next` is `previous` with entries appended (the fold copies on write, so entries keep their identity). */
function isAppendOf(previous: readonly TimelineEntry[], next: readonly TimelineEntry[]): boolean {
  return (
    next.length >= previous.length &&
    previous.length > 0 &&
    next[0] === previous[0] &&
    next[previous.length - 1] === previous[previous.length - 1]
  );
}

/** The last filtering done, to build the next one on. */
class FilterCache {
  private last: Computed | null = null;

  filter(timeline: readonly TimelineEntry[], filter: TimelineFilter, pinned: ReadonlySet<string>) {
    const last = this.last;
    let result: readonly TimelineEntry[];
    if (!isFilterActive(filter)) result = timeline;
    else if (last && last.pinned === pinned && last.timeline === timeline && isNarrowing(last.filter, filter)) {
      result = filterTimeline(last.result, filter, pinned);
    } else if (last && last.pinned === pinned && last.filter === filter && isAppendOf(last.timeline, timeline)) {
      const added = filterTimeline(timeline.slice(last.timeline.length), filter, pinned);
      result = added.length === 0 ? last.result : [...last.result, ...added];
    } else result = filterTimeline(timeline, filter, pinned);
    this.last = { timeline, pinned, filter, result };
    return result;
  }
}

export function useFilteredTimeline(
  timeline: readonly TimelineEntry[],
  filter: TimelineFilter,
  pinned: ReadonlySet<string>,
): readonly TimelineEntry[] {
  const [cache] = useState(() => new FilterCache());
  return useMemo(() => cache.filter(timeline, filter, pinned), [cache, timeline, filter, pinned]);
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
export function useSearchWarmUp(timeline: readonly TimelineEntry[]): void {
  const warmed = useRef<readonly TimelineEntry[]>([]);
  useEffect(() => {
    const from = isAppendOf(warmed.current, timeline) ? warmed.current.length : 0;
    let index = timeline.length - 1;
    let handle: IdleHandle | null = null;
    const step = () => {
      const stop = Math.max(from, index - WARM_CHUNK);
      for (; index >= stop; index -= 1) {
        const entry = timeline[index];
        if (entry) searchTextOf(entry);
      }
      if (index >= from) handle = whenIdle(step);
      else warmed.current = timeline;
    };
    handle = whenIdle(step);
    return () => handle?.cancel();
  }, [timeline]);
}
