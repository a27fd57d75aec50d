// The shape of the narrow facade the preload script exposes as `window.warroom`:
// one function per contract call, and one way to hear host events. No channel
// strings, no ipcRenderer.
import type { CallName, EventName } from './channels';
import type { Result } from './result';

export type PreloadApi = {
  readonly invoke: { readonly [C in CallName]: (payload: unknown) => Promise<Result<unknown>> };
  readonly subscribe: (listener: (name: EventName, payload: unknown) => void) => () => void;
};

export const PRELOAD_GLOBAL = 'warroom';
