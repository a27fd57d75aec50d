// Moving an incident through its lifecycle and changing its severity: each
// change is an event, and so a timeline entry.
import { useState } from 'react';
import { INCIDENT_STATUSES, SEVERITIES, type EventDraft } from '../../../common/events/event';
import type { Incident } from '../../../common/domain/incidents';
import { getEventStore } from '../../db';
import { useT } from '../../i18n';

interface Props {
  incident: Incident;
  actor: string;
}

export function IncidentControls({ incident, actor }: Props) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);

  const record = async (draft: EventDraft) => {
    try {
      await getEventStore().append([draft]);
      setError(null);
    } catch (caught) {
      setError(t('incident.changeFailed', { message: caught instanceof Error ? caught.message : String(caught) }));
    }
  };

  return (
    <div className="incident-controls">
      <label className="inline-field">
        <span>{t('incident.status')}</span>
        <select
          data-testid="incident-status"
          value={incident.status}
          onChange={(event) =>
            void record({
              type: 'incident.status-changed',
              incidentId: incident.id,
              actor,
              payload: { status: event.target.value as Incident['status'] },
            })
          }
        >
          {INCIDENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>{t('incident.severity')}</span>
        <select
          data-testid="incident-severity"
          value={incident.severity}
          onChange={(event) =>
            void record({
              type: 'incident.severity-changed',
              incidentId: incident.id,
              actor,
              payload: { severity: event.target.value as Incident['severity'] },
            })
          }
        >
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {t(`severity.${severity}`)}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
