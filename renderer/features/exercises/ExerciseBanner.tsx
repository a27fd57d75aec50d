// The band over every screen of the exercise workspace: nobody must mistake a
// drill for the real record. It names the scenario being played, runs its
// clock (standing still while paused) and leads back to the real record.
import type { WarRoomState } from '../../../common/domain/incidents';
import { EXERCISE_WORKSPACE } from '../../../common/events/event';
import { activeSession, elapsedMsAt } from '../../../common/exercises/session';
import { localText } from '../../../common/runbooks/runbook-schema';
import { useNow } from '../../app/use-now';
import { currentWorkspace } from '../../db';
import { useLocale, useT } from '../../i18n';
import { openWorkspace } from './exercise-actions';
import { formatClock } from './exercise-format';
import './exercises.css';

interface Props {
  /** Undefined while the record opens: the band shows from the first frame all the same. */
  state: WarRoomState | undefined;
}

export function ExerciseBanner({ state }: Props) {
  if (currentWorkspace() !== EXERCISE_WORKSPACE) return null;
  return <Banner state={state} />;
}

function Banner({ state }: Props) {
  const t = useT();
  const locale = useLocale();
  const now = useNow(1_000);
  const session = state ? activeSession(state.exercises) : undefined;
  const title = session?.scenario ? localText(session.scenario.title, locale) : undefined;
  return (
    <div className="exercise-banner" data-testid="exercise-banner">
      <strong className="exercise-banner-label">{t('exercises.banner.label')}</strong>
      <span className="exercise-banner-scenario" data-testid="exercise-banner-scenario">
        {session ? (title ?? t('exercises.console.unreadable')) : t('exercises.banner.noSession')}
      </span>
      {session && (
        <span className="exercise-banner-clock">
          <small>{t('exercises.banner.clock')}</small>{' '}
          <time data-testid="exercise-banner-clock" data-status={session.status}>
            {formatClock(elapsedMsAt(session, now))}
          </time>
          {session.status === 'paused' && (
            <span className="exercise-banner-paused"> · {t('exercises.banner.paused')}</span>
          )}
        </span>
      )}
      <button
        type="button"
        className="exercise-banner-back"
        data-testid="exercise-leave"
        onClick={() => openWorkspace('default', '#/')}
      >
        {t('exercises.banner.back')}
      </button>
    </div>
  );
}
