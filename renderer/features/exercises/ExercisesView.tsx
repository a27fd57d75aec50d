// The exercises screen. In the real record it explains and opens the exercise
// room (the exercise workspace, a record of its own). In the exercise room:
// the scenario library and start form while nothing runs; the facilitator
// console, what participants see and the observers' notes while a session
// runs; past sessions and their after-action reports.
import type { WarRoomState } from '../../../common/domain/incidents';
import { EXERCISE_WORKSPACE } from '../../../common/events/event';
import { activeSession, elapsedMsAt, type ExerciseSession } from '../../../common/exercises/session';
import type { Scenario } from '../../../common/exercises/scenario-schema';
import { localText } from '../../../common/runbooks/runbook-schema';
import { currentWorkspace } from '../../db';
import { useLocale, useT } from '../../i18n';
import { formatDateTime, formatDuration } from '../../i18n/format';
import { routeToHash } from '../../store/ui-store';
import { AfterAction } from './AfterAction';
import { openWorkspace } from './exercise-actions';
import { FacilitatorConsole } from './FacilitatorConsole';
import { InjectInbox } from './InjectInbox';
import { ObserverNotes } from './ObserverNotes';
import { ScenarioLibrary } from './ScenarioLibrary';
import '../continuity/continuity.css';
import '../monitors/monitors.css';
import './exercises.css';

interface Props {
  state: WarRoomState;
  actor: string;
  /** A session whose after-action report to show. */
  sessionId?: string | undefined;
}

function isPlayable(session: ExerciseSession): session is ExerciseSession & { readonly scenario: Scenario } {
  return session.scenario !== null;
}

export function ExercisesView({ state, actor, sessionId }: Props) {
  const t = useT();
  if (currentWorkspace() !== EXERCISE_WORKSPACE) {
    return (
      <section className="exercises" data-testid="exercises-view" data-workspace="default">
        <header className="section-header">
          <h1>{t('exercises.view.heading')}</h1>
        </header>
        <div className="panel exercises-intro">
          <p>{t('exercises.view.intro')}</p>
          <p>{t('exercises.view.separate')}</p>
          <button
            type="button"
            className="primary"
            data-testid="open-exercise-room"
            onClick={() => openWorkspace(EXERCISE_WORKSPACE, routeToHash({ name: 'exercises' }))}
          >
            {t('exercises.view.open')}
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="exercises" data-testid="exercises-view" data-workspace="exercise">
      {sessionId === undefined ? (
        <Room state={state} actor={actor} />
      ) : (
        <Report state={state} actor={actor} sessionId={sessionId} />
      )}
    </section>
  );
}

function Room({ state, actor }: { state: WarRoomState; actor: string }) {
  const t = useT();
  const active = activeSession(state.exercises);
  return (
    <>
      {active ? (
        <>
          <FacilitatorConsole session={active} state={state} actor={actor} />
          <div className="exercise-columns">
            <InjectInbox session={active} docs={state.docs} />
            <ObserverNotes session={active} actor={actor} />
          </div>
        </>
      ) : (
        <>
          <header className="section-header">
            <h1>{t('exercises.view.heading')}</h1>
          </header>
          <p className="muted">{t('exercises.view.separate')}</p>
          <ScenarioLibrary actor={actor} imported={state.scenarios} />
        </>
      )}
      <PastSessions state={state} />
    </>
  );
}

function PastSessions({ state }: { state: WarRoomState }) {
  const t = useT();
  const locale = useLocale();
  const ended = [...state.exercises.values()]
    .filter((session) => session.status === 'ended')
    .sort((a, b) => b.startedAt - a.startedAt);
  return (
    <section className="panel past-sessions" data-testid="past-sessions">
      <h2>{t('exercises.past.heading')}</h2>
      {ended.length === 0 ? (
        <p className="muted">{t('exercises.past.empty')}</p>
      ) : (
        <ul className="past-list">
          {ended.map((session) => (
            <li key={session.id} data-testid={`past-session-${session.id}`}>
              <strong>
                {session.scenario ? localText(session.scenario.title, locale) : t('exercises.past.unreadable')}
              </strong>
              <span className="muted">
                {t('exercises.past.row', {
                  at: formatDateTime(session.startedAt, locale),
                  actor: session.startedBy,
                  duration: formatDuration(elapsedMsAt(session, session.endedAt ?? session.startedAt), locale),
                })}
              </span>
              {session.scenario && (
                <a
                  href={routeToHash({ name: 'exercises', sessionId: session.id })}
                  data-testid={`past-session-report-${session.id}`}
                >
                  {t('exercises.past.report')}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Report({ state, actor, sessionId }: { state: WarRoomState; actor: string; sessionId: string }) {
  const t = useT();
  const session = state.exercises.get(sessionId);
  return (
    <>
      <a href={routeToHash({ name: 'exercises' })} className="link" data-testid="exercise-report-back">
        ← {t('exercises.view.back')}
      </a>
      {!session && <p className="empty">{t('exercises.view.unknownSession')}</p>}
      {session && !isPlayable(session) && <p className="empty">{t('exercises.console.unreadable')}</p>}
      {session && isPlayable(session) && <AfterAction session={session} state={state} actor={actor} />}
    </>
  );
}
