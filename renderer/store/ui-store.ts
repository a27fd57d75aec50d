// Window state that is not part of the record: where the user is, what the
// host said about itself, whether it is reachable. The only zustand import.
import { create } from 'zustand';
import type { AppInfo, Settings } from '../../common/bridge/contract';
import type { HostStatus } from '../bridge';

export type Route = { name: 'incidents' } | { name: 'incident'; id: string };

export type AppState = 'loading' | 'ready' | 'error';

interface UiState {
  route: Route;
  appState: AppState;
  appError: string | null;
  hostStatus: HostStatus;
  appInfo: AppInfo | null;
  settings: Settings | null;
  navigate(route: Route): void;
  setHostStatus(status: HostStatus): void;
  setHost(info: AppInfo | null, settings: Settings | null): void;
  setSettings(settings: Settings): void;
  setAppState(state: AppState, error?: string): void;
}

export const useUiStore = create<UiState>((set) => ({
  route: { name: 'incidents' },
  appState: 'loading',
  appError: null,
  hostStatus: 'connecting',
  appInfo: null,
  settings: null,
  navigate: (route) => set({ route }),
  setHostStatus: (hostStatus) => set({ hostStatus }),
  setHost: (appInfo, settings) => set({ appInfo, settings }),
  setSettings: (settings) => set({ settings }),
  setAppState: (appState, error) => set({ appState, appError: error ?? null }),
}));

/** The name written as the author of new events. */
export function actorName(state: Pick<UiState, 'settings' | 'appInfo'>, fallback: string): string {
  return state.settings?.displayName || state.appInfo?.userName || fallback;
}

export function routeToHash(route: Route): string {
  return route.name === 'incident' ? `#/incidents/${encodeURIComponent(route.id)}` : '#/';
}

export function routeFromHash(hash: string): Route {
  const match = /^#\/incidents\/([^/]+)$/.exec(hash);
  return match?.[1] ? { name: 'incident', id: decodeURIComponent(match[1]) } : { name: 'incidents' };
}
