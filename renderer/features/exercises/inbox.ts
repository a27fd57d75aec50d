// What participants see of a session: the injects that have reached them,
// newest first, and which of them are new since the window last looked (for
// the toasts, which must not replay a session's history at page load).
import type { ExerciseSession, FiredInject } from '../../../common/exercises/session';

/** Fired injects, newest first; at the same moment, the one fired later in the record first. */
export function inboxOf(session: Pick<ExerciseSession, 'fired'>): FiredInject[] {
  return [...session.fired.values()]
    .map((fired, index) => ({ fired, index }))
    .sort((a, b) => b.fired.at - a.fired.at || b.index - a.index)
    .map(({ fired }) => fired);
}

/** Injects of the session fired since `seen` was taken, oldest first. */
export function firedSince(session: Pick<ExerciseSession, 'fired'>, seen: ReadonlySet<string>): FiredInject[] {
  return [...session.fired.values()].filter((fired) => !seen.has(fired.eventId));
}

/** What a pending, fired or skipped inject row shows. */
export type InjectState = 'pending' | 'fired' | 'skipped';

export function injectState(session: Pick<ExerciseSession, 'fired' | 'skipped'>, injectId: string): InjectState {
  if (session.fired.has(injectId)) return 'fired';
  if (session.skipped.has(injectId)) return 'skipped';
  return 'pending';
}
