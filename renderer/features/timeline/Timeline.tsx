// The incident's timeline, newest first, in its own scrolling pane. Only the
// rows in view (and a few around) are mounted, each measured as it renders, so
// 100,000 entries scroll like 100. While the reader is at the top, new entries
// appear there; once they have scrolled down to read, the row under their eyes
// stays put and a button says how many entries arrived above.
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Documents } from '../../../common/domain/documents';
import type { TimelineEntry } from '../../../common/domain/incidents';
import type { ListView } from '../../../common/domain/persistent-list';
import { filterKindOf } from '../../../common/domain/timeline-filter';
import { useLocale, useT } from '../../i18n';
import { charsPerLine, LINE_PX, RowHeights } from './row-height';
import { TimelineEntryView } from './TimelineEntryView';
import type { TimeMode } from './timeline-time';
import './timeline.css';

/** A request to bring one entry into view; `nonce` repeats a request for the same entry. */
export interface ScrollRequest {
  readonly eventId: string;
  readonly nonce: number;
}

interface Props {
  /** Oldest first, as filtered; shown newest first. */
  entries: ListView<TimelineEntry>;
  pinned: ReadonlySet<string>;
  docs: Documents;
  now: number;
  timeMode: TimeMode;
  onPin(entry: TimelineEntry, pinned: boolean): void;
  scrollRequest?: ScrollRequest | null;
  /** Changes with the filters: the list then starts again from the newest entry. */
  viewKey?: string;
}

/** Within this many pixels of the top, the reader follows new entries. */
const TOP_SLACK_PX = 8;
/** Rows mounted beyond each edge of the pane: smooth flings, still a few dozen rows in all. */
const OVERSCAN = 8;
/** A pane not laid out (no layout engine, or hidden) still shows its newest rows. */
const FALLBACK_HEIGHT_PX = 640;
const FALLBACK_WIDTH_PX = 900;
/** New entries above are counted up to this many. */
const MAX_UNSEEN = 999;

function observeRect(
  instance: Virtualizer<HTMLDivElement, Element>,
  onRect: (rect: { width: number; height: number }) => void,
) {
  return observeElementRect(instance, (rect) =>
    onRect(rect.height > 0 ? rect : { width: rect.width, height: FALLBACK_HEIGHT_PX }),
  );
}

export function Timeline({ entries, pinned, docs, now, timeMode, onPin, scrollRequest = null, viewKey = '' }: Props) {
  const t = useT();
  const locale = useLocale();
  const [pane, setPane] = useState<HTMLDivElement | null>(null);
  const [isAtTop, setIsAtTop] = useState(true);
  /** The newest entry when the reader left the top: what came after it is "new". */
  const [seenNewest, setSeenNewest] = useState<string | null>(null);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const count = entries.length;
  // Stable per list: the virtualizer re-measures every row when these change.
  const at = useCallback((index: number) => entries.at(count - 1 - index), [entries, count]);
  // The pane's width, for the height guesses; rounded so that a pixel of resize re-lays out nothing.
  const [perLine, setPerLine] = useState(() => charsPerLine(FALLBACK_WIDTH_PX));
  const [rowHeights] = useState(() => new RowHeights());
  const heights = useMemo(() => rowHeights.heightsFor(entries, perLine), [rowHeights, entries, perLine]);
  const estimateSize = useCallback((index: number) => heights[count - 1 - index] ?? LINE_PX, [heights, count]);
  const getItemKey = useCallback((index: number) => at(index)?.eventId ?? index, [at]);

  // The build has no React Compiler to skip; the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => pane,
    estimateSize,
    getItemKey,
    overscan: OVERSCAN,
    observeElementRect: observeRect,
    // At the top, a new entry pushes the others down and shows; further down,
    // the row being read is anchored and the new ones wait above.
    anchorTo: isAtTop ? 'start' : 'end',
    onChange: (instance) => {
      setIsAtTop((instance.scrollOffset ?? 0) <= TOP_SLACK_PX);
      const width = instance.scrollRect?.width ?? 0;
      if (width > 0) setPerLine(charsPerLine(width));
    },
  });

  // Remember the newest entry as the reader leaves the top; forget it when they return.
  const newest = entries.at(count - 1)?.eventId ?? null;
  if (isAtTop && seenNewest !== null) setSeenNewest(null);
  if (!isAtTop && seenNewest === null && newest !== null) setSeenNewest(newest);
  let unseen = 0;
  if (!isAtTop && seenNewest !== null) {
    // Bounded: this runs on every scroll frame. An entry filtered away counts nothing.
    const limit = Math.max(0, count - MAX_UNSEEN);
    let index = count - 1;
    while (index >= limit && entries.at(index)?.eventId !== seenNewest) index -= 1;
    unseen = index >= limit ? count - 1 - index : 0;
  }

  // First the filters' reset, then a requested entry: a key moment clicked
  // while filters hid it clears them, and is shown once the list holds it.
  useLayoutEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [viewKey, virtualizer]);

  const handledRequest = useRef(0);
  useLayoutEffect(() => {
    if (!scrollRequest || handledRequest.current === scrollRequest.nonce) return;
    let position = count - 1;
    while (position >= 0 && entries.at(position)?.eventId !== scrollRequest.eventId) position -= 1;
    if (position < 0) return;
    handledRequest.current = scrollRequest.nonce;
    virtualizer.scrollToIndex(count - 1 - position, { align: 'center' });
    setHighlighted(scrollRequest.eventId);
  }, [scrollRequest, entries, count, virtualizer]);

  useEffect(() => {
    if (highlighted === null) return;
    const timer = setTimeout(() => setHighlighted(null), 2500);
    return () => clearTimeout(timer);
  }, [highlighted]);

  const items = virtualizer.getVirtualItems();
  return (
    <div className="tl-pane-wrap">
      {unseen > 0 && (
        <button
          type="button"
          className="tl-new-entries"
          data-testid="timeline-new-entries"
          onClick={() => virtualizer.scrollToOffset(0)}
        >
          ↑ {t('timeline.newEntries', { count: unseen })}
        </button>
      )}
      <div
        ref={setPane}
        className="tl-pane"
        data-testid="timeline"
        data-count={count}
        tabIndex={0}
        aria-label={t('incident.timeline')}
      >
        <ol className="tl-list" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const entry = at(item.index);
            if (!entry) return null;
            const isPinned = pinned.has(entry.eventId);
            const kind = filterKindOf(entry);
            return (
              <li
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                data-testid="timeline-entry"
                data-kind={entry.kind}
                data-note-kind={entry.kind === 'note' ? entry.noteKind : undefined}
                data-event-id={entry.eventId}
                className={`tl-row tl-kind-${kind}${isPinned ? ' is-pinned' : ''}${highlighted === entry.eventId ? ' is-highlighted' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <TimelineEntryView
                  entry={entry}
                  docs={docs}
                  locale={locale}
                  now={now}
                  timeMode={timeMode}
                  isPinned={isPinned}
                  onPin={onPin}
                />
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
