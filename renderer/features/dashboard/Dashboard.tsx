// The home screen: every open incident at a glance, most severe then oldest
// first, with what needs the commander's attention (no commander, empty critical
// roles, an update due); closed incidents below, folded away and searchable.
import { RunProgress } from '../runbooks/RunProgress';
import { useMemo, useState } from 'react';
import {
  closedIncidents,
  openRows,
  searchIncidents,
  severityCounts,
  type DashboardRow,
} from '../../../common/domain/dashboard';
import type { Incident, WarRoomState } from '../../../common/domain/incidents';
import { SEVERITIES } from '../../../common/events/event';
import { useNow } from '../../app/use-now';
import { useLocale, useT } from '../../i18n';
import { formatDateTime, formatRelative } from '../../i18n/format';
import { DeclareIncidentForm } from '../incidents/DeclareIncidentForm';
import { SeverityBadge } from '../incidents/SeverityBadge';
import { formatAge, formatClock, kindLabel, roleLabel } from './format';
import './dashboard.css';

interface Props {
  state: WarRoomState;
  actor: string;
  onOpen(incidentId: string): void;
}

function IncidentLink({ incident }: { incident: Incident }) {
  return (
    <a
      href={`#/incidents/${encodeURIComponent(incident.id)}`}
      data-testid="incident-link"
      onClick={(event) => event.stopPropagation()}
    >
      {incident.title}
    </a>
  );
}

function NextUpdate({ row }: { row: DashboardRow }) {
  const t = useT();
  const next = row.nextUpdate;
  if (next.kind === 'none') {
    return (
      <span className="muted" data-testid="incident-next-update" data-state="none">
        {t('dashboard.noUpdate')}
      </span>
    );
  }
  const time = formatClock(next.remainingMs);
  return (
    <span
      className={next.isOverdue ? 'countdown is-overdue' : 'countdown'}
      title={row.dues
        .map(({ audience, next: due }) =>
          due.kind === 'due'
            ? `${t(`comms.audience.${audience}`)}: ${due.isOverdue ? '-' : ''}${formatClock(due.remainingMs)}`
            : '',
        )
        .filter(Boolean)
        .join('\n')}
      data-testid="incident-next-update"
      data-state={next.isOverdue ? 'overdue' : 'due'}
    >
      {next.isOverdue ? t('dashboard.overdue', { time }) : t('dashboard.dueIn', { time })}
      {row.nextAudience && (
        <small data-testid="incident-next-audience"> · {t(`comms.audience.${row.nextAudience}`)}</small>
      )}
      {next.isFirst && <small>{t('dashboard.firstUpdate')}</small>}
    </span>
  );
}

function OpenRow({
  row,
  now,
  state,
  onOpen,
}: {
  row: DashboardRow;
  now: number;
  state: WarRoomState;
  onOpen(id: string): void;
}) {
  const t = useT();
  const locale = useLocale();
  const { incident, commander, vacantCritical } = row;
  return (
    <tr
      data-testid="incident-row"
      data-incident-id={incident.id}
      data-severity={incident.severity}
      onClick={() => onOpen(incident.id)}
    >
      <td>
        <SeverityBadge severity={incident.severity} />
      </td>
      <td>
        <div className="title-cell">
          <IncidentLink incident={incident} />
          {incident.services.length > 0 && <small className="muted">{incident.services.join(' · ')}</small>}
          <RunProgress incident={incident} compact />
        </div>
      </td>
      <td>
        <span className="tag status" data-testid="incident-status-cell">
          {t(`status.${incident.status}`)}
        </span>
      </td>
      <td className="nowrap">{kindLabel(incident.kind, state.docs, t)}</td>
      <td className="number" data-testid="incident-age" title={formatDateTime(incident.declaredAt, locale)}>
        {formatAge(now - incident.declaredAt, t)}
      </td>
      <td data-testid="incident-commander" data-state={commander ? 'held' : 'vacant'}>
        {commander ? commander.name : <span className="warning">{t('dashboard.noCommander')}</span>}
      </td>
      <td
        data-testid="incident-vacant"
        data-count={vacantCritical.length}
        title={
          vacantCritical.length > 0
            ? t('dashboard.vacantList', {
                roles: vacantCritical.map((role) => roleLabel(role, state.docs, t)).join(', '),
              })
            : undefined
        }
      >
        {vacantCritical.length > 0 ? (
          <span className="warning">{t('dashboard.vacant', { count: vacantCritical.length })}</span>
        ) : (
          <span className="muted">{t('dashboard.rolesHeld')}</span>
        )}
      </td>
      <td className="number">
        <NextUpdate row={row} />
      </td>
    </tr>
  );
}

