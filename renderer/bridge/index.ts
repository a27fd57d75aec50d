// Picks the transport once: the preload facade inside Electron, the WebSocket in
// a browser. Nothing else in the renderer knows which one it got.
import { PRELOAD_GLOBAL, type PreloadApi } from '../../common/bridge/preload-api';
import { createBridgeClient, type BridgeClient } from './client';
import { createIpcTransport } from './ipc-transport';
import { bridgeUrl, createWsTransport } from './ws-transport';

export type { BridgeClient } from './client';
export type { HostStatus } from './transport';

function preloadApi(): PreloadApi | undefined {
  return (window as unknown as Record<string, PreloadApi | undefined>)[PRELOAD_GLOBAL];
}

let client: BridgeClient | null = null;

export function getBridge(): BridgeClient {
  if (!client) {
    const api = preloadApi();
    client = createBridgeClient(api ? createIpcTransport(api) : createWsTransport(bridgeUrl(window.location)));
  }
  return client;
}
