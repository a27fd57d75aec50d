// One timeline entry, whatever its kind. Every piece of user text (notes,
// names, reasons, briefings) is a React text node: markup in it is shown,
// never interpreted. Notes keep their line breaks.
import { memo } from 'react';
import { assertNever } from '../../../common/assert';
import { crossingProcessName } from '../../../common/continuity/process-catalog';
import type { Documents } from '../../../common/domain/documents';
import type { TimelineEntry } from '../../../common/domain/incidents';
import { isBuiltInRole } from '../../../common/domain/roles';
import { INCIDENT_KINDS } from '../../../common/events/event';
import type { Locale } from '../../../common/i18n/locales';
import { useT } from '../../i18n';
import { MonitorEntryBody } from '../monitors/MonitorEntryBody';
import { MessageTimelineEntry } from '../comms/MessageTimelineEntry';
import { RunbookTimelineEntry } from '../runbooks/RunbookTimelineEntry';
import { formatAgo, formatClock, formatFull, type TimeMode } from './timeline-time';

type T = ReturnType<typeof useT>;

export function roleLabel(role: string, docs: Documents, t: T): string {
  return isBuiltInRole(role) ? t(`role.${role}`) : (docs.roles.get(role)?.name ?? role);
}

export function incidentKindLabel(kind: string, docs: Documents, t: T): string {
  return (INCIDENT_KINDS as readonly string[]).includes(kind)
    ? t(`kind.${kind}`)
    : (docs.incidentTypes.get(kind)?.name ?? kind);
}

// One translation hook per row, not per part: rows mount by the dozen while scrolling.
function Actor({ entry, docs, t }: { entry: TimelineEntry; docs: Documents; t: T }) {
  return (
    <>
      <strong className="actor">{entry.actor}</strong>
      {entry.actorRoles.length > 0 && (
        <span className="tl-roles">{entry.actorRoles.map((role) => roleLabel(role, docs, t)).join(', ')}</span>
      )}
      {entry.caution && (
        <span className="tl-caution" title={t(`timeline.caution.${entry.caution}Hint`)}>
          {t(`timeline.caution.${entry.caution}`)}
        </span>
      )}
    </>
  );
}

function Sentence({ entry, docs, t, children }: { entry: TimelineEntry; docs: Documents; t: T; children: string }) {
  return (
    <p className="tl-sentence">
      <Actor entry={entry} docs={docs} t={t} /> {children}
    </p>
  );
}

