// Always visible: whether this laptop's record is shared, and what waits to go out.
import type { SyncStatus } from '../../../common/bridge/contract';
import { useNow } from '../../app/use-now';
import { useLocale, useT } from '../../i18n';
import { formatRelative } from '../../i18n/format';

export function SyncIndicator({ status }: { status: SyncStatus | null }) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const state = status?.state ?? 'disabled';
  const label = (() => {
    switch (state) {
      case 'disabled':
        return t('sync.disabled');
      case 'connecting':
        return t('sync.connecting');
      case 'syncing':
        return t('sync.syncing');
      case 'online':
        return status?.lastSyncedAt
          ? t('sync.online', { when: formatRelative(status.lastSyncedAt, now, locale) })
          : t('sync.onlineNever');
      case 'offline':
        return t('sync.offline');
      case 'refused':
        return t('sync.refused');
    }
  })();
  const waiting =
    status && status.state !== 'disabled' && status.waiting > 0 ? t('sync.waiting', { count: status.waiting }) : null;
  // A refusal is worded in the window's language; the hub's own sentence (English, with the event) follows.
  const refusal =
    state === 'refused' && status?.refusal
      ? t('sync.refusedWhy', { reason: t(`sync.refusal.${status.refusal}`) })
      : null;
  const title =
    state === 'disabled'
      ? t('sync.disabledHint')
      : refusal
        ? `${refusal}\n${status?.error ?? ''}`
        : (status?.error ?? status?.hubUrl ?? '');
  return (
    <a
      className={`sync-status sync-${state}`}
      href="#/settings"
      data-testid="sync-status"
      data-state={state}
      title={title}
    >
      {label}
      {waiting && <span className="sync-waiting"> · {waiting}</span>}
    </a>
  );
}
