// Workspace documents edited in settings: what each severity means here, and the
// team's own incident types. Both travel to every laptop through the record.
import { useState } from 'react';
import { parseDoc } from '../../../common/domain/documents';
import { SEVERITIES, type EventDraft, type Severity } from '../../../common/events/event';
import { getEventStore } from '../../db';
import { useT } from '../../i18n';
import { useDocuments, useSeverityHint } from '../incidents/labels';
import { useKindOptions } from '../incidents/IncidentDetails';

interface Props {
  actor: string;
}

function useRecord(): [string | null, (draft: EventDraft) => Promise<boolean>] {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const record = async (draft: EventDraft) => {
    try {
      await getEventStore().append([draft]);
      setError(null);
      return true;
    } catch (caught) {
      setError(t('lifecycle.failed', { message: caught instanceof Error ? caught.message : String(caught) }));
      return false;
    }
  };
  return [error, record];
}

function SeverityDefinition({ severity, actor }: { severity: Severity; actor: string }) {
  const t = useT();
  const docs = useDocuments();
  const hint = useSeverityHint();
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, record] = useRecord();
  const value = draft ?? hint(severity);
  const isCustom = docs.severityDefinitions.has(severity);

  const save = async () => {
    if (!parseDoc('severity-definition', { description: value }).ok)
      return setMessage(t('lifecycle.workspace.definitionRequired'));
    const saved = await record({
      type: 'doc.put',
      actor,
      payload: { collection: 'severity-definition', docId: severity, body: { description: value.trim() } },
    });
    if (saved) {
      setDraft(null);
      setMessage(t('lifecycle.workspace.definitionSaved'));
    }
  };

  const reset = async () => {
    if (await record({ type: 'doc.delete', actor, payload: { collection: 'severity-definition', docId: severity } })) {
      setDraft(null);
      setMessage(null);
    }
  };

  return (
    <div className="definition" data-testid={`severity-definition-${severity}`}>
      <label className="field">
        <span>{t(`severity.${severity}`)}</span>
        <textarea
          rows={2}
          data-testid="severity-definition-text"
          value={value}
          onChange={(event) => {
            setDraft(event.target.value);
            setMessage(null);
          }}
        />
      </label>
      <div className="actions">
        <button disabled={draft === null} onClick={() => void save()} data-testid="severity-definition-save">
          {t('lifecycle.workspace.saveDefinition')}
        </button>
        {isCustom && (
          <button className="link" onClick={() => void reset()} data-testid="severity-definition-reset">
            {t('lifecycle.workspace.resetDefinition')}
          </button>
        )}
        {message && (
          <span className="muted" role="status">
            {message}
          </span>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function IncidentTypes({ actor }: Props) {
  const t = useT();
  const docs = useDocuments();
  const kinds = useKindOptions();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, record] = useRecord();

  const add = async () => {
    const trimmed = name.trim();
    if (!parseDoc('incident-type', { name: trimmed }).ok) return setProblem(t('lifecycle.workspace.typeRequired'));
    if (kinds.some((kind) => kind.label.toLowerCase() === trimmed.toLowerCase()))
      return setProblem(t('lifecycle.workspace.typeExists'));
    const saved = await record({
      type: 'doc.put',
      actor,
      payload: { collection: 'incident-type', docId: crypto.randomUUID(), body: { name: trimmed } },
    });
    if (saved) setName('');
  };

  return (
    <div className="incident-types">
      <h3>{t('lifecycle.workspace.types')}</h3>
      <p className="muted">{t('lifecycle.workspace.typesHint')}</p>
      <ul className="type-list" data-testid="incident-types">
        {kinds.map((kind) => {
          const isCustom = docs.incidentTypes.has(kind.value);
          return (
            <li key={kind.value} data-testid="incident-type">
              <span>{kind.label}</span>
              {isCustom ? (
                <button
                  className="link"
                  data-testid="incident-type-remove"
                  onClick={() =>
                    void record({
                      type: 'doc.delete',
                      actor,
                      payload: { collection: 'incident-type', docId: kind.value },
                    })
                  }
                >
                  {t('lifecycle.workspace.remove')}
                </button>
              ) : (
                <span className="muted">{t('lifecycle.workspace.builtIn')}</span>
              )}
            </li>
          );
        })}
      </ul>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <input
          aria-label={t('lifecycle.workspace.typeName')}
          placeholder={t('lifecycle.workspace.typeName')}
          data-testid="incident-type-name"
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setProblem(null);
          }}
        />
        <button type="submit" data-testid="incident-type-add">
          {t('lifecycle.workspace.addType')}
        </button>
      </form>
      {(problem ?? error) && (
        <p className="error" role="alert" data-testid="incident-type-error">
          {problem ?? error}
        </p>
      )}
    </div>
  );
}

export function WorkspaceSettings({ actor }: Props) {
  const t = useT();
  return (
    <div className="panel workspace-settings" data-testid="workspace-settings">
      <h2>{t('lifecycle.workspace.heading')}</h2>
      <p className="muted">{t('lifecycle.workspace.intro')}</p>
      <h3>{t('lifecycle.workspace.severities')}</h3>
      <p className="muted">{t('lifecycle.workspace.severitiesHint')}</p>
      {SEVERITIES.map((severity) => (
        <SeverityDefinition key={severity} severity={severity} actor={actor} />
      ))}
      <IncidentTypes actor={actor} />
    </div>
  );
}
