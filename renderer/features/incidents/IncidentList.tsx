// All incidents of this record, most recently active first.
import { useState } from 'react';
import { listIncidents, type WarRoomState } from '../../../common/domain/incidents';
import { useNow } from '../../app/use-now';
import { useLocale, useT } from '../../i18n';
import { formatDateTime, formatRelative } from '../../i18n/format';
import { DeclareIncidentForm } from './DeclareIncidentForm';
import { SeverityBadge } from './SeverityBadge';

interface Props {
  state: WarRoomState;
  actor: string;
  onOpen(incidentId: string): void;
}

export function IncidentList({ state, actor, onOpen }: Props) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const [isDeclaring, setIsDeclaring] = useState(false);
  const incidents = listIncidents(state);

  return (
    <section className="incidents" data-testid="incident-list">
      <header className="section-header">
        <h1>{t('incidents.title')}</h1>
        <span className="muted">{t('incidents.count', { count: incidents.length })}</span>
        {!isDeclaring && (
          <button className="primary" data-testid="declare-open" onClick={() => setIsDeclaring(true)}>
            {t('incidents.declare')}
          </button>
        )}
      </header>
      {isDeclaring && (
        <DeclareIncidentForm
          actor={actor}
          onCancel={() => setIsDeclaring(false)}
          onDeclared={(id) => {
            setIsDeclaring(false);
            onOpen(id);
          }}
        />
      )}
      {incidents.length === 0 ? (
        !isDeclaring && <p className="empty">{t('incidents.empty')}</p>
      ) : (
        <table className="incident-table">
          <thead>
            <tr>
              <th>{t('incidents.columns.severity')}</th>
              <th>{t('incidents.columns.title')}</th>
              <th>{t('incidents.columns.kind')}</th>
              <th>{t('incidents.columns.status')}</th>
              <th>{t('incidents.columns.declared')}</th>
              <th>{t('incidents.columns.by')}</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((incident) => (
              <tr key={incident.id} data-testid="incident-row" onClick={() => onOpen(incident.id)}>
                <td>
                  <SeverityBadge severity={incident.severity} />
                </td>
                <td>
                  <a
                    href={`#/incidents/${encodeURIComponent(incident.id)}`}
                    data-testid="incident-link"
                    onClick={(event) => event.stopPropagation()}
                  >
                    {incident.title}
                  </a>
                </td>
                <td>{t(`kind.${incident.kind}`)}</td>
                <td>{t(`status.${incident.status}`)}</td>
                <td title={formatDateTime(incident.declaredAt, locale)}>
                  {formatRelative(incident.declaredAt, now, locale)}
                </td>
                <td>{incident.declaredBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
