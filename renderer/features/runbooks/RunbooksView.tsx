// The runbook library: built-in runbooks and the workspace's own, read in
// place, edited as YAML (each save a new version), imported from a file and
// exported to one. Files with a problem are refused whole, with line and reason;
// files and text over the size limit are refused unread (renderer/files/).
import { downloadFile } from '../../app/download';
import { useEffect, useMemo, useRef, useState } from 'react';
import { onCommand } from '../../app/commands';
import { takeOpenedFile } from '../../app/opened-files';
import type { WarRoomState } from '../../../common/domain/incidents';
import { normaliseName } from '../../../common/domain/documents';
import { catalogOf, type CatalogEntry } from '../../../common/runbooks/catalog';
import { exportRunbookYaml, type RunbookYamlProblem } from '../../../common/runbooks/runbook-yaml';
import { localText } from '../../../common/runbooks/runbook-schema';
import { FileRefusalNotice } from '../../files/FileRefusalNotice';
import { readYamlFile, readYamlText, type FileRefusal, type ReadYamlOutcome } from '../../files/read-yaml';
import { useLocale, useT } from '../../i18n';
import { saveRunbook } from './runbook-actions';
import { StepView } from './StepView';
import './runbooks.css';

interface Props {
  state: WarRoomState;
  actor: string;
  selectedId: string | undefined;
  onSelect(id: string | undefined): void;
}

const NEW_RUNBOOK = `id: my-runbook
title: A new runbook
types: [technical-failure]
steps:
  - id: first-check
    kind: manual
    title: First thing to check
  - id: record-time
    kind: command
    title: Record the time
    command:
      program: date
      args: ['-u']
`;

type Outcome =
  | { kind: 'saved'; version: number }
  | { kind: 'refused'; problems: readonly RunbookYamlProblem[] }
  | { kind: 'unread'; refusal: FileRefusal }
  | { kind: 'failed'; message: string };

function Refusal({ problems }: { problems: readonly RunbookYamlProblem[] }) {
  const t = useT();
  const [first] = problems;
  if (!first) return null;
  return (
    <div className="error" role="alert" data-testid="yaml-refusal" data-line={first.line}>
      {t('runbooks.editor.refused', {
        line: first.line,
        column: first.column,
        reason: t(`runbooks.yaml.${first.code}`, first.values),
      })}
      {problems.length > 1 && <> {t('runbooks.editor.refusedMore', { count: problems.length - 1 })}</>}
    </div>
  );
}

function download(entry: CatalogEntry): void {
  downloadFile(`${entry.runbook.id}.yaml`, 'application/yaml', exportRunbookYaml(entry.runbook));
}

