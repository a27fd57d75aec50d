// Declaring an incident from a failing monitor: title, services and the
// detection time come from the monitor; the monitor is linked as the first
// evidence, so the timeline starts with what was seen.
import { useId, useState, type FormEvent } from 'react';
import { parseNameList } from '../../../common/domain/impact';
import { SEVERITIES, TITLE_MAX, type Severity } from '../../../common/events/event';
import { getEventStore } from '../../db';
import { useLocale, useT } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { FormField } from '../roles/FormField';
import { linkPayload, type BoardSubject } from './subject';

interface Props {
  subject: BoardSubject;
  actor: string;
  onDeclared(incidentId: string): void;
  onCancel(): void;
}

export function DeclareFromMonitor({ subject, actor, onDeclared, onCancel }: Props) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const [title, setTitle] = useState(() =>
    t('monitors.declare.defaultTitle', { name: subject.name }).slice(0, TITLE_MAX),
  );
  const [severity, setSeverity] = useState<Severity>('SEV2');
  const [services, setServices] = useState(subject.services.join(', '));
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setError(t('monitors.declare.titleRequired'));
    const impacted = parseNameList(services);
    if (!impacted.ok) return setError(t('declare.servicesInvalid'));
    setIsSaving(true);
    try {
      const store = getEventStore();
      const [declared] = await store.append([
        {
          type: 'incident.declared',
          actor,
          payload: {
            title: title.trim().slice(0, TITLE_MAX),
            severity,
            kind: 'technical-failure',
            detectedAt: subject.detectedAt,
            ...(impacted.names.length > 0 ? { services: impacted.names } : {}),
          },
        },
      ]);
      if (!declared) return;
      await store.append([
        { type: 'incident.monitor-linked', incidentId: declared.id, actor, payload: linkPayload(subject) },
      ]);
      onDeclared(declared.id);
    } catch (caught) {
      setError(t('monitors.declare.failed', { message: caught instanceof Error ? caught.message : String(caught) }));
      setIsSaving(false);
    }
  };

  return (
    <form
      className="panel monitor-declare"
      data-testid="monitor-declare"
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <h2>{t('monitors.declare.heading', { name: subject.name })}</h2>
      <FormField id={`${id}-title`} label={t('monitors.declare.title')}>
        {(control) => (
          <input
            {...control}
            autoFocus
            data-testid="monitor-declare-title"
            value={title}
            onChange={(event) => {
              setTitle(event.target.value);
              setError(null);
            }}
          />
        )}
      </FormField>
      <FormField id={`${id}-severity`} label={t('monitors.declare.severity')}>
        {(control) => (
          <select
            {...control}
            data-testid="monitor-declare-severity"
            value={severity}
            onChange={(event) => setSeverity(event.target.value as Severity)}
          >
            {SEVERITIES.map((value) => (
              <option key={value} value={value}>
                {t(`severity.${value}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${id}-services`} label={t('monitors.declare.services')}>
        {(control) => (
          <input
            {...control}
            data-testid="monitor-declare-services"
            value={services}
            onChange={(event) => {
              setServices(event.target.value);
              setError(null);
            }}
          />
        )}
      </FormField>
      <p className="muted" data-testid="monitor-declare-detected">
        {t('monitors.declare.detectedAt', { when: formatDateTime(subject.detectedAt, locale) })}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={isSaving} data-testid="monitor-declare-submit">
          {t('monitors.declare.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('monitors.declare.cancel')}
        </button>
      </div>
    </form>
  );
}
