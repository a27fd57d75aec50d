// The checklists of one incident: start one (the runbooks that suit the
// incident first), and every run so far, each with its steps.
import { useMemo, useState } from 'react';
import type { Incident, WarRoomState } from '../../../common/domain/incidents';
import { catalogOf, suggestRunbooks } from '../../../common/runbooks/catalog';
import { localText } from '../../../common/runbooks/runbook-schema';
import { useLocale, useT } from '../../i18n';
import { RunChecklist } from './RunChecklist';
import { startRun } from './runbook-actions';
import './runbooks.css';

interface Props {
  state: WarRoomState;
  incidentId: string;
  actor: string;
}

/** Below an incident; nothing while the incident is not in this window's record. */
export function IncidentRunbooks({ state, incidentId, actor }: Props) {
  const incident = state.incidents.get(incidentId);
  return incident ? <Checklists state={state} incident={incident} actor={actor} /> : null;
}

function Checklists({ state, incident, actor }: { state: WarRoomState; incident: Incident; actor: string }) {
  const t = useT();
  const locale = useLocale();
  const entries = useMemo(() => catalogOf(state.runbooks), [state.runbooks]);
  const { suggested, others } = useMemo(
    () => suggestRunbooks(entries, incident, (entry) => localText(entry.runbook.title, locale)),
    [entries, incident, locale],
  );
  const [chosen, setChosen] = useState<string>('');
  const [isExercise, setIsExercise] = useState(false);
  const [hasLiveActions, setHasLiveActions] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selected = chosen || suggested[0]?.runbook.id || '';
  const runs = [...incident.runs.values()].sort((a, b) => a.startedAt - b.startedAt);

  const start = async () => {
    const entry = entries.find((candidate) => candidate.runbook.id === selected);
    if (!entry) return;
    setError(null);
    try {
      await startRun(incident.id, entry, actor, { isExercise, hasLiveActions: isExercise && hasLiveActions });
    } catch (failure) {
      setError(t('runbooks.run.failed', { message: failure instanceof Error ? failure.message : String(failure) }));
    }
  };

  const option = (entry: (typeof entries)[number]) => (
    <option key={entry.runbook.id} value={entry.runbook.id}>
      {localText(entry.runbook.title, locale)}
    </option>
  );

  return (
    <section className="incident-runbooks" data-testid="incident-runbooks" aria-labelledby="incident-runbooks-heading">
      <h2 id="incident-runbooks-heading">{t('runbooks.run.heading')}</h2>
      <form
        className="run-start"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <label className="field">
          <span>{t('runbooks.run.startHeading')}</span>
          <select data-testid="run-choose" value={selected} onChange={(event) => setChosen(event.target.value)}>
            {suggested.length > 0 && <optgroup label={t('runbooks.run.suggested')}>{suggested.map(option)}</optgroup>}
            <optgroup label={t('runbooks.run.others')}>{others.map(option)}</optgroup>
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="run-exercise"
            checked={isExercise}
            onChange={(event) => setIsExercise(event.target.checked)}
          />
          {t('runbooks.run.exercise')}
        </label>
        {isExercise && (
          <label className="check">
            <input
              type="checkbox"
              data-testid="run-live-actions"
              checked={hasLiveActions}
              onChange={(event) => setHasLiveActions(event.target.checked)}
            />
            {t('runbooks.run.liveActions')}
          </label>
        )}
        <button type="submit" className="primary" data-testid="run-start" disabled={!selected}>
          {t('runbooks.run.start')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {runs.length === 0 ? (
        <p className="muted">{t('runbooks.run.none')}</p>
      ) : (
        runs.map((run) => (
          <RunChecklist key={run.id} incidentId={incident.id} run={run} docs={state.docs} actor={actor} />
        ))
      )}
    </section>
  );
}
