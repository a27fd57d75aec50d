// The pinned entries, oldest first, as a compact list above the timeline: the
// story of the incident at a glance. Choosing one shows it in the timeline.
import type { Documents } from '../../../common/domain/documents';
import type { TimelineEntry } from '../../../common/domain/incidents';
import { describeEntry, entryKindLabel, type ExportContext } from '../../../common/domain/timeline-export';
import { useLocale, useT } from '../../i18n';
import { formatClock, userTimeZone } from './timeline-time';

interface Props {
  entries: readonly TimelineEntry[];
  docs: Documents;
  now: number;
  onShow(eventId: string): void;
}

export function KeyMoments({ entries, docs, now, onShow }: Props) {
  const t = useT();
  const locale = useLocale();
  if (entries.length === 0) return null;
  // The same one-line descriptions as the exports, in the window's language.
  const context: ExportContext = {
    locale,
    translate: (_locale, key, values) => t(key, values ?? {}),
    timeZone: userTimeZone(),
    now,
  };
  return (
    <nav className="tl-moments" aria-labelledby="key-moments-heading" data-testid="key-moments">
      <h3 id="key-moments-heading">
        ★ {t('timeline.keyMoments')} <span className="muted">{entries.length}</span>
      </h3>
      <ol>
        {entries.map((entry) => (
          <li key={entry.eventId}>
            <button type="button" className="tl-moment" data-testid="key-moment" onClick={() => onShow(entry.eventId)}>
              <time dateTime={new Date(entry.at).toISOString()}>{formatClock(entry.at, now, locale)}</time>
              <span className="tl-moment-kind">{entryKindLabel(entry, context)}</span>
              <span className="tl-moment-text">
                <strong>{entry.actor}</strong> {describeEntry(entry, docs, context)}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
