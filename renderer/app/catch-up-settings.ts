// A host slow to start (or restarting) may miss the window's first questions;
// the person's language and name are still on it. They are asked again each
// time the host comes online and after each failed try, until it answers once.
import type { Settings } from '../../common/bridge/contract';
import type { BridgeClient } from '../bridge';

export const SETTINGS_RETRY_MS = 1000;

/** Calls `onSettings` once, with the host's first answer; returns a stop. */
export function catchUpSettings(
  bridge: Pick<BridgeClient, 'call' | 'onStatus'>,
  onSettings: (settings: Settings) => void,
): () => void {
  let isDone = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const finish = () => {
    isDone = true;
    clearTimeout(retry);
    stopStatus();
  };
  const ask = () => {
    clearTimeout(retry);
    void bridge.call('settings:get', {}).then((result) => {
      if (isDone) return;
      if (!result.ok) {
        retry = setTimeout(ask, SETTINGS_RETRY_MS);
        return;
      }
      finish();
      onSettings(result.value);
    });
  };
  // Answers come after onStatus has returned, so `stopStatus` is there to call.
  const stopStatus = bridge.onStatus((status) => {
    if (status === 'online' && !isDone) ask();
  });
  return finish;
}
