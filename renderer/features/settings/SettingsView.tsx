// Settings: the team hub this laptop shares its record with, and the devices
// that write to it. A teammate's browser on the LAN sees where the laptop
// syncs and who writes, not the means to change either.
import { VerifyRecord } from '../record/VerifyRecord';
import { WorkspaceSettings } from './WorkspaceSettings';
import { BackupPanel } from './BackupPanel';
import { DevicesPanel } from './DevicesPanel';
import { useState, type FormEvent } from 'react';
import { hubJoinSchema, type SyncStatus } from '../../../common/bridge/contract';
import { getBridge } from '../../bridge';
import { currentWorkspace } from '../../db';
import { useLocale, useT } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { canCall, useUiStore } from '../../store/ui-store';
import { SyncIndicator } from './SyncIndicator';

interface Props {
  actor: string;
}

export function SettingsView({ actor }: Props) {
  const t = useT();
  const locale = useLocale();
  const status = useUiStore((state) => state.syncStatus);
  const canChangeHub = useUiStore((state) => canCall(state, 'hub:join'));
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const apply = (next: SyncStatus) => useUiStore.getState().setSyncStatus(next);

  const join = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = hubJoinSchema.safeParse({ url, token });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.path[0] === 'url' ? t('settings.invalidUrl') : t('settings.invalidToken'));
      return;
    }
    setIsBusy(true);
    const result = await getBridge().call('hub:join', { ...parsed.data, workspace: currentWorkspace() });
    setIsBusy(false);
    if (!result.ok) return setError(t('settings.failed', { message: result.error.message }));
    setError(null);
    setToken('');
    apply(result.value);
  };

  const leave = async () => {
    setIsBusy(true);
    const result = await getBridge().call('hub:leave', { workspace: currentWorkspace() });
    setIsBusy(false);
    if (result.ok) apply(result.value);
    else setError(t('settings.failed', { message: result.error.message }));
  };

  const isJoined = status !== null && status.state !== 'disabled';
  return (
    <section className="settings" data-testid="settings-view">
      <h1>{t('settings.heading')}</h1>
      <div className="panel">
        <h2>{t('settings.hubHeading')}</h2>
        <p className="muted">{t('settings.hubIntro')}</p>
        {isJoined ? (
          <dl className="facts" data-testid="hub-joined">
            <dt>{t('settings.hubUrl')}</dt>
            <dd>{status.hubUrl}</dd>
            <dt>{t('settings.status')}</dt>
            <dd>
              <SyncIndicator status={status} />
            </dd>
            <dt>{t('settings.lastSynced')}</dt>
            <dd>{status.lastSyncedAt ? formatDateTime(status.lastSyncedAt, locale) : t('settings.never')}</dd>
            {status.error && (
              <>
                <dt>{t('settings.error')}</dt>
                <dd className="error" data-testid="hub-error">
                  {status.state === 'refused' && status.refusal && (
                    <span className="hub-refusal">
                      {t('sync.refusedWhy', { reason: t(`sync.refusal.${status.refusal}`) })}{' '}
                    </span>
                  )}
                  {status.error}
                </dd>
              </>
            )}
          </dl>
        ) : null}
        {!canChangeHub ? (
          <p className="muted" role="note" data-testid="hub-laptop-only">
            {t('lan.hubLaptopOnly')}
          </p>
        ) : isJoined ? (
          <div className="actions">
            <button type="button" onClick={() => void leave()} disabled={isBusy} data-testid="hub-leave">
              {t('settings.leave')}
            </button>
          </div>
        ) : (
          <form className="hub-form" onSubmit={join} noValidate>
            <label className="field">
              <span>{t('settings.hubUrl')}</span>
              <input
                data-testid="hub-url"
                value={url}
                placeholder={t('settings.hubUrlPlaceholder')}
                onChange={(event) => setUrl(event.target.value)}
              />
            </label>
            <label className="field">
              <span>{t('settings.hubToken')}</span>
              <input
                data-testid="hub-token"
                type="password"
                autoComplete="off"
                value={token}
                onChange={(event) => setToken(event.target.value)}
              />
              <small className="muted">{t('settings.hubTokenHint')}</small>
            </label>
            {error && (
              <p className="error" role="alert" data-testid="hub-form-error">
                {error}
              </p>
            )}
            <div className="actions">
              <button type="submit" className="primary" disabled={isBusy} data-testid="hub-join">
                {t('settings.join')}
              </button>
            </div>
          </form>
        )}
      </div>
      <DevicesPanel />
      <WorkspaceSettings actor={actor} />
      <VerifyRecord />
      <BackupPanel />
    </section>
  );
}
