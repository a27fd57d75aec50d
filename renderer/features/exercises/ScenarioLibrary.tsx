// The exercise room with no session running: the scenario library (built-in
// scenarios in the reader's language, plus those imported from YAML and kept in
// the exercise room's record), their export as YAML, and the start form (speed,
// live runbook actions). YAML files and text over the size limit are refused
// unread (renderer/files/). A teammate's browser on the LAN sees the start form
// disabled, with the reason: only the person at the laptop starts a drill.
import { useId, useMemo, useState } from 'react';
import { BUILT_IN_SCENARIOS } from '../../../common/exercises/library';
import { scenarioSchema, type Scenario } from '../../../common/exercises/scenario-schema';
import { exportScenarioYaml, type ScenarioYamlProblem } from '../../../common/exercises/scenario-yaml';
import { localText } from '../../../common/runbooks/runbook-schema';
import { FileRefusalNotice } from '../../files/FileRefusalNotice';
import { readYamlFile, readYamlText, type FileRefusal, type ReadYamlOutcome } from '../../files/read-yaml';
import { useLocale, useT } from '../../i18n';
import { canCall, useUiStore } from '../../store/ui-store';
import { downloadYaml } from '../continuity/download';
import type { ScenarioDocs } from '../../../common/exercises/scenario-docs';
import { removeScenario, saveScenario, startExercise, type Reason } from './exercise-actions';
import { SPEEDS } from './FacilitatorConsole';

const BUILT_IN: readonly Scenario[] = BUILT_IN_SCENARIOS.map((input) => scenarioSchema.parse(input));

interface Props {
  actor: string;
  /** The scenarios imported into the exercise room (its record's `scenario` documents). */
  imported: ScenarioDocs;
}

