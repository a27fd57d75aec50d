// The communications of one incident: a countdown per audience owed a
// message (overdue ones flagged), the messages told so far with their
// delivery, and the composer.
import { useMemo, useState } from 'react';
import type { Audience } from '../../../common/comms/audiences';
import { dueByAudience, effectivePolicy } from '../../../common/comms/cadence';
import type { Incident, WarRoomState } from '../../../common/domain/incidents';
import { useNow } from '../../app/use-now';
import { useT } from '../../i18n';
import { formatClock } from '../dashboard/format';
import { Composer } from './Composer';
import './comms.css';

interface Props {
  state: WarRoomState;
  incident: Incident;
  actor: string;
}

export function IncidentComms({ state, incident, actor }: Props) {
  const t = useT();
  const now = useNow(1_000);
  const policy = useMemo(() => effectivePolicy(state.comms), [state.comms]);
  const dues = dueByAudience(incident, now, policy);
  const [composing, setComposing] = useState<Audience | null>(null);
  const messages = [...incident.messages.values()];

  return (
    <section className="incident-comms" data-testid="incident-comms" aria-label={t('comms.panel.heading')}>
      <header className="comms-header">
        <h2>{t('comms.panel.heading')}</h2>
        <button onClick={() => setComposing(dues[0]?.audience ?? 'internal')} data-testid="comms-compose">
          {t('comms.panel.compose')}
        </button>
      </header>
      {dues.length === 0 ? (
        <p className="muted">{t('comms.panel.none')}</p>
      ) : (
        <ul className="comms-dues">
          {dues.map(({ audience, next }) =>
            next.kind === 'due' ? (
              <li key={audience}>
                <button
                  className={next.isOverdue ? 'countdown is-overdue' : 'countdown'}
                  data-testid={`comms-due-${audience}`}
                  data-state={next.isOverdue ? 'overdue' : 'due'}
                  onClick={() => setComposing(audience)}
                >
                  {t(next.isOverdue ? 'comms.panel.overdue' : 'comms.panel.dueIn', {
                    audience: t(`comms.audience.${audience}`),
                    time: formatClock(next.remainingMs),
                  })}
                  {next.isFirst && <small> · {t('comms.panel.first')}</small>}
                </button>
              </li>
            ) : null,
          )}
        </ul>
      )}
      {messages.length > 0 && (
        <p className="muted" data-testid="comms-count">
          {t('comms.panel.messages', { count: messages.length })}
        </p>
      )}
      {messages.length > 0 && (
        <ul className="comms-messages">
          {messages
            .slice(-5)
            .reverse()
            .map((message) => (
              <li key={message.id} data-testid="comms-message" data-status={message.status}>
                <span className={`tag message-status status-${message.status}`}>
                  {t(`comms.status.${message.status}`)}
                </span>{' '}
                {t(`comms.audience.${message.audience}`)} ·{' '}
                {message.destination ?? t(`comms.channel.${message.channel}`)}
                {message.reason && message.status === 'failed' && (
                  <span className="muted"> · {t('comms.outbox.reason', { reason: message.reason })}</span>
                )}
              </li>
            ))}
        </ul>
      )}
      {composing && (
        <Composer
          key={composing}
          incident={incident}
          comms={state.comms}
          policy={policy}
          actor={actor}
          initialAudience={composing}
          now={now}
          onClose={() => setComposing(null)}
        />
      )}
    </section>
  );
}
