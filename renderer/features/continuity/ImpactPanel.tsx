// The live business impact of an incident: each impacted process with its
// countdown to the RTO breach, the cost so far and per hour, a warning before
// the breach and the data at risk since the last backup; its recovery runbook
// one click away. Crossed thresholds are written to the timeline: every laptop
// showing the incident may write the same crossing, and the fold keeps one.
import { useEffect, useMemo, useRef } from 'react';
import { crossingKey, dueCrossings, processImpact, totalImpact } from '../../../common/continuity/impact';
import { impactedProcesses, processCatalog, processName } from '../../../common/continuity/process-catalog';
import { similarIncidents } from '../../../common/continuity/knowledge';
import { restoredAt } from '../../../common/continuity/postmortem';
import type { Incident, WarRoomState } from '../../../common/domain/incidents';
import { keyTime } from '../../../common/domain/key-times';
import { useNow } from '../../app/use-now';
import { useLocale, useT } from '../../i18n';
import { createLogger } from '../../log';
import { routeToHash } from '../../store/ui-store';
import { useMonitorBoard } from '../monitors/use-monitor-board';
import { recordCrossings } from './continuity-actions';
import { formatCountdown, formatMinutes, formatMoney } from './format';
import { useBackupTimes } from './use-backup-times';
import './continuity.css';

const log = createLogger('impact');

interface Props {
  state: WarRoomState;
  incident: Incident;
  actor: string;
}

export function ImpactPanel({ state, incident, actor }: Props) {
  const t = useT();
  const locale = useLocale();
  const now = useNow(1_000);
  const board = useMonitorBoard();
  const catalog = useMemo(() => processCatalog(state.continuity), [state.continuity]);
  const signals = useMemo(
    () =>
      board.kind === 'ready'
        ? board.board.monitors
            .filter((row) => incident.monitors.has(row.id))
            .map((row) => ({ id: row.id, services: row.services, isFailing: row.status === 'down' }))
        : [],
    [board, incident.monitors],
  );
  const impacted = useMemo(() => impactedProcesses(catalog, incident, signals), [catalog, incident, signals]);
  const backups = useBackupTimes(
    impacted.flatMap(({ process }) => (process.backupMonitor ? [process.backupMonitor] : [])),
  );
  const startedAt = keyTime(incident.keyTimes, 'started') ?? incident.declaredAt;
  const window = { startedAt, restoredAt: restoredAt(incident) };
  const rows = impacted.map((entry) => ({
    ...entry,
    impact: processImpact(
      entry.process,
      window,
      now,
      entry.process.backupMonitor ? backups.get(entry.process.backupMonitor) : undefined,
    ),
  }));
  const totals = totalImpact(rows.map((row) => row.impact));
  const currencies = new Set(rows.map((row) => row.process.currency));
  const [currency] = currencies;

  // Crossings go into the timeline once per window: a write in flight is not repeated.
  const recorded = useMemo(
    () =>
      new Set(
        incident.timeline.flatMap((entry) =>
          entry.kind === 'continuity' ? [crossingKey(entry.processId, entry.threshold)] : [],
        ),
      ),
    [incident.timeline],
  );
  const pending = useRef(new Set<string>());
  const isOpen = incident.status !== 'closed';
  useEffect(() => {
    if (!isOpen) return;
    const due = rows.flatMap((row) =>
      dueCrossings(row.impact, now, recorded)
        .filter((crossing) => !pending.current.has(crossingKey(crossing.processId, crossing.threshold)))
        .map((crossing) => ({ ...crossing, process: processName(row.process, locale) })),
    );
    if (due.length === 0) return;
    const keys = due.map((crossing) => crossingKey(crossing.processId, crossing.threshold));
    for (const key of keys) pending.current.add(key);
    recordCrossings(incident.id, due, actor).catch((error: unknown) => {
      log.warn('threshold crossing not recorded', error);
      for (const key of keys) pending.current.delete(key);
    });
    // rows is derived from these each render; listing it would run this on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [now, recorded, isOpen, incident.id, actor, locale]);

  const similar = useMemo(() => similarIncidents(state, incident), [state, incident]);

  return (
    <section className="panel impact-panel" data-testid="impact-panel" aria-labelledby="impact-heading">
      <div className="impact-head">
        <h2 id="impact-heading">{t('continuity.impact.heading')}</h2>
        <a href={routeToHash({ name: 'postmortem', id: incident.id })} data-testid="open-postmortem">
          {t('continuity.impact.postmortem')}
        </a>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('continuity.impact.none')}</p>
      ) : (
        <>
          {currencies.size === 1 && currency && (
            <p className="impact-total" data-testid="impact-total">
              {t('continuity.impact.total', {
                cost: formatMoney(totals.cost, currency, locale),
                perHour: formatMoney(totals.costPerHour, currency, locale),
              })}
            </p>
          )}
          <ul className="impact-list">
            {rows.map(({ process, reason, impact }) => (
              <li
                key={process.id}
                className={`impact-row rto-${impact.rto}`}
                data-testid="impact-process"
                data-process={process.id}
                data-rto={impact.rto}
              >
                <div className="impact-name">
                  <strong>{processName(process, locale)}</strong>
                  <span className="tag">{t(`continuity.impact.reason.${reason}`)}</span>
                  <span className={`tag rto-tag rto-${impact.rto}`}>{t(`continuity.rto.${impact.rto}`)}</span>
                </div>
                <p className="impact-countdown" data-testid="impact-countdown">
                  {impact.remainingMs === undefined
                    ? t(impact.rto === 'met' ? 'continuity.impact.rtoMet' : 'continuity.impact.rtoMissed', {
                        time: formatCountdown(impact.downMs),
                      })
                    : impact.remainingMs > 0
                      ? t('continuity.impact.rtoIn', { time: formatCountdown(impact.remainingMs) })
                      : t('continuity.impact.rtoPassed', { time: formatCountdown(impact.remainingMs) })}
                </p>
                {impact.rto === 'warning' && (
                  <p className="impact-warning" role="alert" data-testid="impact-warning">
                    {t('continuity.impact.warning')}
                  </p>
                )}
                <p className="muted" data-testid="impact-cost">
                  {t('continuity.impact.cost', {
                    cost: formatMoney(impact.cost, process.currency, locale),
                    perHour: formatMoney(impact.costPerHour, process.currency, locale),
                  })}
                </p>
                <p className={impact.rpo === 'breached' ? 'impact-warning' : 'muted'} data-testid="impact-rpo">
                  {impact.exposureMs === undefined
                    ? t('continuity.impact.rpoUnknown')
                    : t(impact.rpo === 'breached' ? 'continuity.impact.rpoBreached' : 'continuity.impact.rpo', {
                        time: formatCountdown(impact.exposureMs),
                        rpo: formatMinutes(process.rpoMinutes),
                      })}
                </p>
                {process.runbookId && (
                  <a
                    href={routeToHash({ name: 'runbooks', id: process.runbookId })}
                    data-testid="impact-runbook"
                    className="impact-runbook"
                  >
                    {t('continuity.impact.runbook')} →
                  </a>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {similar.length > 0 && (
        <div className="impact-similar" data-testid="similar-incidents">
          <h3>{t('continuity.impact.similar')}</h3>
          <ul>
            {similar.map(({ incident: past, lessons }) => (
              <li key={past.id}>
                <a href={routeToHash({ name: 'postmortem', id: past.id })}>{past.title}</a>
                {lessons?.wentBadly && <p className="muted">{lessons.wentBadly}</p>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
