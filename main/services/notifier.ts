// The notifier port: how a host service tells the person at the laptop that
// something needs them. Electron shows a system notification; browser mode
// pushes it to its windows, which use the Web Notifications API or a toast.
export interface Notifier {
  /** `tag` groups notices of one subject, so the newer replaces the older where the system supports it. */
  notify(title: string, body: string, tag?: string): void;
}

/** A notifier that tells nobody: tests and hosts without a display. */
export const silentNotifier: Notifier = { notify: () => undefined };
