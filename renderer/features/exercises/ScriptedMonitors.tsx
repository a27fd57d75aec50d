// The monitors an exercise plays, on the monitors screen of the exercise
// workspace: the injects turn them red, slow or green, and the team reads
// them as it would read the real board. They are never checked against a
// real system, and the screen says so.
import type { WarRoomState } from '../../../common/domain/incidents';
import { EXERCISE_WORKSPACE } from '../../../common/events/event';
import { activeSession } from '../../../common/exercises/session';
import { useNow } from '../../app/use-now';
import { currentWorkspace } from '../../db';
import { useLocale, useT } from '../../i18n';
import { formatRelative } from '../../i18n/format';

interface Props {
  state: WarRoomState;
}

export function ScriptedMonitors({ state }: Props) {
  if (currentWorkspace() !== EXERCISE_WORKSPACE) return null;
  return <Board state={state} />;
}

function Board({ state }: Props) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const session = activeSession(state.exercises);
  const monitors = session ? [...session.monitors.values()].sort((a, b) => a.name.localeCompare(b.name)) : [];
  return (
    <section className="panel scripted-monitors" data-testid="scripted-monitors">
      <h2>{t('exercises.scripted.heading')}</h2>
      <p className="exercise-warning" role="note">
        {t('exercises.scripted.note')}
      </p>
      {!session && <p className="muted">{t('exercises.scripted.none')}</p>}
      {session && monitors.length === 0 && <p className="muted">{t('exercises.scripted.empty')}</p>}
      {monitors.length > 0 && (
        <ul className="scripted-list">
          {monitors.map((monitor) => (
            <li key={monitor.name} data-testid={`scripted-monitor-${monitor.name}`} data-status={monitor.status}>
              <strong>{monitor.name}</strong>
              <span className={`monitor-status monitor-status-${monitor.status}`}>
                {t(`exercises.scripted.status.${monitor.status}`)}
              </span>
              {monitor.latencyMs !== undefined && (
                <span>{t('exercises.scripted.latency', { latency: monitor.latencyMs })}</span>
              )}
              <small className="muted">
                {t('exercises.scripted.since', { when: formatRelative(monitor.at, now, locale) })}
              </small>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
