// A message entry of the incident timeline: what was told to which audience,
// through which channel, and later whether the outbox delivered it.
import type { TimelineEntry } from '../../../common/domain/incidents';
import { useT } from '../../i18n';

export function MessageTimelineEntry({ entry }: { entry: Extract<TimelineEntry, { kind: 'message' }> }) {
  const t = useT();
  const values = {
    audience: t(`comms.audience.${entry.audience}`),
    channel: entry.destination ?? t(`comms.channel.${entry.channel}`),
    attempts: entry.attempts ?? 0,
    reason: entry.reason ?? '',
  };
  return (
    <div className="message-entry" data-testid="message-entry" data-action={entry.action}>
      <p>
        <strong className="actor">{entry.actor}</strong> {t(`comms.timeline.${entry.action}`, values)}
      </p>
      {entry.subject && <p className="message-subject">{entry.subject}</p>}
      {entry.text && <p className="note-text message-text">{entry.text}</p>}
    </div>
  );
}
