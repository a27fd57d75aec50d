// One incident: what it is, since when, and its timeline.
import type { WarRoomState } from '../../../common/domain/incidents';
import { useNow } from '../../app/use-now';
import { useLocale, useT } from '../../i18n';
import { formatDateTime, formatRelative } from '../../i18n/format';
import { IncidentComms } from '../comms/IncidentComms';
import { ImpactPanel } from '../continuity/ImpactPanel';
import { IncidentRunbooks } from '../runbooks/IncidentRunbooks';
import { RunProgress } from '../runbooks/RunProgress';
import { RoleBoard } from '../roles/RoleBoard';
import { TimelinePanel } from '../timeline/TimelinePanel';
import { IncidentControls } from './IncidentControls';
import { IncidentDetails } from './IncidentDetails';
import { KeyTimes } from './KeyTimes';
import { useKindLabel } from './labels';
import { SeverityBadge } from './SeverityBadge';

interface Props {
  state: WarRoomState;
  incidentId: string;
  actor: string;
  onBack(): void;
}

export function IncidentView({ state, incidentId, actor, onBack }: Props) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const kindLabel = useKindLabel();
  const incident = state.incidents.get(incidentId);

  return (
    <section className="incident" data-testid="incident-view">
      <button className="link" onClick={onBack} data-testid="back-to-list">
        ← {t('incident.back')}
      </button>
      {!incident ? (
        <p className="empty">{t('incident.notFound')}</p>
      ) : (
        <>
          <header className="incident-header">
            <SeverityBadge severity={incident.severity} />
            <h1 data-testid="incident-title">{incident.title}</h1>
            <span className="tag" data-testid="incident-kind">
              {kindLabel(incident.kind)}
            </span>
            <span className="tag status" data-testid="status-tag">
              {t(`status.${incident.status}`)}
            </span>
            <p className="muted" title={formatDateTime(incident.declaredAt, locale)}>
              {t('incident.declaredBy', {
                when: formatRelative(incident.declaredAt, now, locale),
                actor: incident.declaredBy,
              })}
            </p>
          </header>
          <IncidentControls incident={incident} actor={actor} />
          <div className="incident-layout">
            <div className="incident-main">
              <TimelinePanel incident={incident} actor={actor} now={now} />
              <IncidentComms state={state} incident={incident} actor={actor} />
              <IncidentRunbooks state={state} incidentId={incident.id} actor={actor} />
            </div>
            <aside className="incident-side">
              <ImpactPanel state={state} incident={incident} actor={actor} />
              <KeyTimes incident={incident} actor={actor} />
              <IncidentDetails incident={incident} actor={actor} />
              <RoleBoard incident={incident} docs={state.docs} actor={actor} />
              <RunProgress incident={incident} />
            </aside>
          </div>
        </>
      )}
    </section>
  );
}
