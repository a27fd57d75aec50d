// The monitor board: each monitor's status in colour and words, its latency
// over the latest checks, its uptime over 24 h, and the last result in plain
// words, with early warnings ("slower than usual") apart from failures.
import type { ReactNode } from 'react';
import type { MonitorRow } from '../../../common/bridge/monitor-contract';
import type { MonitorDefinition } from '../../../common/monitors/monitor-schema';
import { useLocale, useT } from '../../i18n';
import { formatDateTime, formatRelative } from '../../i18n/format';
import { Sparkline } from './Sparkline';
import { StatusBadge } from './StatusBadge';

export interface BoardLine {
  readonly id: string;
  readonly definition: MonitorDefinition;
  /** The host's view; absent until the host has taken the monitor in. */
  readonly row: MonitorRow | undefined;
}

interface Props {
  lines: readonly BoardLine[];
  now: number;
  actions(line: BoardLine): ReactNode;
}

export function MonitorBoard({ lines, now, actions }: Props) {
  const t = useT();
  const locale = useLocale();
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  return (
    <table className="monitor-table" data-testid="monitor-board">
      <thead>
        <tr>
          <th scope="col">{t('monitors.board.status')}</th>
          <th scope="col">{t('monitors.board.name')}</th>
          <th scope="col">{t('monitors.board.latency')}</th>
          <th scope="col">{t('monitors.board.uptime')}</th>
          <th scope="col">{t('monitors.board.reason')}</th>
          <th scope="col">{t('monitors.board.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map(({ id, definition, row }) => {
          const status = row?.status ?? 'pending';
          return (
            <tr key={id} data-testid="monitor-row" data-monitor-id={id} data-status={status} className={`is-${status}`}>
              <td>
                <StatusBadge status={status} />
                {row && (
                  <small className="muted monitor-since" title={formatDateTime(row.since, locale)}>
                    {t('monitors.board.since', { when: formatRelative(row.since, now, locale) })}
                  </small>
                )}
              </td>
              <th scope="row">
                <span className="monitor-name" data-testid="monitor-name">
                  {definition.name}
                </span>
                <small className="muted">
                  {t(`monitors.board.type.${definition.type}`)} · <code>{id}</code>
                  {row?.isDriven ? ` · ${t('monitors.board.driven')}` : ''}
                </small>
              </th>
              <td>
                <Sparkline latencies={row?.latencies ?? []} />
              </td>
              <td>
                {row?.uptimeDay === null || row === undefined ? (
                  <span className="muted">{t('monitors.board.noUptime')}</span>
                ) : (
                  percent.format(row.uptimeDay / 100)
                )}
              </td>
              <td className="monitor-reason-cell">
                <span className="monitor-reason" data-testid="monitor-reason">
                  {row ? t(row.reason.key, row.reason.values) : t('monitors.reason.pending')}
                </span>
                {row?.warnings.map((warning) => (
                  <span key={warning.key} className="monitor-warning" data-testid="monitor-warning">
                    {t(warning.key, warning.values)}
                  </span>
                ))}
              </td>
              <td className="monitor-actions">{actions({ id, definition, row })}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
