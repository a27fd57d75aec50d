// The person's choices (language, name) take effect in the window at once and
// are saved on the host, which starts the next window with them. A choice made
// while the host cannot be reached (starting, restarting, busy) is kept and sent
// again each time the host comes online and after each failed try, until saved:
// the window must not show French today and start in English tomorrow. A host
// that forbids them (LAN mode: they are the laptop owner's) is not asked again.
import type { Settings } from '../../common/bridge/contract';
import type { BridgeClient } from '../bridge';

export const SETTINGS_RESEND_MS = 1000;

export interface SettingsOutbox {
  /** Sends a change now; kept until the host has saved it. */
  save(patch: Partial<Settings>): void;
  stop(): void;
}

export interface SettingsOutboxListeners {
  /** The host's settings, once it holds every change the window made. */
  onSaved(settings: Settings): void;
  /** Whether changes are waiting for the host, after each change of what waits. */
  onPending(isPending: boolean): void;
}

export function createSettingsOutbox(
  bridge: Pick<BridgeClient, 'call' | 'onStatus'>,
  { onSaved, onPending }: SettingsOutboxListeners,
): SettingsOutbox {
  let pending: Partial<Settings> = {};
  let isSending = false;
  let isStopped = false;
  let resend: ReturnType<typeof setTimeout> | undefined;
  const hasPending = () => Object.keys(pending).length > 0;
  const setPending = (next: Partial<Settings>) => {
    pending = next;
    onPending(hasPending());
  };

  const send = async (): Promise<void> => {
    if (isSending || isStopped || !hasPending()) return;
    clearTimeout(resend);
    isSending = true;
    const patch = pending;
    const result = await bridge.call('settings:update', patch);
    isSending = false;
    if (isStopped) return;
    // A host that will never take them (a teammate's browser on the LAN) is not a host still starting:
    // the choice holds in this window, and asking again every second would change nothing.
    if (!result.ok && result.error.code === 'forbidden') {
      setPending({});
      return;
    }
    if (!result.ok) {
      resend = setTimeout(() => void send(), SETTINGS_RESEND_MS);
      return;
    }
    // What changed again while this was on its way is still to send.
    const next: Partial<Settings> = {};
    for (const [key, value] of Object.entries(pending) as [keyof Settings, Settings[keyof Settings]][]) {
      if (patch[key] !== value) Object.assign(next, { [key]: value });
    }
    setPending(next);
    if (hasPending()) void send();
    else onSaved(result.value);
  };

  // Answers come after onStatus has returned, so `stopStatus` is there to call.
  const stopStatus = bridge.onStatus((status) => {
    if (status === 'online') void send();
  });

  return {
    save(patch) {
      setPending({ ...pending, ...patch });
      void send();
    },
    stop() {
      isStopped = true;
      clearTimeout(resend);
      stopStatus();
    },
  };
}
