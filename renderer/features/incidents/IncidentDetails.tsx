// What the incident touches (services, business processes) and its editable
// details: title, type and impact, each change an `incident.updated` event.
import { useState, type FormEvent } from 'react';
import { parseNameList, sameNames, type NameListResult } from '../../../common/domain/impact';
import type { Incident, IncidentChanges } from '../../../common/domain/incidents';
import { INCIDENT_KINDS, TITLE_MAX } from '../../../common/events/event';
import { getEventStore } from '../../db';
import { useT } from '../../i18n';
import { useDocuments, useKindLabel } from './labels';

interface Props {
  incident: Incident;
  actor: string;
}

function Names({ names, testId }: { names: readonly string[]; testId: string }) {
  const t = useT();
  if (names.length === 0) return <span className="muted">{t('lifecycle.none')}</span>;
  return (
    <ul className="chips" data-testid={testId}>
      {names.map((name) => (
        <li key={name} className="chip">
          {name}
        </li>
      ))}
    </ul>
  );
}

/** The message for a list that did not parse. */
function useListError(): (result: Exclude<NameListResult, { ok: true }>) => string {
  const t = useT();
  return (result) => {
    switch (result.issue) {
      case 'too-many':
        return t('lifecycle.tooMany', { max: result.max });
      case 'too-long':
        return t('lifecycle.nameTooLong', { max: result.max });
      case 'duplicate':
        return t('lifecycle.duplicate', { name: result.name });
    }
  };
}

/** Every type a new or edited incident can take: built-ins, then the workspace's own. */
export function useKindOptions(): { value: string; label: string }[] {
  const docs = useDocuments();
  const kindLabel = useKindLabel();
  return [
    ...INCIDENT_KINDS.map((value) => ({ value, label: kindLabel(value) })),
    ...[...docs.incidentTypes.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((doc) => ({ value: doc.id, label: doc.name })),
  ];
}

/** The type of an incident, chosen among the built-in types and the workspace's own. */
export function KindSelect({
  label,
  testId,
  value,
  onChange,
}: {
  label: string;
  testId: string;
  value: string;
  onChange(kind: string): void;
}) {
  const kinds = useKindOptions();
  return (
    <label className="field">
      <span>{label}</span>
      <select data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)}>
        {kinds.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function DetailsForm({ incident, actor, onDone }: Props & { onDone(): void }) {
  const t = useT();
  const listError = useListError();
  const [title, setTitle] = useState(incident.title);
  const [kind, setKind] = useState(incident.kind);
  const [services, setServices] = useState(incident.services.join(', '));
  const [processes, setProcesses] = useState(incident.processes.join(', '));
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setError(t('declare.titleRequired'));
    if (title.trim().length > TITLE_MAX) return setError(t('declare.titleTooLong', { max: TITLE_MAX }));
    const parsedServices = parseNameList(services);
    if (!parsedServices.ok) return setError(listError(parsedServices));
    const parsedProcesses = parseNameList(processes);
    if (!parsedProcesses.ok) return setError(listError(parsedProcesses));
    const changes: { -readonly [K in keyof IncidentChanges]: IncidentChanges[K] } = {};
    if (title.trim() !== incident.title) changes.title = title.trim();
    if (kind !== incident.kind) changes.kind = kind;
    if (!sameNames(parsedServices.names, incident.services)) changes.services = parsedServices.names;
    if (!sameNames(parsedProcesses.names, incident.processes)) changes.processes = parsedProcesses.names;
    if (Object.keys(changes).length === 0) return onDone();
    try {
      await getEventStore().append([
        {
          type: 'incident.updated',
          incidentId: incident.id,
          actor,
          payload: {
            ...changes,
            services: changes.services && [...changes.services],
            processes: changes.processes && [...changes.processes],
          },
        },
      ]);
      onDone();
    } catch (caught) {
      setError(t('lifecycle.failed', { message: caught instanceof Error ? caught.message : String(caught) }));
    }
  };

  return (
    <form className="panel details-form" onSubmit={submit} noValidate data-testid="details-form">
      <h3>{t('lifecycle.editHeading')}</h3>
      <label className="field">
        <span>{t('lifecycle.title')}</span>
        <input data-testid="details-title" value={title} onChange={(event) => setTitle(event.target.value)} />
      </label>
      <KindSelect label={t('lifecycle.kind')} testId="details-kind" value={kind} onChange={setKind} />
      <label className="field">
        <span>{t('lifecycle.services')}</span>
        <input
          data-testid="details-services"
          value={services}
          placeholder={t('declare.servicesPlaceholder')}
          onChange={(event) => setServices(event.target.value)}
        />
        <small className="muted">{t('lifecycle.listHint')}</small>
      </label>
      <label className="field">
        <span>{t('lifecycle.processes')}</span>
        <input
          data-testid="details-processes"
          value={processes}
          onChange={(event) => setProcesses(event.target.value)}
        />
        <small className="muted">{t('lifecycle.listHint')}</small>
      </label>
      {error && (
        <p className="error" role="alert" data-testid="details-error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" data-testid="details-save">
          {t('lifecycle.saveDetails')}
        </button>
        <button type="button" onClick={onDone}>
          {t('lifecycle.cancel')}
        </button>
      </div>
    </form>
  );
}

export function IncidentDetails({ incident, actor }: Props) {
  const t = useT();
  const [isEditing, setIsEditing] = useState(false);
  if (isEditing) return <DetailsForm incident={incident} actor={actor} onDone={() => setIsEditing(false)} />;
  return (
    <section className="impact panel" data-testid="impact">
      <div className="impact-row">
        <h3>{t('lifecycle.services')}</h3>
        <Names names={incident.services} testId="impact-services" />
      </div>
      <div className="impact-row">
        <h3>{t('lifecycle.processes')}</h3>
        <Names names={incident.processes} testId="impact-processes" />
      </div>
      <button className="link" data-testid="details-edit" onClick={() => setIsEditing(true)}>
        {t('lifecycle.edit')}
      </button>
    </section>
  );
}
