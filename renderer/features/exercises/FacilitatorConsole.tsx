// The facilitator's console for the session being played: the scenario and
// its objectives, the clock and its controls (pause, speed, live actions,
// end), every inject in order with its state and Fire / Skip, and the live
// score. Controls go through the facilitator's host, which writes the events;
// the screen follows when they come back through sync. A teammate's browser on
// the LAN sees the controls disabled, with the reason, and no Fire / Skip;
// controls written by any device other than the session's clock are listed as
// ignored.
import { useState } from 'react';
import type { WarRoomState } from '../../../common/domain/incidents';
import { injectsInOrder } from '../../../common/exercises/scenario-schema';
import { SPEED_MAX, SPEED_MIN } from '../../../common/exercises/session-payloads';
import { elapsedMsAt, sessionIncident, sessionTiming, type ExerciseSession } from '../../../common/exercises/session';
import { scoreExercise } from '../../../common/exercises/scoring';
import { localText } from '../../../common/runbooks/runbook-schema';
import { useNow } from '../../app/use-now';
import { useLocale, useT } from '../../i18n';
import { formatDateTime, formatTime } from '../../i18n/format';
import { canCall, routeToHash, useUiStore } from '../../store/ui-store';
import { roleLabel } from '../roles/role-label';
import { controlExercise, playInject, type ExerciseOutcome, type Reason } from './exercise-actions';
import { formatClock } from './exercise-format';
import { injectState } from './inbox';
import { InjectMessage } from './InjectMessage';
import { ScoreTable } from './ScoreTable';

export const SPEEDS = Array.from({ length: SPEED_MAX - SPEED_MIN + 1 }, (_, index) => SPEED_MIN + index);

interface Props {
  session: ExerciseSession;
  state: WarRoomState;
  actor: string;
}