function ClosedIncidents({ state, onOpen }: { state: WarRoomState; onOpen(id: string): void }) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const [isShown, setIsShown] = useState(false);
  const [query, setQuery] = useState('');
  const closed = useMemo(() => closedIncidents(state), [state]);
  const found = useMemo(
    () => (isShown ? searchIncidents(closed, query, (kind) => kindLabel(kind, state.docs, t)) : []),
    [closed, isShown, query, state.docs, t],
  );
  if (closed.length === 0) return null;
  return (
    <section className="closed-incidents" data-testid="closed-incidents" aria-labelledby="closed-heading">
      <header className="closed-header">
        <h2 id="closed-heading">{t('dashboard.closed', { count: closed.length })}</h2>
        <button
          type="button"
          className="link"
          aria-expanded={isShown}
          aria-controls="closed-body"
          data-testid="closed-toggle"
          onClick={() => setIsShown(!isShown)}
        >
          {isShown ? t('dashboard.hideClosed') : t('dashboard.showClosed')}
        </button>
      </header>
      {isShown && (
        <div id="closed-body">
          <label className="field closed-search">
            <span>{t('dashboard.search')}</span>
            <input
              type="search"
              data-testid="closed-search"
              value={query}
              placeholder={t('dashboard.searchPlaceholder')}
              onChange={(event) => setQuery(event.target.value)}
            />
          </label>
          {found.length === 0 ? (
            <p className="empty" data-testid="closed-no-match">
              {t('dashboard.noMatch')}
            </p>
          ) : (
            <table className="incident-table">
              <thead>
                <tr>
                  <th>{t('dashboard.columns.severity')}</th>
                  <th>{t('dashboard.columns.title')}</th>
                  <th>{t('dashboard.columns.kind')}</th>
                  <th>{t('dashboard.columns.closedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {found.map((incident) => (
                  <tr
                    key={incident.id}
                    data-testid="incident-row"
                    data-incident-id={incident.id}
                    onClick={() => onOpen(incident.id)}
                  >
                    <td>
                      <SeverityBadge severity={incident.severity} />
                    </td>
                    <td>
                      <div className="title-cell">
                        <IncidentLink incident={incident} />
                        {incident.services.length + incident.processes.length > 0 && (
                          <small className="muted">{[...incident.services, ...incident.processes].join(' · ')}</small>
                        )}
                      </div>
                    </td>
                    <td>{kindLabel(incident.kind, state.docs, t)}</td>
                    <td title={formatDateTime(incident.updatedAt, locale)}>
                      {formatRelative(incident.updatedAt, now, locale)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}

export function Dashboard({ state, actor, onOpen }: Props) {
  const t = useT();
  // Countdowns run to the second.
  const now = useNow(1_000);
  const [isDeclaring, setIsDeclaring] = useState(false);
  const rows = useMemo(() => openRows(state, now), [state, now]);
  const counts = severityCounts(rows);
  const isEmpty = state.incidents.size === 0;

  return (
    <section className="dashboard" data-testid="incident-list">
      <header className="section-header">
        <h1>{t('dashboard.heading')}</h1>
        <span className="muted palette-hint">{t('dashboard.paletteHint')}</span>
        {!isDeclaring && (
          <button className="primary" data-testid="declare-open" onClick={() => setIsDeclaring(true)}>
            {t('incidents.declare')}
          </button>
        )}
      </header>
      {isDeclaring && (
        <DeclareIncidentForm
          actor={actor}
          onCancel={() => setIsDeclaring(false)}
          onDeclared={(id) => {
            setIsDeclaring(false);
            onOpen(id);
          }}
        />
      )}
      {isEmpty ? (
        !isDeclaring && <p className="empty">{t('incidents.empty')}</p>
      ) : (
        <>
          <ul className="severity-counts" aria-label={t('dashboard.bySeverity')} data-testid="severity-counts">
            {SEVERITIES.map((severity) => (
              <li
                key={severity}
                className={counts[severity] > 0 ? 'has-some' : undefined}
                data-testid={`count-${severity}`}
                data-count={counts[severity]}
              >
                <SeverityBadge severity={severity} />
                <strong>{counts[severity]}</strong>
              </li>
            ))}
          </ul>
          <h2>{t('dashboard.open')}</h2>
          {rows.length === 0 ? (
            <p className="empty" data-testid="no-open">
              {t('dashboard.noOpen')}
            </p>
          ) : (
            <table className="incident-table open-incidents" data-testid="open-incidents">
              <thead>
                <tr>
                  <th>{t('dashboard.columns.severity')}</th>
                  <th>{t('dashboard.columns.title')}</th>
                  <th>{t('dashboard.columns.status')}</th>
                  <th>{t('dashboard.columns.kind')}</th>
                  <th>{t('dashboard.columns.age')}</th>
                  <th>{t('dashboard.columns.commander')}</th>
                  <th>{t('dashboard.columns.roles')}</th>
                  <th>{t('dashboard.columns.nextUpdate')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <OpenRow key={row.incident.id} row={row} now={now} state={state} onOpen={onOpen} />
                ))}
              </tbody>
            </table>
          )}
          <ClosedIncidents state={state} onOpen={onOpen} />
        </>
      )}
    </section>
  );
}
