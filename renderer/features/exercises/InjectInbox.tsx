// "What participants see": the injects that have reached the team, newest
// first, each as it would arrive, stamped with exercise time.
import type { Documents } from '../../../common/domain/documents';
import type { ExerciseSession } from '../../../common/exercises/session';
import { useT } from '../../i18n';
import { formatClock } from './exercise-format';
import { inboxOf } from './inbox';
import { InjectMessage } from './InjectMessage';

interface Props {
  session: ExerciseSession;
  docs: Documents;
}

export function InjectInbox({ session, docs }: Props) {
  const t = useT();
  const items = inboxOf(session);
  return (
    <section className="panel inject-inbox" data-testid="inject-inbox" aria-labelledby="inject-inbox-heading">
      <h2 id="inject-inbox-heading">{t('exercises.inbox.heading')}</h2>
      <p className="muted">{t('exercises.inbox.intro')}</p>
      {items.length === 0 ? (
        <p className="empty">{t('exercises.inbox.empty')}</p>
      ) : (
        <ol className="inbox-list">
          {items.map((fired) => (
            <li
              key={fired.eventId}
              className="inbox-item"
              data-testid="inbox-item"
              data-inject={fired.inject.id}
              data-kind={fired.inject.kind}
            >
              <time className="inbox-time">
                {t('exercises.injects.offset', { offset: formatClock(fired.elapsedMs) })}
              </time>
              <InjectMessage inject={fired.inject} docs={docs} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