function EntryBody({
  entry,
  docs,
  locale,
  now,
  t,
}: {
  entry: TimelineEntry;
  docs: Documents;
  locale: Locale;
  now: number;
  t: T;
}) {
  switch (entry.kind) {
    case 'declared':
      return (
        <>
          <Sentence entry={entry} docs={docs} t={t}>
            {t('timeline.declared', { severity: entry.severity, kind: incidentKindLabel(entry.incidentKind, docs, t) })}
          </Sentence>
          <p className="tl-detail">{entry.title}</p>
        </>
      );
    case 'updated': {
      const list = (names: readonly string[]) => (names.length > 0 ? names.join(', ') : t('timeline.change.none'));
      const { title, kind, services, processes } = entry.changes;
      const changes = [
        title !== undefined && t('timeline.change.title', { value: title }),
        kind !== undefined && t('timeline.change.kind', { value: incidentKindLabel(kind, docs, t) }),
        services !== undefined && t('timeline.change.services', { value: list(services) }),
        processes !== undefined && t('timeline.change.processes', { value: list(processes) }),
      ].filter((change): change is string => typeof change === 'string');
      return (
        <Sentence entry={entry} docs={docs} t={t}>
          {t('timeline.updated', { changes: changes.join('; ') })}
        </Sentence>
      );
    }
    case 'note':
      return (
        <>
          <p className="tl-head">
            <Actor entry={entry} docs={docs} t={t} />
            <span className={`tl-badge tl-badge-${entry.noteKind}`} data-testid="note-kind">
              {t(`noteKind.${entry.noteKind}`)}
            </span>
          </p>
          <p className="note-text" data-testid="note-text">
            {entry.text}
          </p>
        </>
      );
    case 'status':
      return (
        <Sentence entry={entry} docs={docs} t={t}>
          {t('timeline.statusChanged', { from: t(`status.${entry.from}`), to: t(`status.${entry.to}`) })}
        </Sentence>
      );
    case 'severity':
      return (
        <Sentence entry={entry} docs={docs} t={t}>
          {t('timeline.severityChanged', { from: entry.from, to: entry.to })}
        </Sentence>
      );
    case 'key-time': {
      const key = t(`keyTime.${entry.key}`);
      const at = (ms: number) => formatClock(ms, now, locale);
      return (
        <>
          <Sentence entry={entry} docs={docs} t={t}>
            {entry.from === undefined
              ? t('timeline.keyTimeSet', { key, to: at(entry.to) })
              : t('timeline.keyTimeCorrected', { key, from: at(entry.from), to: at(entry.to) })}
          </Sentence>
          <p className="tl-detail">{t('timeline.reason', { reason: entry.reason })}</p>
        </>
      );
    }
    case 'role': {
      const role = roleLabel(entry.role, docs, t);
      const person = entry.person?.name ?? '';
      const previous = entry.previous?.name;
      let sentence: string;
      const { action } = entry;
      switch (action) {
        case 'assigned':
          sentence = previous
            ? t('timeline.roleAssignedReplacing', { role, person, previous })
            : t('timeline.roleAssigned', { role, person });
          break;
        case 'handed-over':
          sentence = previous
            ? t('timeline.roleHandedOverFrom', { role, person, previous })
            : t('timeline.roleHandedOver', { role, person });
          break;
        case 'released':
          sentence = previous
            ? t('timeline.roleReleasedFrom', { role, previous })
            : t('timeline.roleReleased', { role });
          break;
        default:
          return assertNever(action);
      }
      return (
        <>
          <Sentence entry={entry} docs={docs} t={t}>
            {sentence}
          </Sentence>
          {entry.briefing && (
            <dl className="tl-briefing" aria-label={t('timeline.briefing.heading')} data-testid="briefing">
              <dt>{t('timeline.briefing.conditions')}</dt>
              <dd>{entry.briefing.conditions}</dd>
              <dt>{t('timeline.briefing.actions')}</dt>
              <dd>{entry.briefing.actions}</dd>
              <dt>{t('timeline.briefing.needs')}</dt>
              <dd>{entry.briefing.needs}</dd>
            </dl>
          )}
          {entry.note && <p className="tl-detail">{t('timeline.releaseNote', { note: entry.note })}</p>}
        </>
      );
    }
    case 'monitor':
      return <MonitorEntryBody entry={entry} />;
    case 'runbook':
      return <RunbookTimelineEntry entry={entry} />;
    case 'message':
      return <MessageTimelineEntry entry={entry} />;
    case 'continuity':
      return (
        <Sentence entry={entry} docs={docs} t={t}>
          {t(`continuity.timeline.${entry.threshold}`, {
            process: crossingProcessName(entry.processId, entry.process, locale),
            at: formatClock(entry.crossedAt, now, locale),
          })}
        </Sentence>
      );
    default:
      return assertNever(entry);
  }
}

interface EntryProps {
  entry: TimelineEntry;
  docs: Documents;
  locale: Locale;
  now: number;
  timeMode: TimeMode;
  isPinned: boolean;
  onPin(entry: TimelineEntry, pinned: boolean): void;
}

/** The content of one row: its time, what happened, and the key-moment toggle. */
export const TimelineEntryView = memo(function TimelineEntryView({
  entry,
  docs,
  locale,
  now,
  timeMode,
  isPinned,
  onPin,
}: EntryProps) {
  const t = useT();
  const clock = formatClock(entry.at, now, locale);
  const ago = formatAgo(entry.at, now, locale);
  return (
    <>
      <time
        className="tl-time"
        dateTime={new Date(entry.at).toISOString()}
        title={`${formatFull(entry.at, locale)} · ${timeMode === 'relative' ? clock : ago}`}
      >
        {timeMode === 'relative' ? ago : clock}
      </time>
      <div className="tl-body">
        <EntryBody entry={entry} docs={docs} locale={locale} now={now} t={t} />
      </div>
      <button
        type="button"
        className="tl-pin"
        aria-pressed={isPinned}
        aria-label={isPinned ? t('timeline.unpin') : t('timeline.pin')}
        title={isPinned ? t('timeline.unpin') : t('timeline.pin')}
        data-testid="pin-toggle"
        onClick={() => onPin(entry, !isPinned)}
      >
        {isPinned ? '★' : '☆'}
      </button>
    </>
  );
});
