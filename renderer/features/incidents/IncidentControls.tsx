// Moving an incident through its lifecycle and changing its severity: each
// change is an event, and so a timeline entry.
import { useState } from 'react';
import type { Incident } from '../../../common/domain/incidents';
import { INCIDENT_STATUSES, SEVERITIES, type EventDraft } from '../../../common/events/event';
import { getEventStore } from '../../db';
import { useT } from '../../i18n';

interface ChoiceProps<T extends string> {
  label: string;
  testId: string;
  value: T;
  options: readonly T[];
  optionLabel(option: T): string;
  onChoose(option: T): void;
}

function Choice<T extends string>({ label, testId, value, options, optionLabel, onChoose }: ChoiceProps<T>) {
  return (
    <label className="inline-field">
      <span>{label}</span>
      <select
        data-testid={testId}
        value={value}
        onChange={(event) => {
          const chosen = options.find((option) => option === event.target.value);
          if (chosen) onChoose(chosen);
        }}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </label>
  );
}

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
      <Choice
        label={t('incident.status')}
        testId="incident-status"
        value={incident.status}
        options={INCIDENT_STATUSES}
        optionLabel={(status) => t(`status.${status}`)}
        onChoose={(status) =>
          void record({ type: 'incident.status-changed', incidentId: incident.id, actor, payload: { status } })
        }
      />
      <Choice
        label={t('incident.severity')}
        testId="incident-severity"
        value={incident.severity}
        options={SEVERITIES}
        optionLabel={(severity) => t(`severity.${severity}`)}
        onChoose={(severity) =>
          void record({ type: 'incident.severity-changed', incidentId: incident.id, actor, payload: { severity } })
        }
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
