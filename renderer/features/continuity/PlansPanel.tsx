// Continuity plans: per process, how the business carries on, the runbook that
// restores it, and when the plan was last exercised and reviewed. Plans not
// exercised for longer than the chosen period (6 months by default) are flagged.
import { useState } from 'react';
import { DEFAULT_UNTESTED_MONTHS, isUntested, localDate } from '../../../common/continuity/calendar';
import { processCatalog, processName } from '../../../common/continuity/process-catalog';
import type { WarRoomState } from '../../../common/domain/incidents';
import { catalogOf } from '../../../common/runbooks/catalog';
import { localText } from '../../../common/runbooks/runbook-schema';
import { useNow } from '../../app/use-now';
import { useLocale, useT } from '../../i18n';
import { timeZoneName } from '../../i18n/format';
import { routeToHash } from '../../store/ui-store';

export function PlansPanel({ state }: { state: WarRoomState }) {
  const t = useT();
  const locale = useLocale();
  const now = useNow(60_000);
  const [months, setMonths] = useState(DEFAULT_UNTESTED_MONTHS);
  const today = localDate(now, timeZoneName());
  const runbooks = new Map(catalogOf(state.runbooks).map((entry) => [entry.runbook.id, entry.runbook]));
  return (
    <div className="panel" data-testid="plans-panel">
      <h1>{t('continuity.plans.heading')}</h1>
      <p className="muted">{t('continuity.plans.intro')}</p>
      <label className="field plans-months">
        <span>{t('continuity.plans.months')}</span>
        <input
          type="number"
          min={1}
          max={60}
          value={months}
          onChange={(event) => setMonths(Math.max(1, Math.min(60, Number(event.target.value) || 1)))}
          data-testid="plans-months"
        />
      </label>
      {processCatalog(state.continuity).map(({ process }) => {
        const isFlagged = isUntested(process.lastExercised, today, months);
        const runbook = process.runbookId ? runbooks.get(process.runbookId) : undefined;
        return (
          <article
            key={process.id}
            className={`plan-card ${isFlagged ? 'is-untested' : ''}`}
            data-testid="plan-card"
            data-process={process.id}
            data-untested={isFlagged}
          >
            <h3>{processName(process, locale)}</h3>
            <p>
              <strong>{t(`continuity.method.${process.method}`)}</strong>
              {process.continuity ? ` · ${localText(process.continuity, locale)}` : ''}
            </p>
            <p>
              {runbook ? (
                <a href={routeToHash({ name: 'runbooks', id: runbook.id })} data-testid="plan-runbook">
                  {t('continuity.plans.runbook', { title: localText(runbook.title, locale) })}
                </a>
              ) : (
                <span className="muted">{t('continuity.plans.noRunbook')}</span>
              )}
            </p>
            <p className="muted">
              {t('continuity.plans.exercised', { date: process.lastExercised ?? t('continuity.plans.never') })} ·{' '}
              {t('continuity.plans.reviewed', { date: process.lastReviewed ?? t('continuity.plans.never') })}
              {process.owner ? ` · ${t('continuity.plans.owner', { owner: process.owner })}` : ''}
            </p>
            {isFlagged && (
              <p className="plan-flag" data-testid="plan-flag">
                {process.lastExercised
                  ? t('continuity.plans.untested', { months })
                  : t('continuity.plans.neverExercised')}
              </p>
            )}
          </article>
        );
      })}
    </div>
  );
}
