// Writes a message to one audience from a template: the incident fills what it
// knows, the person types the rest, the preview shows exactly what leaves, and
// every variable still empty is named before anything is sent. A message goes
// out through a channel (queued in this device's outbox) or is copied by hand;
// either way the timeline records what was told.
import { useMemo, useState } from 'react';
import { AUDIENCES, type Audience } from '../../../common/comms/audiences';
import type { AudiencePolicy } from '../../../common/comms/cadence';
import type { CommsDocs } from '../../../common/comms/comms-docs';
import { templateCatalog } from '../../../common/comms/library';
import { incidentValues, renderTemplate, slotsOf, TYPED_VARIABLES, type Values } from '../../../common/comms/render';
import type { Incident } from '../../../common/domain/incidents';
import { useLocale, useT } from '../../i18n';
import { copyText, sendMessage } from './comms-actions';

interface Props {
  incident: Incident;
  comms: CommsDocs;
  policy: AudiencePolicy;
  actor: string;
  initialAudience: Audience;
  /** A template a runbook step names; when it is missing, the audience's usual one. */
  initialTemplateId?: string | undefined;
  now: number;
  onClose(): void;
}

type Notice = { kind: 'ok' | 'error'; text: string } | null;

export function Composer({ incident, comms, policy, actor, initialAudience, initialTemplateId, now, onClose }: Props) {
  const t = useT();
  const locale = useLocale();
  const catalog = useMemo(() => templateCatalog(comms), [comms]);
  const [audience, setAudience] = useState<Audience>(initialAudience);
  const forAudience = catalog.filter((entry) => entry.template.audience === audience);
  const preferred = forAudience.find((entry) => entry.template.locale === locale) ?? forAudience[0];
  const [templateId, setTemplateId] = useState<string | null>(initialTemplateId ?? null);
  const chosen = forAudience.find((entry) => entry.template.id === templateId) ?? preferred;
  const template = chosen?.template;
  const channels = [...comms.channels.values()];
  const [channelId, setChannelId] = useState<string>('');
  const channel = comms.channels.get(channelId);
  const [typed, setTyped] = useState<Values>({});
  const [edited, setEdited] = useState<{ subject: string; text: string } | null>(null);
  const [messageId, setMessageId] = useState(() => crypto.randomUUID());
  const [notice, setNotice] = useState<Notice>(null);
  const [isBusy, setBusy] = useState(false);

  const cadence = policy[incident.severity][audience];
  const templateLocale = template?.locale ?? locale;
  const values: Values = {
    ...incidentValues(incident, templateLocale, cadence?.everyMs ? { nextUpdateAt: now + cadence.everyMs } : {}),
    ...Object.fromEntries(Object.entries(typed).filter(([, value]) => value && value.trim())),
  };
  const rendered = template ? renderTemplate(template, values) : null;
  const subject = edited?.subject ?? rendered?.subject ?? '';
  const text = edited?.text ?? rendered?.text ?? '';
  const used = new Set(template ? slotsOf(`${template.subject ?? ''}\n${template.body}`) : []);
  const typedHere = TYPED_VARIABLES.filter((name) => used.has(name));
  const empty = edited ? [] : (rendered?.empty ?? []);

  const record = async (withChannel: boolean) => {
    if (!text.trim()) return;
    setBusy(true);
    setNotice(null);
    try {
      if (!withChannel) {
        const isCopied = await copyText(subject ? `${subject}\n\n${text}` : text);
        if (!isCopied) {
          setNotice({ kind: 'error', text: t('comms.composer.copyFailed') });
          return;
        }
      }
      const outcome = await sendMessage({
        messageId,
        incidentId: incident.id,
        actor,
        audience,
        ...(template ? { templateId: template.id } : {}),
        subject: subject.trim(),
        text: text.trim(),
        ...(withChannel && channel ? { channel } : {}),
      });
      if (!outcome.ok) {
        setNotice({ kind: 'error', text: t('comms.composer.failed', { message: outcome.message }) });
        return;
      }
      setNotice({
        kind: 'ok',
        text: t(`comms.composer.${outcome.status}`),
      });
      setMessageId(crypto.randomUUID());
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="composer" data-testid="composer" aria-label={t('comms.composer.heading')}>
      <header className="composer-header">
        <h3>{t('comms.composer.heading')}</h3>
        <button className="link" onClick={onClose} data-testid="composer-close">
          {t('comms.composer.cancel')}
        </button>
      </header>
      <div className="composer-grid">
        <div className="composer-form">
          <label className="field">
            <span>{t('comms.templates.audience')}</span>
            <select
              data-testid="composer-audience"
              value={audience}
              onChange={(event) => {
                setAudience(event.target.value as Audience);
                setTemplateId(null);
                setEdited(null);
              }}
            >
              {AUDIENCES.map((option) => (
                <option key={option} value={option}>
                  {t(`comms.audience.${option}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('comms.composer.template')}</span>
            <select
              data-testid="composer-template"
              value={template?.id ?? ''}
              onChange={(event) => {
                setTemplateId(event.target.value);
                setEdited(null);
              }}
            >
              {forAudience.map((entry) => (
                <option key={entry.template.id} value={entry.template.id}>
                  {entry.template.name} ({entry.template.locale.toUpperCase()})
                </option>
              ))}
            </select>
          </label>
          {typedHere.length > 0 && (
            <fieldset className="field composer-values">
              <legend>{t('comms.composer.values')}</legend>
              {typedHere.map((name) => (
                <label key={name} className="field">
                  <span>{t(`comms.variable.${name}`)}</span>
                  <textarea
                    rows={2}
                    data-testid={`composer-var-${name}`}
                    value={typed[name] ?? ''}
                    onChange={(event) => {
                      setTyped({ ...typed, [name]: event.target.value });
                      setEdited(null);
                    }}
                  />
                </label>
              ))}
            </fieldset>
          )}
          <label className="field">
            <span>{t('comms.composer.channel')}</span>
            {channels.length === 0 ? (
              <span className="muted">{t('comms.composer.noChannel')}</span>
            ) : (
              <select
                data-testid="composer-channel"
                value={channelId}
                onChange={(event) => setChannelId(event.target.value)}
              >
                <option value="">{t('comms.composer.byHand')}</option>
                {channels.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name} · {t(`comms.channel.${option.kind}`)}
                  </option>
                ))}
              </select>
            )}
          </label>
        </div>
        <div className="composer-preview">
          <h4>{t('comms.composer.preview')}</h4>
          {empty.length > 0 && (
            <p className="warning" role="status" data-testid="composer-empty">
              {t('comms.composer.empty', {
                count: empty.length,
                names: empty.map((name) => t(`comms.variable.${name}`)).join(', '),
              })}
            </p>
          )}
          {rendered && rendered.unknown.length > 0 && (
            <p className="warning" data-testid="composer-unknown">
              {t('comms.composer.unknown', { names: rendered.unknown.join(', ') })}
            </p>
          )}
          {edited ? (
            <>
              <label className="field">
                <span>{t('comms.composer.subject')}</span>
                <input
                  data-testid="composer-subject"
                  value={edited.subject}
                  onChange={(event) => setEdited({ ...edited, subject: event.target.value })}
                />
              </label>
              <label className="field">
                <span>{t('comms.composer.text')}</span>
                <textarea
                  rows={12}
                  data-testid="composer-text"
                  value={edited.text}
                  onChange={(event) => setEdited({ ...edited, text: event.target.value })}
                />
              </label>
            </>
          ) : (
            <div className="preview-box" data-testid="composer-preview">
              {subject && <p className="preview-subject">{subject}</p>}
              <p className="preview-text">{text}</p>
              <button className="link" onClick={() => setEdited({ subject, text })} data-testid="composer-edit">
                {t('comms.composer.edit')}
              </button>
            </div>
          )}
          <div className="composer-actions">
            {channel && (
              <button
                className="primary"
                disabled={isBusy || !text.trim()}
                onClick={() => void record(true)}
                data-testid="composer-send"
              >
                {t('comms.composer.send')}
              </button>
            )}
            <button disabled={isBusy || !text.trim()} onClick={() => void record(false)} data-testid="composer-copy">
              {t('comms.composer.copy')}
            </button>
          </div>
          {notice && (
            <p
              className={notice.kind === 'ok' ? 'success' : 'error'}
              role={notice.kind === 'ok' ? 'status' : 'alert'}
              data-testid="composer-notice"
            >
              {notice.text}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
