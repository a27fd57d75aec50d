// A monitor's evidence in an incident's timeline: who saw what, and why, in
// the reader's language. Names and reasons are user text: rendered as text.
import type { TimelineEntry } from '../../../common/domain/incidents';
import { useT } from '../../i18n';
import { StatusBadge } from './StatusBadge';

type MonitorEntry = Extract<TimelineEntry, { kind: 'monitor' }>;

export function MonitorEntryBody({ entry }: { entry: MonitorEntry }) {
  const t = useT();
  return (
    <p className="monitor-evidence" data-testid="monitor-evidence" data-status={entry.status}>
      <strong className="actor">{entry.actor}</strong>{' '}
      {t(entry.action === 'linked' ? 'monitors.timeline.linked' : 'monitors.timeline.changed', { name: entry.name })}{' '}
      <StatusBadge status={entry.status} />{' '}
      <span className="monitor-reason">{t(entry.reason.key, entry.reason.values)}</span>
      {entry.latencyMs !== undefined && (
        <span className="muted"> · {t('monitors.timeline.latency', { latency: entry.latencyMs })}</span>
      )}
    </p>
  );
}
