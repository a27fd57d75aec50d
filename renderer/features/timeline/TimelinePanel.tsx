// The incident's timeline with its composer. (Skeleton: filters, search, pins,
// virtualisation and exports come with issue 4's timeline work.)
import type { Incident } from '../../../common/domain/incidents';
import { useT } from '../../i18n';
import { NoteComposer } from './NoteComposer';
import { Timeline } from './Timeline';

interface Props {
  incident: Incident;
  actor: string;
  now: number;
}

export function TimelinePanel({ incident, actor, now }: Props) {
  const t = useT();
  return (
    <section className="timeline-panel">
      <h2>
        {t('incident.timeline')}{' '}
        <span className="muted">{t('incident.entries', { count: incident.timeline.length })}</span>
      </h2>
      <Timeline entries={incident.timeline} now={now} />
      <NoteComposer incidentId={incident.id} actor={actor} />
    </section>
  );
}
