// The preload script: a narrow, typed facade over IPC. One function per contract
// call; the renderer never sees ipcRenderer or a channel string.
import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, isEventName } from '../common/bridge/channels';
import { PRELOAD_GLOBAL, type PreloadApi } from '../common/bridge/preload-api';
import type { Result } from '../common/bridge/result';

const invoke = Object.fromEntries(
  CALL_NAMES.map((channel) => [
    channel,
    (payload: unknown): Promise<Result<unknown>> => ipcRenderer.invoke(IPC_CALL_CHANNEL, { channel, payload }),
  ]),
) as PreloadApi['invoke'];

const api = {
  invoke,
  subscribe(listener) {
    const handler = (_event: unknown, message: unknown) => {
      const { name, payload } = (message ?? {}) as { name?: unknown; payload?: unknown };
      if (isEventName(name)) listener(name, payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
} satisfies PreloadApi;

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, api);
