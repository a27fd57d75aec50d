// Declaring an incident: a title, a severity and a type; the clock starts now.
import { useState, type FormEvent } from 'react';
import { parseNameList } from '../../../common/domain/impact';
import { SEVERITIES, TITLE_MAX, type Severity } from '../../../common/events/event';
import { getEventStore } from '../../db';
import { useT } from '../../i18n';
import { KindSelect } from './IncidentDetails';
import { useSeverityHint } from './labels';

interface Props {
  actor: string;
  onDeclared(incidentId: string): void;
  onCancel(): void;
}

export function DeclareIncidentForm({ actor, onDeclared, onCancel }: Props) {
  const t = useT();
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('SEV2');
  const [kind, setKind] = useState('technical-failure');
  const [services, setServices] = useState('');
  const severityHint = useSeverityHint();
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setError(t('declare.titleRequired'));
    if (title.trim().length > TITLE_MAX) return setError(t('declare.titleTooLong', { max: TITLE_MAX }));
    const impacted = parseNameList(services);
    if (!impacted.ok) return setError(t('declare.servicesInvalid'));
    setIsSaving(true);
    try {
      const [declared] = await getEventStore().append([
        {
          type: 'incident.declared',
          actor,
          payload: { title, severity, kind, ...(impacted.names.length > 0 ? { services: impacted.names } : {}) },
        },
      ]);
      if (declared) onDeclared(declared.id);
    } catch (caught) {
      const message = caught instanceof Error ? caught.message : String(caught);
      setError(t('declare.failed', { message }));
      setIsSaving(false);
    }
  };

  return (
    <form className="panel declare" onSubmit={submit} data-testid="declare-form" noValidate>
      <h2>{t('declare.heading')}</h2>
      <label className="field">
        <span>{t('declare.title')}</span>
        <input
          autoFocus
          data-testid="declare-title"
          value={title}
          maxLength={TITLE_MAX + 50}
          placeholder={t('declare.titlePlaceholder')}
          onChange={(event) => {
            setTitle(event.target.value);
            setError(null);
          }}
        />
      </label>
      <fieldset className="field severities">
        <legend>{t('declare.severity')}</legend>
        {SEVERITIES.map((value) => (
          <label key={value} className={`severity-choice ${value === severity ? 'is-selected' : ''}`}>
            <input
              type="radio"
              name="severity"
              value={value}
              checked={value === severity}
              data-testid={`declare-severity-${value}`}
              onChange={() => setSeverity(value)}
            />
            <strong>{t(`severity.${value}`)}</strong>
            <small>{severityHint(value)}</small>
          </label>
        ))}
      </fieldset>
      <KindSelect label={t('declare.kind')} testId="declare-kind" value={kind} onChange={setKind} />
      <label className="field">
        <span>{t('declare.services')}</span>
        <input
          data-testid="declare-services"
          value={services}
          placeholder={t('declare.servicesPlaceholder')}
          onChange={(event) => {
            setServices(event.target.value);
            setError(null);
          }}
        />
      </label>
      {error && (
        <p className="error" role="alert" data-testid="declare-error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={isSaving} data-testid="declare-submit">
          {t('declare.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('declare.cancel')}
        </button>
      </div>
    </form>
  );
}
