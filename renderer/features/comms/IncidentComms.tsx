// The communications of one incident: a countdown per audience owed a
// message (overdue ones flagged), the messages told so far with their
// delivery, and the composer.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Audience } from '../../../common/comms/audiences';
import { dueByAudience, effectivePolicy } from '../../../common/comms/cadence';
import type { Incident, WarRoomState } from '../../../common/domain/incidents';
import { useNow } from '../../app/use-now';
import { useT } from '../../i18n';
import { formatClock } from '../dashboard/format';
import { Composer } from './Composer';
import { useComposeRequest } from './compose-request';
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
  const [composing, setComposing] = useState<{ audience: Audience; templateId?: string; key: number } | null>(null);
  const request = useComposeRequest();
  const panel = useRef<HTMLElement>(null);
  const handled = useRef(request?.seq ?? 0);
  useEffect(() => {
    // Only requests made while this incident is on screen open its composer.
    if (!request || request.seq === handled.current) return;
    handled.current = request.seq;
    setComposing({
      audience: request.audience,
      ...(request.templateId ? { templateId: request.templateId } : {}),
      key: request.seq,
    });
    panel.current?.scrollIntoView({ block: 'start' });
  }, [request]);
  // Each opening is a fresh composer; negative keys never meet a request's sequence number.
  const opened = useRef(0);
  const open = (audience: Audience) => {
    opened.current += 1;
    setComposing({ audience, key: -opened.current });
  };
  const messages = [...incident.messages.values()];
  const overdue = dues.filter(({ next }) => next.kind === 'due' && next.isOverdue);

  return (
    <section ref={panel} className="incident-comms" data-testid="incident-comms" aria-label={t('comms.panel.heading')}>
      <header className="comms-header">
        <h2>{t('comms.panel.heading')}</h2>
        <button onClick={() => open(dues[0]?.audience ?? 'internal')} data-testid="comms-compose">
          {t('comms.panel.compose')}
        </button>
      </header>
      {overdue.length > 0 && (
        <p className="comms-overdue" role="alert" data-testid="comms-overdue">
          {t('comms.panel.overdueAlert', {
            audiences: overdue.map(({ audience }) => t(`comms.audience.${audience}`)).join(', '),
          })}
        </p>
      )}
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
                  onClick={() => open(audience)}
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
          key={composing.key}
          incident={incident}
          comms={state.comms}
          policy={policy}
          actor={actor}
          initialAudience={composing.audience}
          initialTemplateId={composing.templateId}
          now={now}
          onClose={() => setComposing(null)}
        />
      )}
    </section>
  );
}
