// The monitors screen: the live board of this host's monitors and incoming
// alerts, the service map, and their configuration (editor, YAML, secrets).
// Definitions are `monitor` documents of the record; statuses come live from
// the host, which writes each change of status to the record.
import { useState } from 'react';
import type { WarRoomState } from '../../../common/domain/incidents';
import { validMonitors, type MonitorDoc } from '../../../common/monitors/monitor-docs';
import { useNow } from '../../app/use-now';
import { getBridge } from '../../bridge';
import { useLocale, useT } from '../../i18n';
import { formatRelative } from '../../i18n/format';
import { ScriptedMonitors } from '../exercises/ScriptedMonitors';
import { useRecord } from '../roles/use-record';
import { DeclareFromMonitor } from './DeclareFromMonitor';
import { LinkToIncident } from './LinkToIncident';
import { MonitorBoard, type BoardLine } from './MonitorBoard';
import { MonitorEditor } from './MonitorEditor';
import { askNotificationPermission } from './NotificationToasts';
import { SecretsPanel } from './SecretsPanel';
import { ServiceMap } from './ServiceMap';
import { StatusBadge } from './StatusBadge';
import { subjectOfAlert, subjectOfMonitor, type BoardSubject } from './subject';
import { refreshBoard, useMonitorBoard } from './use-monitor-board';
import { useSecretNames } from './use-secret-names';
import { YamlPanel } from './YamlPanel';
import '../roles/roles.css';
import './monitors.css';

interface Props {
  state: WarRoomState;
  actor: string;
  onOpenIncident(incidentId: string): void;
}

type Panel =
  | { kind: 'none' }
  | { kind: 'add' }
  | { kind: 'edit'; doc: MonitorDoc }
  | { kind: 'declare'; subject: BoardSubject }
  | { kind: 'link'; subject: BoardSubject };

const ALERTMANAGER_SECRET = 'alertmanager-token';

