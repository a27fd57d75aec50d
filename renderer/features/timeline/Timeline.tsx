// The incident's timeline, oldest first, as the record holds it. Note text is
// rendered as a text node: markup in a note is shown, never interpreted.
import type { TimelineEntry } from '../../../common/domain/incidents';
import { assertNever } from '../../../common/assert';
import { useLocale, useT } from '../../i18n';
import { formatDateTime, formatRelative, formatTime } from '../../i18n/format';
import { RunbookTimelineEntry } from '../runbooks/RunbookTimelineEntry';

interface Props {
  entries: readonly TimelineEntry[];
  now: number;
}

function EntryBody({ entry }: { entry: TimelineEntry }) {
  const t = useT();
  switch (entry.kind) {
    case 'declared':
      return (
        <p>
          <strong className="actor">{entry.actor}</strong>{' '}
          {t('timeline.declared', { severity: entry.severity, kind: t(`kind.${entry.incidentKind}`) })}
        </p>
      );
    case 'status':
      return (
        <p>
          <strong className="actor">{entry.actor}</strong>{' '}
          {t('timeline.statusChanged', { from: t(`status.${entry.from}`), to: t(`status.${entry.to}`) })}
        </p>
      );
    case 'severity':
      return (
        <p>
          <strong className="actor">{entry.actor}</strong>{' '}
          {t('timeline.severityChanged', { from: entry.from, to: entry.to })}
        </p>
      );
    case 'note':
      return (
        <>
          <strong className="actor">{entry.actor}</strong>
          <p className="note-text" data-testid="note-text">
            {entry.text}
          </p>
        </>
      );
    case 'updated':
    case 'key-time':
    case 'role':
      return (
        <p>
          <strong className="actor">{entry.actor}</strong> {entry.kind}
        </p>
      );
    case 'runbook':
      return <RunbookTimelineEntry entry={entry} />;
    default:
      return assertNever(entry);
  }
}

export function Timeline({ entries, now }: Props) {
  const locale = useLocale();
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((entry) => (
        <li
          key={entry.eventId}
          className={`entry entry-${entry.kind}`}
          data-testid="timeline-entry"
          data-kind={entry.kind}
        >
          <time dateTime={new Date(entry.at).toISOString()} title={formatDateTime(entry.at, locale)}>
            <span className="clock">{formatTime(entry.at, locale)}</span>
            <span className="muted">{formatRelative(entry.at, now, locale)}</span>
          </time>
          <div className="entry-body">
            <EntryBody entry={entry} />
          </div>
        </li>
      ))}
    </ol>
  );
}