export function ScenarioLibrary({ actor, imported }: Props) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const scenarios = useMemo(
    () => [
      // An import with a built-in's id takes its place.
      ...BUILT_IN.filter((scenario) => !imported.has(scenario.id)).map((scenario) => ({
        scenario,
        importedBy: null as string | null,
      })),
      ...[...imported.values()].map((doc) => ({ scenario: doc.scenario, importedBy: doc.updatedBy })),
    ],
    [imported],
  );
  const [selectedId, setSelectedId] = useState<string>(() => BUILT_IN[0]?.id ?? '');
  const [speed, setSpeed] = useState(1);
  const [allowLiveActions, setAllowLiveActions] = useState(false);
  const [isStarting, setIsStarting] = useState(false);
  const [refusal, setRefusal] = useState<Reason | null>(null);
  const [started, setStarted] = useState(false);
  const [yaml, setYaml] = useState('');
  const [problems, setProblems] = useState<readonly ScenarioYamlProblem[]>([]);
  const [fileRefusal, setFileRefusal] = useState<FileRefusal | null>(null);
  const [importedNotice, setImportedNotice] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  /** The imported scenario whose removal waits for a second click. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const selected = scenarios.find((entry) => entry.scenario.id === selectedId)?.scenario;
  const canStart = useUiStore((state) => canCall(state, 'exercise:start'));

  const importYaml = async (reading: Promise<ReadYamlOutcome<'scenario'>>) => {
    setImportedNotice(null);
    setSaveError(null);
    setFileRefusal(null);
    const outcome = await reading;
    if (!outcome.ok) {
      setProblems([]);
      setFileRefusal(outcome.refusal);
      return;
    }
    const result = outcome.result;
    if (!result.ok) {
      setProblems(result.errors);
      return;
    }
    setProblems([]);
    try {
      await saveScenario(result.scenario, actor);
    } catch (error) {
      // The pasted text stays where it was, to try again.
      setSaveError(error instanceof Error ? error.message : String(error));
      return;
    }
    setYaml('');
    setSelectedId(result.scenario.id);
    setImportedNotice(t('exercises.library.importedNotice', { title: localText(result.scenario.title, locale) }));
  };

  const remove = async (scenario: Scenario) => {
    setConfirming(null);
    setSaveError(null);
    try {
      await removeScenario(scenario.id, actor);
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    }
  };

  const start = async () => {
    if (!selected) return;
    setIsStarting(true);
    setStarted(false);
    const outcome = await startExercise({ actor, scenario: selected, speed, allowLiveActions });
    setIsStarting(false);
    setRefusal(outcome.ok ? null : outcome.reason);
    setStarted(outcome.ok);
  };

  return (
    <div className="scenario-library" data-testid="scenario-library">
      <section className="panel">
        <h2>{t('exercises.library.heading')}</h2>
        <p className="muted">{t('exercises.library.intro')}</p>
        <ul className="scenario-list" role="radiogroup" aria-label={t('exercises.library.heading')}>
          {scenarios.map(({ scenario, importedBy }) => {
            const isSelected = scenario.id === selectedId;
            return (
              <li
                key={scenario.id}
                className={isSelected ? 'scenario-card is-selected' : 'scenario-card'}
                data-testid={`exercise-scenario-${scenario.id}`}
                data-selected={isSelected ? 'true' : 'false'}
                onClick={() => setSelectedId(scenario.id)}
              >
                <label className="scenario-choice">
                  <input
                    type="radio"
                    name={`${id}-scenario`}
                    checked={isSelected}
                    onChange={() => setSelectedId(scenario.id)}
                  />
                  <strong>{localText(scenario.title, locale)}</strong>
                </label>
                <span
                  className="tag"
                  title={importedBy ? t('exercises.library.importedBy', { name: importedBy }) : undefined}
                >
                  {importedBy ? t('exercises.library.imported') : t('exercises.library.builtIn')}
                </span>
                <p className="scenario-summary">{localText(scenario.summary, locale)}</p>
                <p className="muted scenario-facts">
                  {t(`severity.${scenario.incident.severity}`)} ·{' '}
                  {t('exercises.library.facts', {
                    minutes: scenario.durationMinutes,
                    injects: scenario.injects.length,
                    actions: scenario.expected.length,
                  })}
                </p>
                <div className="form-actions">
                  <button
                    type="button"
                    className="secondary"
                    data-testid={`exercise-export-${scenario.id}`}
                    onClick={(event) => {
                      event.stopPropagation();
                      downloadYaml(`${scenario.id}.yaml`, exportScenarioYaml(scenario));
                    }}
                  >
                    {t('exercises.library.export')}
                  </button>
                  {importedBy &&
                    (confirming === scenario.id ? (
                      <button
                        type="button"
                        className="danger"
                        data-testid={`exercise-remove-confirm-${scenario.id}`}
                        onClick={(event) => {
                          event.stopPropagation();
                          void remove(scenario);
                        }}
                      >
                        {t('exercises.library.removeConfirm', { title: localText(scenario.title, locale) })}
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="secondary"
                        data-testid={`exercise-remove-${scenario.id}`}
                        onClick={(event) => {
                          event.stopPropagation();
                          setConfirming(scenario.id);
                        }}
                      >
                        {t('exercises.library.remove')}
                      </button>
                    ))}
                </div>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="panel start-form" data-testid="exercise-start-form">
        <h2>{t('exercises.start.heading')}</h2>
        <p>
          <span className="muted">{t('exercises.start.scenario')}: </span>
          <strong data-testid="exercise-selected">{selected ? localText(selected.title, locale) : '—'}</strong>
        </p>
        <label className="field start-speed">
          <span>{t('exercises.start.speed')}</span>
          <select
            data-testid="exercise-speed"
            value={speed}
            disabled={!canStart}
            onChange={(event) => setSpeed(Number(event.target.value))}
          >
            {SPEEDS.map((value) => (
              <option key={value} value={value}>
                {t('exercises.start.speedOption', { speed: value })}
              </option>
            ))}
          </select>
          <small className="muted">{t('exercises.start.speedHint')}</small>
        </label>
        <label className="start-live">
          <input
            type="checkbox"
            data-testid="exercise-live-actions"
            checked={allowLiveActions}
            disabled={!canStart}
            onChange={(event) => setAllowLiveActions(event.target.checked)}
          />
          <span>{t('exercises.start.liveActions')}</span>
        </label>
        {allowLiveActions ? (
          <p className="exercise-warning" role="alert" data-testid="exercise-live-warning">
            {t('exercises.start.liveWarning')}
          </p>
        ) : (
          <p className="muted">{t('exercises.start.dryRun')}</p>
        )}
        <div className="form-actions">
          <button
            type="button"
            className="primary"
            data-testid="exercise-start"
            disabled={!selected || isStarting || !canStart}
            onClick={() => void start()}
          >
            {isStarting ? t('exercises.start.starting') : t('exercises.start.start')}
          </button>
          {started && <span role="status">{t('exercises.start.started')}</span>}
        </div>
        {!canStart && (
          <p className="muted" role="note" data-testid="exercise-laptop-only">
            {t('lan.refusal.exercise-laptop-only')}
          </p>
        )}
        {refusal && (
          <p className="error" role="alert" data-testid="exercise-refusal">
            {t(refusal.key, refusal.values)}
          </p>
        )}
      </section>

      <section className="panel scenario-import" aria-labelledby={`${id}-import`}>
        <h2 id={`${id}-import`}>{t('exercises.library.importHeading')}</h2>
        <label className="file-button">
          <span>{t('exercises.library.importFile')}</span>
          <input
            type="file"
            accept=".yaml,.yml,application/yaml,text/yaml"
            data-testid="scenario-yaml-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importYaml(readYamlFile('scenario', file));
            }}
          />
        </label>
        <label className="field">
          <span>{t('exercises.library.paste')}</span>
          <textarea
            rows={6}
            spellCheck={false}
            value={yaml}
            data-testid="scenario-yaml-text"
            onChange={(event) => {
              setYaml(event.target.value);
              setProblems([]);
              setFileRefusal(null);
              setImportedNotice(null);
            }}
          />
        </label>
        <div className="form-actions">
          <button
            type="button"
            data-testid="scenario-yaml-apply"
            disabled={!yaml.trim()}
            onClick={() => void importYaml(readYamlText('scenario', yaml))}
          >
            {t('exercises.library.apply')}
          </button>
        </div>
        {problems.length > 0 && (
          <div role="alert" data-testid="scenario-yaml-refused">
            <p className="error">{t('exercises.library.refused')}</p>
            <ul>
              {problems.map((problem, index) => (
                <li key={index} data-testid="scenario-yaml-problem" data-line={problem.line}>
                  {t('exercises.library.problem', {
                    line: problem.line,
                    column: problem.column,
                    reason: t(`exercises.yaml.${problem.code}`, problem.values),
                  })}
                </li>
              ))}
            </ul>
          </div>
        )}
        {fileRefusal && <FileRefusalNotice refusal={fileRefusal} />}
        {saveError && (
          <p className="error" role="alert" data-testid="scenario-save-failed">
            {t('exercises.library.saveFailed', { message: saveError })}
          </p>
        )}
        {importedNotice && (
          <p role="status" data-testid="scenario-yaml-imported">
            {importedNotice}
          </p>
        )}
      </section>
    </div>
  );
}
