// The notifier port in Electron: a system notification, where the system has them.
import { Notification } from 'electron';
import type { Notifier } from '../services/notifier';

export function createElectronNotifier(): Notifier {
  return {
    notify(title, body) {
      if (!Notification.isSupported()) return;
      new Notification({ title, body }).show();
    },
  };
}
