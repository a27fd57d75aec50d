// Browser mode's end of the notifier port: a host notice becomes a desktop
// notification when the user allowed them, and an in-app toast otherwise.
import { useEffect, useState } from 'react';
import type { Notification as Notice } from '../../../common/bridge/monitor-contract';
import { getBridge } from '../../bridge';
import { useT } from '../../i18n';

const MAX_TOASTS = 4;

function canNotify(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

export function NotificationToasts() {
  const t = useT();
  const [toasts, setToasts] = useState<readonly (Notice & { id: number })[]>([]);

  useEffect(() => {
    let next = 0;
    return getBridge().on('app:notify', (notice) => {
      if (canNotify() && document.visibilityState !== 'visible') {
        new Notification(notice.title, { body: notice.body, ...(notice.tag ? { tag: notice.tag } : {}) });
        return;
      }
      next += 1;
      const toast = { ...notice, id: next };
      setToasts((current) =>
        [...current.filter((old) => !notice.tag || old.tag !== notice.tag), toast].slice(-MAX_TOASTS),
      );
    });
  }, []);

  if (toasts.length === 0) return null;
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast" data-testid="toast">
          <strong>{toast.title}</strong>
          <span>{toast.body}</span>
          <button
            type="button"
            className="link"
            onClick={() => setToasts((current) => current.filter((other) => other.id !== toast.id))}
          >
            {t('monitors.notify.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}

/** Asks for desktop notifications; true once they are allowed. */
export async function askNotificationPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}