export function RunbooksView({ state, actor, selectedId, onSelect }: Props) {
  const t = useT();
  const locale = useLocale();
  const entries = useMemo(() => catalogOf(state.runbooks), [state.runbooks]);
  const [filter, setFilter] = useState('');
  const [draft, setDraft] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const title = (entry: CatalogEntry) => localText(entry.runbook.title, locale);
  const shown = entries
    .filter((entry) => normaliseName(`${title(entry)} ${entry.runbook.id}`).includes(normaliseName(filter)))
    .sort((a, b) => title(a).localeCompare(title(b)));
  const selected = entries.find((entry) => entry.runbook.id === selectedId);

  const save = async (reading: Promise<ReadYamlOutcome<'runbook'>>) => {
    const outcome = await reading;
    if (!outcome.ok) {
      setOutcome({ kind: 'unread', refusal: outcome.refusal });
      return;
    }
    const parsed = outcome.result;
    if (!parsed.ok) {
      setOutcome({ kind: 'refused', problems: parsed.errors });
      return;
    }
    try {
      await saveRunbook(parsed.runbook, actor);
      setOutcome({ kind: 'saved', version: (state.runbooks.versions.get(parsed.runbook.id) ?? 0) + 1 });
      setDraft(null);
      onSelect(parsed.runbook.id);
    } catch (failure) {
      setOutcome({ kind: 'failed', message: failure instanceof Error ? failure.message : String(failure) });
    }
  };

  // A file opened with the desktop app goes through the same importer as one picked here.
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => {
    const importOpened = () => {
      for (let file = takeOpenedFile(); file; file = takeOpenedFile())
        void saveRef.current(readYamlText('runbook', file.text, file.name));
    };
    importOpened();
    return onCommand('importRunbook', importOpened);
  }, []);

  const stepTitles = new Map((selected?.runbook.steps ?? []).map((step) => [step.id, localText(step.title, locale)]));

  return (
    <section className="runbooks-view" data-testid="runbooks-view">
      <h1>{t('runbooks.library.heading')}</h1>
      <p className="muted intro">{t('runbooks.library.intro')}</p>
      <div className="runbooks-toolbar">
        <input
          type="search"
          value={filter}
          placeholder={t('runbooks.library.filter')}
          aria-label={t('runbooks.library.filter')}
          data-testid="runbooks-filter"
          onChange={(event) => setFilter(event.target.value)}
        />
        <label className="button-like" title={t('runbooks.library.importHint')}>
          {t('runbooks.library.import')}
          <input
            type="file"
            className="visually-hidden"
            accept=".yaml,.yml,.md,text/yaml,text/markdown"
            data-testid="runbook-import"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void save(readYamlFile('runbook', file));
            }}
          />
        </label>
        <button
          type="button"
          data-testid="runbook-new"
          onClick={() => {
            setOutcome(null);
            setDraft(NEW_RUNBOOK);
          }}
        >
          {t('runbooks.library.new')}
        </button>
      </div>
      {outcome?.kind === 'refused' && <Refusal problems={outcome.problems} />}
      {outcome?.kind === 'unread' && <FileRefusalNotice refusal={outcome.refusal} />}
      {outcome?.kind === 'saved' && (
        <p className="success" role="status" data-testid="runbook-saved">
          {t('runbooks.editor.saved', { version: outcome.version })}
        </p>
      )}
      {outcome?.kind === 'failed' && (
        <p className="error" role="alert">
          {t('runbooks.editor.failed', { message: outcome.message })}
        </p>
      )}
      {draft !== null && (
        <div className="runbook-editor">
          <h2>{t('runbooks.editor.heading')}</h2>
          <textarea
            data-testid="runbook-yaml"
            spellCheck={false}
            value={draft}
            rows={Math.min(40, draft.split('\n').length + 2)}
            onChange={(event) => setDraft(event.target.value)}
          />
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              data-testid="runbook-save"
              onClick={() => void save(readYamlText('runbook', draft))}
            >
              {t('runbooks.editor.save')}
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              {t('runbooks.editor.cancel')}
            </button>
          </div>
        </div>
      )}
      <div className="runbooks-layout">
        <ul className="runbook-list" data-testid="runbook-list">
          {shown.length === 0 && <li className="muted">{t('runbooks.library.empty')}</li>}
          {shown.map((entry) => (
            <li key={entry.runbook.id} className={entry === selected ? 'selected' : undefined}>
              <a
                href={`#/runbooks/${encodeURIComponent(entry.runbook.id)}`}
                data-testid="runbook-link"
                data-runbook-id={entry.runbook.id}
              >
                {title(entry)}
              </a>
              <span className="muted">
                {' '}
                · {t('runbooks.library.steps', { count: entry.runbook.steps.length })} ·{' '}
                {entry.source === 'built-in'
                  ? t('runbooks.library.builtIn')
                  : t('runbooks.library.workspace', { version: entry.version })}
              </span>
            </li>
          ))}
        </ul>
        {selected && (
          <article className="runbook-detail" data-testid="runbook-detail" data-runbook-id={selected.runbook.id}>
            <header>
              <h2>{title(selected)}</h2>
              {selected.overridesBuiltIn && <span className="tag">{t('runbooks.library.overrides')}</span>}
              <div className="form-actions">
                <button
                  type="button"
                  data-testid="runbook-edit"
                  onClick={() => {
                    setOutcome(null);
                    setDraft(exportRunbookYaml(selected.runbook));
                  }}
                >
                  {t('runbooks.editor.edit')}
                </button>
                <button type="button" data-testid="runbook-export" onClick={() => download(selected)}>
                  {t('runbooks.editor.export')}
                </button>
              </div>
            </header>
            {selected.runbook.summary && <p>{localText(selected.runbook.summary, locale)}</p>}
            <ol className="run-steps">
              {selected.runbook.steps.map((step) => (
                <li key={step.id} className="run-step">
                  <StepView step={step} docs={state.docs} stepTitles={stepTitles} />
                </li>
              ))}
            </ol>
          </article>
        )}
      </div>
    </section>
  );
}
