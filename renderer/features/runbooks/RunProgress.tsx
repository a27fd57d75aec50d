// Checklist progress of an incident in a few words, for the role board and
// the dashboard: steps finished per run, what awaits approval, what failed.
import type { Incident } from '../../../common/domain/incidents';
import { runProgress } from '../../../common/runbooks/run-state';
import { localText } from '../../../common/runbooks/runbook-schema';
import { useLocale, useT } from '../../i18n';
import './runbooks.css';

interface Props {
  incident: Incident;
  /** One line per run (role board) or one line for all (dashboard cell). */
  compact?: boolean;
}

export function RunProgress({ incident, compact = false }: Props) {
  const t = useT();
  const locale = useLocale();
  const runs = [...incident.runs.values()].sort((a, b) => a.startedAt - b.startedAt);
  if (runs.length === 0) return null;
  const progresses = runs.map((run) => ({ run, progress: runProgress(run) }));
  if (compact) {
    const finished = progresses.reduce((sum, item) => sum + item.progress.finished, 0);
    const total = progresses.reduce((sum, item) => sum + item.progress.total, 0);
    const waiting = progresses.reduce((sum, item) => sum + item.progress.awaitingApproval, 0);
    const failed = progresses.reduce((sum, item) => sum + item.progress.failed, 0);
    return (
      <span className="run-progress-compact" data-testid="run-progress-compact">
        <progress max={total} value={finished} aria-label={t('runbooks.progress.heading')} />{' '}
        {t('runbooks.progress.summary', { finished, total })}
        {waiting > 0 && <span className="tag approval"> {t('runbooks.progress.waiting', { count: waiting })}</span>}
        {failed > 0 && <span className="tag failed"> {t('runbooks.progress.failed', { count: failed })}</span>}
      </span>
    );
  }
  return (
    <section
      className="run-progress-panel"
      data-testid="run-progress-panel"
      aria-label={t('runbooks.progress.heading')}
    >
      <h3>{t('runbooks.progress.heading')}</h3>
      <ul>
        {progresses.map(({ run, progress }) => (
          <li key={run.id}>
            <span>{localText(run.title, locale)}</span> <progress max={progress.total} value={progress.finished} />{' '}
            <span>{t('runbooks.progress.summary', { finished: progress.finished, total: progress.total })}</span>
            {progress.awaitingApproval > 0 && (
              <span className="tag approval">
                {' '}
                {t('runbooks.progress.waiting', { count: progress.awaitingApproval })}
              </span>
            )}
            {progress.failed > 0 && (
              <span className="tag failed"> {t('runbooks.progress.failed', { count: progress.failed })}</span>
            )}
            {progress.current && (
              <div className="muted">
                {t('runbooks.progress.next', { step: localText(progress.current.title, locale) })}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
