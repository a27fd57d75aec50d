// The expected actions of a session scored against the incident the team
// runs, in exercise time: met, late, missed or not yet due, and by how much.
import { byHowMuch } from '../../../common/exercises/after-action';
import type { ActionScore, ExerciseScore } from '../../../common/exercises/scoring';
import { localText } from '../../../common/runbooks/runbook-schema';
import { useLocale, useT } from '../../i18n';
import { formatDuration } from '../../i18n/format';
import { formatClock } from './exercise-format';

interface Props {
  score: ExerciseScore;
  hasIncident: boolean;
}

export function ScoreTable({ score, hasIncident }: Props) {
  const t = useT();
  const locale = useLocale();
  const by = (action: ActionScore) => byHowMuch(action, t, (ms) => formatDuration(ms, locale));
  const clock = (seconds: number) => t('exercises.injects.offset', { offset: formatClock(seconds * 1000) });
  return (
    <div className="score" data-testid="exercise-score">
      <p className="score-summary" data-testid="score-summary">
        {t('exercises.score.summary', {
          met: score.met,
          late: score.late,
          missed: score.missed,
          pending: score.pending,
        })}
      </p>
      {!hasIncident && <p className="muted">{t('exercises.score.noIncident')}</p>}
      <table className="data-table score-table">
        <thead>
          <tr>
            <th scope="col">{t('exercises.report.column.action')}</th>
            <th scope="col">{t('exercises.report.column.target')}</th>
            <th scope="col">{t('exercises.report.column.actual')}</th>
            <th scope="col">{t('exercises.report.column.result')}</th>
            <th scope="col">{t('exercises.report.column.by')}</th>
          </tr>
        </thead>
        <tbody>
          {score.actions.map((action) => (
            <tr key={action.action.id} data-testid={`score-${action.action.id}`} data-outcome={action.outcome}>
              <td>{localText(action.action.label, locale)}</td>
              <td className="clock-cell">{clock(action.action.targetSeconds)}</td>
              <td className="clock-cell">{action.elapsedSeconds === undefined ? '—' : clock(action.elapsedSeconds)}</td>
              <td>
                <span className={`outcome outcome-${action.outcome}`}>{t(`exercises.outcome.${action.outcome}`)}</span>
              </td>
              <td>{by(action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
