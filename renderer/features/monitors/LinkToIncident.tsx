// Linking a monitor to an open incident as evidence: what it shows now goes
// into that incident's timeline, and so do its later changes.
import { useId, useState, type FormEvent } from 'react';
import { isOpen, listIncidents, type WarRoomState } from '../../../common/domain/incidents';
import { useT } from '../../i18n';
import { FormField } from '../roles/FormField';
import { useRecord } from '../roles/use-record';
import { linkPayload, type BoardSubject } from './subject';

interface Props {
  subject: BoardSubject;
  state: WarRoomState;
  actor: string;
  onDone(message: string): void;
  onCancel(): void;
}

export function LinkToIncident({ subject, state, actor, onDone, onCancel }: Props) {
  const t = useT();
  const id = useId();
  const incidents = listIncidents(state).filter(isOpen);
  const [incidentId, setIncidentId] = useState(incidents[0]?.id ?? '');
  const { error, isSaving, record } = useRecord();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const incident = state.incidents.get(incidentId);
    if (!incident) return;
    const isSaved = await record([
      { type: 'incident.monitor-linked', incidentId, actor, payload: linkPayload(subject) },
    ]);
    if (isSaved) onDone(t('monitors.link.done', { title: incident.title }));
  };

  return (
    <form className="panel monitor-link" data-testid="monitor-link" noValidate onSubmit={(event) => void submit(event)}>
      <h2>{t('monitors.link.heading', { name: subject.name })}</h2>
      {incidents.length === 0 ? (
        <p className="muted">{t('monitors.link.none')}</p>
      ) : (
        <FormField id={`${id}-incident`} label={t('monitors.link.incident')}>
          {(control) => (
            <select
              {...control}
              data-testid="monitor-link-incident"
              value={incidentId}
              onChange={(event) => setIncidentId(event.target.value)}
            >
              {incidents.map((incident) => (
                <option key={incident.id} value={incident.id}>
                  {`${incident.severity} · ${incident.title}`}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={isSaving || incidents.length === 0}
          data-testid="monitor-link-submit"
        >
          {t('monitors.link.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('monitors.link.cancel')}
        </button>
      </div>
    </form>
  );
}