export function MonitorsView({ state, actor, onOpenIncident }: Props) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const board = useMonitorBoard();
  const secrets = useSecretNames();
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [permission, setPermission] = useState(() =>
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  );
  const { error, record } = useRecord();

  const docs = state.monitors.byId;
  const rows = board.kind === 'ready' ? new Map(board.board.monitors.map((row) => [row.id, row])) : new Map();
  const definitions = validMonitors(state.monitors);
  const lines: BoardLine[] = definitions.map((definition) => ({
    id: definition.id,
    definition,
    row: rows.get(definition.id),
  }));
  const invalid = [...docs.values()].filter((doc) => doc.definition === null);
  const alerts = board.kind === 'ready' ? board.board.alerts : [];
  const mapMonitors = lines.map((line) => ({
    id: line.id,
    name: line.definition.name,
    ...(line.definition.parent === undefined ? {} : { parent: line.definition.parent }),
    status: line.row?.status ?? 'pending',
  }));

  const close = () => setPanel({ kind: 'none' });
  const remove = async (id: string) => {
    setConfirming(null);
    await record([{ type: 'doc.delete', actor, payload: { collection: 'monitor', docId: id } }]);
  };

  const subjectActions = (subject: BoardSubject) =>
    subject.status === 'down' || subject.status === 'caused-by-parent' ? (
      <>
        <button type="button" data-testid="monitor-declare-open" onClick={() => setPanel({ kind: 'declare', subject })}>
          {t('monitors.board.declare')}
        </button>
        <button type="button" data-testid="monitor-link-open" onClick={() => setPanel({ kind: 'link', subject })}>
          {t('monitors.board.link')}
        </button>
      </>
    ) : (
      <button type="button" data-testid="monitor-link-open" onClick={() => setPanel({ kind: 'link', subject })}>
        {t('monitors.board.link')}
      </button>
    );

  return (
    <section
      className="monitors"
      data-testid="monitors-view"
      data-running={board.kind === 'ready' && board.board.isRunning ? 'true' : 'false'}
    >
      <header className="section-header">
        <h1>{t('monitors.board.heading')}</h1>
        <div className="monitor-toolbar">
          {permission !== 'unsupported' && permission !== 'denied' && (
            <button
              type="button"
              disabled={permission === 'granted'}
              onClick={() => void askNotificationPermission().then(setPermission)}
            >
              {permission === 'granted' ? t('monitors.notify.enabled') : t('monitors.notify.enable')}
            </button>
          )}
          <button type="button" className="primary" data-testid="monitor-add" onClick={() => setPanel({ kind: 'add' })}>
            {t('monitors.board.add')}
          </button>
        </div>
      </header>
      <p className="muted">{t('monitors.board.intro')}</p>
      <ScriptedMonitors state={state} />
      {permission === 'denied' && <p className="muted">{t('monitors.notify.blocked')}</p>}
      {board.kind === 'unavailable' && <p className="error">{t('monitors.board.hostUnavailable')}</p>}
      {board.kind === 'ready' && !board.board.isRunning && <p className="muted">{t('monitors.board.starting')}</p>}
      {notice && (
        <p role="status" data-testid="monitor-notice">
          {notice}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}

      {(panel.kind === 'add' || panel.kind === 'edit') && (
        <MonitorEditor
          key={panel.kind === 'edit' ? panel.doc.id : 'new'}
          actor={actor}
          docs={docs}
          existing={panel.kind === 'edit' ? panel.doc : undefined}
          secretNames={secrets.names}
          onCancel={close}
          onDone={() => {
            close();
            refreshBoard();
          }}
        />
      )}
      {panel.kind === 'declare' && (
        <DeclareFromMonitor subject={panel.subject} actor={actor} onCancel={close} onDeclared={onOpenIncident} />
      )}
      {panel.kind === 'link' && (
        <LinkToIncident
          subject={panel.subject}
          state={state}
          actor={actor}
          onCancel={close}
          onDone={(message) => {
            close();
            setNotice(message);
          }}
        />
      )}

      {lines.length === 0 && invalid.length === 0 ? (
        <p className="empty">{t('monitors.board.empty')}</p>
      ) : (
        <MonitorBoard
          lines={lines}
          now={now}
          actions={(line) => (
            <>
              <button
                type="button"
                className="secondary"
                data-testid="monitor-check-now"
                onClick={() => void getBridge().call('monitor:check-now', { monitorId: line.id })}
              >
                {t('monitors.board.checkNow')}
              </button>
              {line.row && subjectActions(subjectOfMonitor(line.row))}
              <button
                type="button"
                className="secondary"
                data-testid="monitor-edit"
                onClick={() => {
                  const doc = docs.get(line.id);
                  if (doc) setPanel({ kind: 'edit', doc });
                }}
              >
                {t('monitors.board.edit')}
              </button>
              {confirming === line.id ? (
                <button
                  type="button"
                  className="danger"
                  data-testid="monitor-remove-confirm"
                  onClick={() => void remove(line.id)}
                >
                  {t('monitors.board.confirmRemove', { name: line.definition.name })}
                </button>
              ) : (
                <button
                  type="button"
                  className="secondary"
                  data-testid="monitor-remove"
                  onClick={() => setConfirming(line.id)}
                >
                  {t('monitors.board.remove')}
                </button>
              )}
            </>
          )}
        />
      )}

      {invalid.length > 0 && (
        <section className="panel monitor-invalid" data-testid="monitor-invalid">
          <h2>{t('monitors.board.invalidHeading')}</h2>
          <ul>
            {invalid.map((doc) => (
              <li key={doc.id}>
                {t('monitors.board.invalidRow', {
                  id: doc.id,
                  problem: doc.problems[0] ? t(doc.problems[0].reason.key, doc.problems[0].reason.values) : '',
                })}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="panel monitor-alerts" data-testid="monitor-alerts">
        <h2>{t('monitors.alerts.heading')}</h2>
        <p className="muted">
          {board.kind === 'ready' && board.board.isAlertmanagerEnabled
            ? t('monitors.alerts.open', {
                url: `${window.location.origin}/alertmanager`,
                secret: ALERTMANAGER_SECRET,
              })
            : t('monitors.alerts.closed', { secret: ALERTMANAGER_SECRET })}
        </p>
        {alerts.length === 0 ? (
          <p className="muted">{t('monitors.alerts.empty')}</p>
        ) : (
          <ul className="alert-list">
            {alerts.map((alert) => (
              <li key={alert.id} data-testid="alert-row" data-status={alert.status}>
                <StatusBadge status={alert.status} />
                <strong className="monitor-name">{alert.name}</strong>
                <span className="monitor-reason">{t(alert.reason.key, alert.reason.values)}</span>
                <small className="muted">
                  {t('monitors.board.since', { when: formatRelative(alert.since, now, locale) })}
                  {alert.severity ? ` · ${t('monitors.alerts.severity', { severity: alert.severity })}` : ''}
                </small>
                <span className="monitor-actions">{subjectActions(subjectOfAlert(alert))}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel">
        <h2>{t('monitors.map.heading')}</h2>
        <ServiceMap monitors={mapMonitors} />
      </section>

      <div className="monitor-config">
        <YamlPanel actor={actor} monitors={definitions} />
        <SecretsPanel
          names={secrets.names}
          onSave={async (name, value) => {
            const isSaved = await secrets.save(name, value);
            refreshBoard();
            return isSaved;
          }}
        />
      </div>
    </section>
  );
}
