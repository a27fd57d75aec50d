// The channels messages go out on. A channel names the secret that holds its
// webhook address or SMTP password; the value is typed here once and stored
// on this device only (secret:set), never in the record.
import { useState } from 'react';
import { CHANNEL_KINDS, type ChannelKind } from '../../../common/comms/audiences';
import { channelSchema, type Channel, type CommsDocs } from '../../../common/comms/comms-docs';
import { parseList } from '../../../common/domain/documents';
import { getBridge } from '../../bridge';
import { useT } from '../../i18n';
import { useSecretNames } from '../monitors/use-secret-names';
import { saveChannel } from './comms-actions';

interface Draft {
  id: string;
  name: string;
  kind: ChannelKind;
  secret: string;
  secretValue: string;
  host: string;
  port: string;
  secure: boolean;
  user: string;
  from: string;
  to: string;
}

function draftOf(channel: Channel | null): Draft {
  return {
    id: channel?.id ?? crypto.randomUUID(),
    name: channel?.name ?? '',
    kind: channel?.kind ?? 'slack',
    secret: channel?.secret ?? '',
    secretValue: '',
    host: channel?.email?.host ?? '',
    port: String(channel?.email?.port ?? 587),
    secure: channel?.email?.secure ?? false,
    user: channel?.email?.user ?? '',
    from: channel?.email?.from ?? '',
    to: channel?.email?.to.join(', ') ?? '',
  };
}

function channelOf(draft: Draft): unknown {
  const secret = draft.secret.trim();
  return {
    id: draft.id,
    name: draft.name,
    kind: draft.kind,
    ...(secret ? { secret } : {}),
    ...(draft.kind === 'email'
      ? {
          email: {
            host: draft.host,
            port: Number(draft.port),
            secure: draft.secure,
            ...(draft.user.trim() ? { user: draft.user.trim() } : {}),
            from: draft.from,
            to: parseList(draft.to),
          },
        }
      : {}),
  };
}

export function ChannelsPanel({ comms, actor }: { comms: CommsDocs; actor: string }) {
  const t = useT();
  const secrets = useSecretNames();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const channels = [...comms.channels.values()];

  const save = async () => {
    if (!draft) return;
    const parsed = channelSchema.safeParse(channelOf(draft));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setNotice({
        kind: 'error',
        text: t('comms.channels.invalid', { message: `${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() }),
      });
      return;
    }
    if (draft.secretValue && parsed.data.secret) {
      const stored = await getBridge().call('secret:set', { name: parsed.data.secret, value: draft.secretValue });
      if (!stored.ok) {
        setNotice({ kind: 'error', text: t('comms.channels.invalid', { message: stored.error.message }) });
        return;
      }
      secrets.refresh();
    }
    await saveChannel(parsed.data, actor);
    setDraft(null);
    setNotice({ kind: 'ok', text: t('comms.channels.saved') });
  };

  const field = (key: keyof Draft, label: string, type = 'text') => (
    <label className="field">
      <span>{label}</span>
      <input
        type={type}
        data-testid={`channel-${key}`}
        value={String(draft?.[key] ?? '')}
        onChange={(event) => draft && setDraft({ ...draft, [key]: event.target.value })}
      />
    </label>
  );

  return (
    <section data-testid="channels">
      <header className="comms-header">
        <h2>{t('comms.channels.heading')}</h2>
        <button data-testid="channel-new" onClick={() => setDraft(draftOf(null))}>
          {t('comms.channels.new')}
        </button>
      </header>
      {notice && (
        <p className={notice.kind === 'ok' ? 'success' : 'error'} role="status" data-testid="channel-notice">
          {notice.text}
        </p>
      )}
      {draft && (
        <form
          className="template-editor"
          data-testid="channel-editor"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          {field('name', t('comms.channels.name'))}
          <label className="field">
            <span>{t('comms.channels.kind')}</span>
            <select
              data-testid="channel-kind"
              value={draft.kind}
              onChange={(event) => setDraft({ ...draft, kind: event.target.value as ChannelKind })}
            >
              {CHANNEL_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`comms.channel.${kind}`)}
                </option>
              ))}
            </select>
          </label>
          {field('secret', draft.kind === 'email' ? t('comms.channels.secretEmail') : t('comms.channels.secret'))}
          {draft.secret.trim() && (
            <p className="muted">
              {secrets.names.includes(draft.secret.trim())
                ? t('comms.channels.secretKnown')
                : t('comms.channels.secretMissing')}
            </p>
          )}
          {field('secretValue', t('comms.channels.secretValue'), 'password')}
          {draft.kind === 'email' && (
            <>
              {field('host', t('comms.channels.host'))}
              {field('port', t('comms.channels.port'), 'number')}
              <label className="field inline-field">
                <input
                  type="checkbox"
                  checked={draft.secure}
                  onChange={(event) => setDraft({ ...draft, secure: event.target.checked })}
                />
                <span>{t('comms.channels.secure')}</span>
              </label>
              {field('user', t('comms.channels.user'))}
              {field('from', t('comms.channels.from'), 'email')}
              {field('to', t('comms.channels.to'))}
            </>
          )}
          <div className="composer-actions">
            <button className="primary" type="submit" data-testid="channel-save">
              {t('comms.channels.save')}
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              {t('comms.templates.cancel')}
            </button>
          </div>
        </form>
      )}
      {channels.length === 0 && !draft && <p className="muted">{t('comms.channels.empty')}</p>}
      <ul className="template-list">
        {channels.map((channel) => (
          <li key={channel.id} data-testid="channel-item">
            <strong>{channel.name}</strong> · {t(`comms.channel.${channel.kind}`)}
            {channel.secret && (
              <span className="muted">
                {' '}
                · {channel.secret}:{' '}
                {secrets.names.includes(channel.secret)
                  ? t('comms.channels.secretKnown')
                  : t('comms.channels.secretMissing')}
              </span>
            )}{' '}
            <button className="link" onClick={() => setDraft(draftOf(channel))}>
              {t('comms.templates.edit')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
