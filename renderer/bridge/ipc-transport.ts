// Electron transport: the preload facade, over IPC.
import type { CallName } from '../../common/bridge/contract';
import type { PreloadApi } from '../../common/bridge/preload-api';
import type { Transport } from './transport';

export function createIpcTransport(api: PreloadApi): Transport {
  return {
    call: (channel: CallName, payload: unknown) => api.invoke[channel](payload),
    subscribe: (listener) => api.subscribe(listener),
    // The main process lives as long as the window does.
    onStatus: (listener) => {
      listener('online');
      return () => undefined;
    },
    close: () => undefined,
  };
}
