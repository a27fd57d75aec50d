// The exercise room with no session running: the scenario library (built-in
// scenarios in the reader's language, plus those imported from YAML), their
// export as YAML, and the start form (speed, live runbook actions).
import { useId, useMemo, useState } from 'react';
import { BUILT_IN_SCENARIOS } from '../../../common/exercises/library';
import { scenarioSchema, type Scenario } from '../../../common/exercises/scenario-schema';
import {
  exportScenarioYaml,
  parseScenarioYaml,
  type ScenarioYamlProblem,
} from '../../../common/exercises/scenario-yaml';
import { localText } from '../../../common/runbooks/runbook-schema';
import { useLocale, useT } from '../../i18n';
import { downloadYaml } from '../continuity/download';
import { startExercise, type Reason } from './exercise-actions';
import { SPEEDS } from './FacilitatorConsole';
import { addImportedScenario, useImportedScenarios } from './imported-scenarios';

const BUILT_IN: readonly Scenario[] = BUILT_IN_SCENARIOS.map((input) => scenarioSchema.parse(input));

interface Props {
  actor: string;
}

export function ScenarioLibrary({ actor }: Props) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const imported = useImportedScenarios();
  const scenarios = useMemo(
    () => [
      ...BUILT_IN.filter((scenario) => !imported.some((other) => other.id === scenario.id)).map((scenario) => ({
        scenario,
        isImported: false,
      })),
      ...imported.map((scenario) => ({ scenario, isImported: true })),
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
  const [importedNotice, setImportedNotice] = useState<string | null>(null);
  const selected = scenarios.find((entry) => entry.scenario.id === selectedId)?.scenario;

  const importText = (text: string) => {
    setImportedNotice(null);
    const result = parseScenarioYaml(text);
    if (!result.ok) {
      setProblems(result.errors);
      return;
    }
    setProblems([]);
    setYaml('');
    addImportedScenario(result.scenario);
    setSelectedId(result.scenario.id);
    setImportedNotice(t('exercises.library.importedNotice', { title: localText(result.scenario.title, locale) }));
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
          {scenarios.map(({ scenario, isImported }) => {
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
                <span className="tag">
                  {isImported ? t('exercises.library.imported') : t('exercises.library.builtIn')}
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
          <select data-testid="exercise-speed" value={speed} onChange={(event) => setSpeed(Number(event.target.value))}>
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
            disabled={!selected || isStarting}
            onClick={() => void start()}
          >
            {isStarting ? t('exercises.start.starting') : t('exercises.start.start')}
          </button>
          {started && <span role="status">{t('exercises.start.started')}</span>}
        </div>
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
              if (file) void file.text().then(importText);
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
              setImportedNotice(null);
            }}
          />
        </label>
        <div className="form-actions">
          <button
            type="button"
            data-testid="scenario-yaml-apply"
            disabled={!yaml.trim()}
            onClick={() => importText(yaml)}
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
        {importedNotice && (
          <p role="status" data-testid="scenario-yaml-imported">
            {importedNotice}
          </p>
        )}
      </section>
    </div>
  );
}
