// The incident's timeline: the composer on top, the key moments, the filters,
// then every entry newest first in its own scrolling pane; exports of the whole
// record. Listens for the window's `exportTimeline` and `searchTimeline` commands.
import { downloadFile } from '../../app/download';
import { useCallback, useDeferredValue, useEffect, useRef, useState } from 'react';
import { EMPTY_DOCUMENTS } from '../../../common/domain/documents';
import type { Incident, TimelineEntry } from '../../../common/domain/incidents';
import { exportFileName, exportTimeline, MIME_TYPES, type ExportFormat } from '../../../common/domain/timeline-export';
import { isFilterActive, NO_FILTER, type TimelineFilter } from '../../../common/domain/timeline-filter';
import { translate } from '../../../common/i18n/messages';
import { onCommand } from '../../app/commands';
import { getEventStore, getProjection, useWarRoomState } from '../../db';
import { useLocale, useT } from '../../i18n';
import { createLogger } from '../../log';
import { KeyMoments } from './KeyMoments';
import { NoteComposer } from './NoteComposer';
import { Timeline, type ScrollRequest } from './Timeline';
import { TimelineFilters } from './TimelineFilters';
import { userTimeZone, type TimeMode } from './timeline-time';
import { useFilteredTimeline, useKeyMoments, useSearchWarmUp, useTimelineFacets } from './use-filtered-timeline';

const log = createLogger('timeline');

interface Props {
  incident: Incident;
  actor: string;
  now: number;
}

const EXPORT_FORMATS: readonly ExportFormat[] = ['markdown', 'csv', 'json'];

function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

const countFormats = new Map<string, Intl.NumberFormat>();

/** 100,001 / 100 001: counts grouped the reader's way. */
function formatCount(count: number, locale: string): string {
  let format = countFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    countFormats.set(locale, format);
  }
  return format.format(count);
}

function filterKey(filter: TimelineFilter): string {
  return JSON.stringify([[...filter.kinds].sort(), filter.author, filter.role, filter.query, filter.isPinnedOnly]);
}

export function TimelinePanel({ incident, actor, now }: Props) {
  const t = useT();
  const locale = useLocale();
  // The panel's props are fixed; names of custom roles and types come from the same replica.
  const docs = useWarRoomState(getProjection())?.docs ?? EMPTY_DOCUMENTS;
  const [filter, setFilter] = useState<TimelineFilter>(NO_FILTER);
  const [timeMode, setTimeMode] = useState<TimeMode>('relative');
  const [scrollRequest, setScrollRequest] = useState<ScrollRequest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  // Typing stays responsive: the list follows the filter a frame later if need be.
  const deferredFilter = useDeferredValue(filter);
  const entries = useFilteredTimeline(incident.timeline, deferredFilter, incident.pinned);
  useSearchWarmUp(incident.timeline);
  const facets = useTimelineFacets(incident.timeline);
  const moments = useKeyMoments(incident.timeline, incident.pinned);

  const onPin = useCallback(
    (entry: TimelineEntry, pinned: boolean) => {
      getEventStore()
        .append([
          {
            type: 'incident.entry-pinned',
            incidentId: incident.id,
            actor,
            payload: { eventId: entry.eventId, pinned },
          },
        ])
        .then(
          () => setError(null),
          (caught: unknown) =>
            setError(t('timeline.pinFailed', { message: caught instanceof Error ? caught.message : String(caught) })),
        );
    },
    [incident.id, actor, t],
  );

  const exportAs = useCallback(
    (format: ExportFormat) => {
      try {
        const timeZone = userTimeZone();
        const text = exportTimeline(format, incident, docs, { locale, translate, timeZone, now: Date.now() });
        downloadFile(exportFileName(incident, format, timeZone), MIME_TYPES[format], text);
      } catch (caught) {
        log.error('export failed', caught);
        setError(t('timeline.export.failed', { message: caught instanceof Error ? caught.message : String(caught) }));
      }
    },
    [incident, docs, locale, t],
  );

  useEffect(
    () =>
      onCommand('exportTimeline', (detail) => {
        const format = typeof detail === 'object' && detail !== null ? (detail as { format?: unknown }).format : detail;
        if (isExportFormat(format)) exportAs(format);
        else log.warn('export asked in an unknown format', detail);
      }),
    [exportAs],
  );

  useEffect(
    () =>
      onCommand('searchTimeline', () => {
        searchRef.current?.focus();
        searchRef.current?.select();
      }),
    [],
  );

  const showEntry = useCallback(
    (eventId: string) => {
      // An entry hidden by the filters is shown by clearing them.
      if (isFilterActive(filter) && !entries.some((entry) => entry.eventId === eventId)) setFilter(NO_FILTER);
      setScrollRequest((previous) => ({ eventId, nonce: (previous?.nonce ?? 0) + 1 }));
    },
    [filter, entries],
  );

  const isFiltered = isFilterActive(deferredFilter);
  return (
    <section className="timeline-panel tl-panel" data-testid="timeline-panel" aria-labelledby="timeline-heading">
      <header className="tl-header">
        <h2 id="timeline-heading">
          {t('incident.timeline')}{' '}
          <span className="muted" data-testid="timeline-count">
            {isFiltered
              ? t('timeline.filters.showing', {
                  count: entries.length,
                  shown: formatCount(entries.length, locale),
                  total: formatCount(incident.timeline.length, locale),
                })
              : t('timeline.total', {
                  count: incident.timeline.length,
                  total: formatCount(incident.timeline.length, locale),
                })}
          </span>
        </h2>
        <div className="tl-segmented" role="group" aria-label={t('timeline.time.label')}>
          {(['relative', 'absolute'] as const).map((mode) => (
            <button
              key={mode}
              type="button"
              aria-pressed={timeMode === mode}
              data-testid={`time-mode-${mode}`}
              onClick={() => setTimeMode(mode)}
            >
              {t(`timeline.time.${mode}`)}
            </button>
          ))}
        </div>
        <div
          className="tl-export"
          role="group"
          aria-label={t('timeline.export.label')}
          title={t('timeline.export.hint')}
        >
          <span className="muted">{t('timeline.export.label')}</span>
          {EXPORT_FORMATS.map((format) => (
            <button key={format} type="button" data-testid={`export-${format}`} onClick={() => exportAs(format)}>
              {t(`timeline.export.${format}`)}
            </button>
          ))}
        </div>
      </header>
      <NoteComposer incidentId={incident.id} actor={actor} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <KeyMoments entries={moments} docs={docs} now={now} onShow={showEntry} />
      <TimelineFilters filter={filter} facets={facets} docs={docs} onChange={setFilter} searchRef={searchRef} />
      {isFiltered && entries.length === 0 ? (
        <p className="empty tl-empty" data-testid="timeline-empty">
          {t('timeline.filters.empty')}
        </p>
      ) : (
        <Timeline
          entries={entries}
          pinned={incident.pinned}
          docs={docs}
          now={now}
          timeMode={timeMode}
          onPin={onPin}
          scrollRequest={scrollRequest}
          viewKey={filterKey(deferredFilter)}
        />
      )}
    </section>
  );
}
