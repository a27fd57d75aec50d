// The communications screen: this device's outbox with each message's
// delivery, the templates per audience, the channels, the cadence policy and
// the public status page export.
import { useState } from 'react';
import { statusPageHtml } from '../../../common/comms/status-page';
import type { WarRoomState } from '../../../common/domain/incidents';
import { useLocale, useT } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { CadenceEditor } from './CadenceEditor';
import { ChannelsPanel } from './ChannelsPanel';
import { TemplatesPanel } from './TemplatesPanel';
import { useOutbox } from './use-outbox';
import './comms.css';

const TABS = ['outbox', 'templates', 'channels', 'statusPage'] as const;
type Tab = (typeof TABS)[number];

interface Props {
  state: WarRoomState;
  actor: string;
  onOpenIncident(id: string): void;
}

export function CommsView({ state, actor, onOpenIncident }: Props) {
  const t = useT();
  const [tab, setTab] = useState<Tab>('outbox');
  return (
    <section className="comms-view" data-testid="comms-view">
      <h1>{t('comms.heading')}</h1>
      <p className="muted">{t('comms.intro')}</p>
      <div className="tabs" role="tablist">
        {TABS.map((name) => (
          <button
            key={name}
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'tab is-active' : 'tab'}
            onClick={() => setTab(name)}
            data-testid={`comms-tab-${name}`}
          >
            {t(`comms.tabs.${name}`)}
          </button>
        ))}
      </div>
      {tab === 'outbox' && <OutboxPanel state={state} onOpenIncident={onOpenIncident} />}
      {tab === 'templates' && <TemplatesPanel comms={state.comms} actor={actor} />}
      {tab === 'channels' && (
        <>
          <ChannelsPanel comms={state.comms} actor={actor} />
          <CadenceEditor comms={state.comms} actor={actor} />
        </>
      )}
      {tab === 'statusPage' && <StatusPagePanel state={state} />}
    </section>
  );
}

function OutboxPanel({ state, onOpenIncident }: { state: WarRoomState; onOpenIncident(id: string): void }) {
  const t = useT();
  const locale = useLocale();
  const { view, error, retry } = useOutbox();
  return (
    <section data-testid="outbox">
      <h2>{t('comms.outbox.heading')}</h2>
      {error && <p className="error">{error}</p>}
      {view && view.items.length === 0 && <p className="muted">{t('comms.outbox.empty')}</p>}
      <ul className="outbox-list">
        {view?.items.map((item) => (
          <li key={item.messageId} data-testid="outbox-item" data-status={item.status}>
            <span className={`tag message-status status-${item.status}`}>{t(`comms.status.${item.status}`)}</span>{' '}
            <strong>{item.subject || t(`comms.audience.${item.audience}`)}</strong> ·{' '}
            {t(`comms.audience.${item.audience}`)} · {item.channelName} ({t(`comms.channel.${item.channelKind}`)}) ·{' '}
            <a
              href={`#/incidents/${encodeURIComponent(item.incidentId)}`}
              onClick={(event) => {
                event.preventDefault();
                onOpenIncident(item.incidentId);
              }}
            >
              {state.incidents.get(item.incidentId)?.title ?? item.incidentId}
            </a>
            <div className="muted">
              {formatDateTime(item.sentAt ?? item.createdAt, locale)} ·{' '}
              {t('comms.outbox.attempts', { count: item.attempts })}
              {item.nextAttemptAt !== null &&
                ` · ${t('comms.outbox.nextAttempt', { when: formatDateTime(item.nextAttemptAt, locale) })}`}
              {item.reason && item.status !== 'sent' && ` · ${t('comms.outbox.reason', { reason: item.reason })}`}
            </div>
            {item.status !== 'sent' && (
              <button onClick={() => void retry(item.messageId)} data-testid="outbox-retry">
                {t('comms.outbox.retry')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function StatusPagePanel({ state }: { state: WarRoomState }) {
  const t = useT();
  const locale = useLocale();
  const download = () => {
    const html = statusPageHtml(state, { locale, now: Date.now() });
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'status.html';
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section data-testid="status-page">
      <h2>{t('comms.statusPage.heading')}</h2>
      <p className="muted">{t('comms.statusPage.hint')}</p>
      <button className="primary" onClick={download} data-testid="status-page-export">
        {t('comms.statusPage.export')}
      </button>
    </section>
  );
}
