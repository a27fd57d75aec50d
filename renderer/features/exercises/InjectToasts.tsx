// Injects reach participants on every screen of the exercise workspace: a
// toast for each one that fires while the window is open. Injects fired
// before it opened (already in the record, or caught up by sync just after)
// stay in the inbox only, so a reload does not replay the session. Toasts
// go by themselves after a few seconds.
import { useEffect, useRef, useState } from 'react';
import type { WarRoomState } from '../../../common/domain/incidents';
import { EXERCISE_WORKSPACE } from '../../../common/events/event';
import type { FiredInject } from '../../../common/exercises/session';
import { currentWorkspace } from '../../db';
import { useT } from '../../i18n';
import { firedSince } from './inbox';
import { InjectMessage } from './InjectMessage';
import '../monitors/monitors.css';
import './exercises.css';

const MAX_TOASTS = 3;
/** A toast announces; the inbox keeps. It goes by itself so it never sits over the team's work. */
const TOAST_MS = 12_000;
/** Fired this long before the window opened, an inject that sync brings late is history, not news. */
const CATCH_UP_MS = 60_000;
/** The page load: a window opens one workspace per load. */
const WINDOW_OPENED_AT = Date.now();

interface Toast {
  readonly fired: FiredInject;
  readonly shownAt: number;
}

interface Props {
  state: WarRoomState;
  /** When the window opened; tests give it. */
  openedAt?: number;
}

export function InjectToasts(props: Props) {
  if (currentWorkspace() !== EXERCISE_WORKSPACE) return null;
  return <Toasts {...props} />;
}

function Toasts({ state, openedAt }: Props) {
  const t = useT();
  const opened = useRef(openedAt ?? WINDOW_OPENED_AT);
  const seen = useRef<Set<string> | null>(null);
  const [toasts, setToasts] = useState<readonly Toast[]>([]);

  useEffect(() => {
    const sessions = [...state.exercises.values()];
    if (seen.current === null) {
      seen.current = new Set(sessions.flatMap((session) => [...session.fired.values()].map((fired) => fired.eventId)));
      return;
    }
    const known = seen.current;
    const fresh = sessions.flatMap((session) => firedSince(session, known));
    if (fresh.length === 0) return;
    for (const fired of fresh) known.add(fired.eventId);
    const news = fresh.filter((fired) => fired.at >= opened.current - CATCH_UP_MS);
    if (news.length === 0) return;
    const shownAt = Date.now();
    setToasts((current) => [...current, ...news.map((fired) => ({ fired, shownAt }))].slice(-MAX_TOASTS));
  }, [state.exercises]);

  useEffect(() => {
    const oldest = toasts[0];
    if (!oldest) return;
    const timer = setTimeout(
      () => setToasts((current) => current.filter((other) => other !== oldest)),
      Math.max(0, oldest.shownAt + TOAST_MS - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [toasts]);

  if (toasts.length === 0) return null;
  return (
    <div className="toasts exercise-toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div
          key={toast.fired.eventId}
          className="toast exercise-toast"
          data-testid="inject-toast"
          data-inject={toast.fired.inject.id}
        >
          <strong>{t('exercises.toast.title', { kind: t(`exercises.inject.${toast.fired.inject.kind}`) })}</strong>
          <InjectMessage inject={toast.fired.inject} docs={state.docs} />
          <button
            type="button"
            className="link"
            onClick={() => setToasts((current) => current.filter((other) => other !== toast))}
          >
            {t('exercises.toast.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