export function FacilitatorConsole({ session, state, actor }: Props) {
  const t = useT();
  const locale = useLocale();
  const now = useNow(1_000);
  const [isConfirmingEnd, setIsConfirmingEnd] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Reason | null>(null);
  const { scenario } = session;
  const elapsed = elapsedMsAt(session, now);
  const isEnded = session.status === 'ended';
  // The host says which calls this window would be refused (a teammate's browser on the LAN).
  const canSteer = useUiStore((ui) => canCall(ui, 'exercise:control'));
  const canPlay = useUiStore((ui) => canCall(ui, 'exercise:inject'));
  const isIdle = busy === null && canSteer;

  const run = async (key: string, call: () => Promise<ExerciseOutcome>) => {
    setBusy(key);
    const outcome = await call();
    setBusy(null);
    setRefusal(outcome.ok ? null : outcome.reason);
    // The facilitator who ends the exercise goes on to its debrief.
    if (outcome.ok && key === 'ended') window.location.hash = routeToHash({ name: 'exercises', sessionId: session.id });
  };
  const control = (action: 'paused' | 'resumed' | 'ended' | 'speed' | 'live-actions', extra = {}) =>
    void run(action, () => controlExercise({ actor, sessionId: session.id, action, ...extra }));
  const play = (injectId: string, action: 'fired' | 'skipped') =>
    void run(`${action}:${injectId}`, () => playInject({ actor, sessionId: session.id, injectId, action }));

  const clock = (ms: number) => t('exercises.injects.offset', { offset: formatClock(ms) });
  const incident = sessionIncident(state, session);

  return (
    <section
      className="panel facilitator-console"
      data-testid="facilitator-console"
      data-session={session.id}
      data-status={session.status}
    >
      <header className="console-header">
        <div>
          <p className="muted console-kicker">{t('exercises.console.heading')}</p>
          <h1 data-testid="console-title">
            {scenario ? localText(scenario.title, locale) : t('exercises.console.unreadable')}
          </h1>
          <p className="muted">
            {t('exercises.console.startedBy', {
              actor: session.startedBy,
              at: formatDateTime(session.startedAt, locale),
            })}
          </p>
        </div>
        <div className="console-clock" aria-live="off">
          <span className={`tag console-status status-${session.status}`} data-testid="exercise-status">
            {t(`exercises.console.status.${session.status}`)}
          </span>
          <span className="muted">{t('exercises.console.clock')}</span>
          <time className="console-clock-value" data-testid="exercise-clock">
            {formatClock(elapsed)}
          </time>
          <span className="muted">{t('exercises.start.speedOption', { speed: session.speed })}</span>
          <a href={routeToHash({ name: 'exercises', sessionId: session.id })} data-testid="exercise-report-link">
            {t('exercises.past.report')}
          </a>
        </div>
      </header>

      <div className="console-controls" role="group" aria-label={t('exercises.console.heading')}>
        {session.status === 'running' && (
          <button type="button" data-testid="exercise-pause" disabled={!isIdle} onClick={() => control('paused')}>
            {t('exercises.console.pause')}
          </button>
        )}
        {session.status === 'paused' && (
          <button
            type="button"
            className="primary"
            data-testid="exercise-resume"
            disabled={!isIdle}
            onClick={() => control('resumed')}
          >
            {t('exercises.console.resume')}
          </button>
        )}
        <label className="inline-field">
          <span>{t('exercises.console.speed')}</span>
          <select
            data-testid="exercise-speed-change"
            value={session.speed}
            disabled={isEnded || !isIdle}
            onChange={(event) => control('speed', { speed: Number(event.target.value) })}
          >
            {SPEEDS.map((speed) => (
              <option key={speed} value={speed}>
                {t('exercises.start.speedOption', { speed })}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field console-live">
          <input
            type="checkbox"
            data-testid="exercise-live-actions-toggle"
            checked={session.allowLiveActions}
            disabled={isEnded || !isIdle}
            onChange={(event) => control('live-actions', { allowLiveActions: event.target.checked })}
          />
          <span>{t('exercises.console.liveActions')}</span>
        </label>
        {!isEnded &&
          (isConfirmingEnd ? (
            <span className="console-end-confirm">
              <span className="muted">{t('exercises.console.endHint')}</span>
              <button
                type="button"
                className="danger"
                data-testid="exercise-end-confirm"
                disabled={busy !== null}
                onClick={() => {
                  setIsConfirmingEnd(false);
                  control('ended');
                }}
              >
                {t('exercises.console.endConfirm')}
              </button>
              <button type="button" data-testid="exercise-end-cancel" onClick={() => setIsConfirmingEnd(false)}>
                {t('exercises.console.endCancel')}
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="danger console-end"
              data-testid="exercise-end"
              disabled={!canSteer}
              onClick={() => setIsConfirmingEnd(true)}
            >
              {t('exercises.console.end')}
            </button>
          ))}
      </div>
      {!canSteer && (
        <p className="muted" role="note" data-testid="exercise-laptop-only">
          {t('lan.refusal.exercise-laptop-only')}
        </p>
      )}
      {session.allowLiveActions && !isEnded && (
        <p className="exercise-warning" role="note">
          {t('exercises.start.liveWarning')}
        </p>
      )}
      {refusal && (
        <p className="error" role="alert" data-testid="exercise-refusal">
          {t(refusal.key, refusal.values)}
        </p>
      )}
      {session.ignoredCount > 0 && (
        <details className="console-ignored" data-testid="exercise-ignored" data-count={session.ignoredCount}>
          <summary>{t('exercises.console.ignored', { count: session.ignoredCount })}</summary>
          <ul>
            {session.ignored.map((ignored) => (
              <li key={ignored.eventId}>
                {t('exercises.console.ignoredRow', {
                  at: formatTime(ignored.at, locale),
                  actor: ignored.actor,
                  action: t(`exercises.console.ignoredAction.${ignored.action}`),
                })}
              </li>
            ))}
          </ul>
        </details>
      )}

      {scenario && (
        <div className="console-brief">
          <div>
            <h2>{t('exercises.console.objectives')}</h2>
            <ul>
              {scenario.objectives.map((objective, index) => (
                <li key={index}>{localText(objective, locale)}</li>
              ))}
            </ul>
          </div>
          <div>
            <h2>{t('exercises.console.roles')}</h2>
            <ul className="chips">
              {scenario.roles.map((role) => (
                <li key={role} className="chip">
                  {roleLabel(role, state.docs, t)}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}

      {scenario && (
        <>
          <h2>{t('exercises.injects.heading')}</h2>
          <ol className="inject-list" data-testid="inject-list">
            {injectsInOrder(scenario).map((inject) => {
              const injectStatus = injectState(session, inject.id);
              const fired = session.fired.get(inject.id);
              const skipped = session.skipped.get(inject.id);
              const isDue = injectStatus === 'pending' && inject.offsetSeconds * 1000 <= elapsed;
              return (
                <li
                  key={inject.id}
                  className={`inject-row is-${injectStatus}`}
                  data-testid={`inject-${inject.id}`}
                  data-state={injectStatus}
                  data-due={isDue ? 'true' : 'false'}
                >
                  <time className="inject-offset">{clock(inject.offsetSeconds * 1000)}</time>
                  <div className="inject-body">
                    <InjectMessage inject={inject} docs={state.docs} />
                  </div>
                  <div className="inject-side">
                    <span className={`tag inject-state state-${isDue ? 'due' : injectStatus}`}>
                      {t(`exercises.injects.state.${isDue ? 'due' : injectStatus}`)}
                    </span>
                    {fired && (
                      <small className="muted" data-testid={`inject-when-${inject.id}`} data-by={fired.by}>
                        {fired.by === 'clock'
                          ? t('exercises.injects.firedByClock', { elapsed: clock(fired.elapsedMs) })
                          : t('exercises.injects.firedByHand', { elapsed: clock(fired.elapsedMs), actor: fired.actor })}
                      </small>
                    )}
                    {skipped && (
                      <small className="muted">{t('exercises.injects.skippedBy', { actor: skipped.actor })}</small>
                    )}
                    {injectStatus === 'pending' && !isEnded && canPlay && (
                      <span className="inject-actions">
                        <button
                          type="button"
                          data-testid={`inject-fire-${inject.id}`}
                          disabled={busy !== null}
                          onClick={() => play(inject.id, 'fired')}
                        >
                          {t('exercises.injects.fire')}
                        </button>
                        <button
                          type="button"
                          className="secondary"
                          data-testid={`inject-skip-${inject.id}`}
                          disabled={busy !== null}
                          onClick={() => play(inject.id, 'skipped')}
                        >
                          {t('exercises.injects.skip')}
                        </button>
                      </span>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>

          <h2>{t('exercises.score.heading')}</h2>
          <ScoreTable
            score={scoreExercise(scenario, sessionTiming(session), incident, session.endedAt ?? now)}
            hasIncident={incident !== undefined}
          />
        </>
      )}
    </section>
  );
}
