// Window state that is not part of the record: where the user is, what the
// host said about itself, whether it is reachable. The only zustand import.
import { create } from 'zustand';
import type { WindowAccess } from '../../common/bridge/access-contract';
import type { AppInfo, CallName, Settings, SyncStatus } from '../../common/bridge/contract';
import type { SyncError } from '../../common/sync/protocol';
import type { HostStatus } from '../bridge';

export type Route =
  | { name: 'incidents' }
  | { name: 'incident'; id: string }
  | { name: 'people' }
  | { name: 'settings' }
  | { name: 'monitors' }
  | { name: 'runbooks'; id?: string }
  | { name: 'comms' }
  | { name: 'continuity'; tab: ContinuityTab }
  | { name: 'postmortem'; id: string }
  /** The exercises screen; with a session, that session's after-action report. */
  | { name: 'exercises'; sessionId?: string };

export const CONTINUITY_TABS = ['processes', 'plans', 'risks', 'knowledge'] as const;
export type ContinuityTab = (typeof CONTINUITY_TABS)[number];

export type AppState = 'loading' | 'ready' | 'error';

interface UiState {
  route: Route;
  appState: AppState;
  appError: string | null;
  hostStatus: HostStatus;
  appInfo: AppInfo | null;
  /** Whether this window is the person at the laptop; null until the host has said. */
  access: WindowAccess | null;
  settings: Settings | null;
  /** The person chose a language or a name and the host has not saved it yet. */
  isSettingsPending: boolean;
  syncStatus: SyncStatus | null;
  /** The host refused what this window wrote (a revoked device, say); null once it takes it again. */
  writeRefusal: SyncError | null;
  navigate(route: Route): void;
  setSyncStatus(status: SyncStatus): void;
  setWriteRefusal(refusal: SyncError | null): void;
  setHostStatus(status: HostStatus): void;
  setHost(info: AppInfo | null, settings: Settings | null): void;
  setAccess(access: WindowAccess): void;
  setSettings(settings: Settings): void;
  setSettingsPending(isPending: boolean): void;
  setAppState(state: AppState, error?: string): void;
}

export const useUiStore = create<UiState>((set) => ({
  route: { name: 'incidents' },
  appState: 'loading',
  appError: null,
  hostStatus: 'connecting',
  appInfo: null,
  access: null,
  settings: null,
  isSettingsPending: false,
  syncStatus: null,
  writeRefusal: null,
  navigate: (route) => set({ route }),
  setSyncStatus: (syncStatus) => set({ syncStatus }),
  setWriteRefusal: (writeRefusal) => set({ writeRefusal }),
  setHostStatus: (hostStatus) => set({ hostStatus }),
  setHost: (appInfo, settings) => set({ appInfo, settings }),
  setAccess: (access) => set({ access }),
  setSettings: (settings) => set({ settings }),
  setSettingsPending: (isSettingsPending) => set({ isSettingsPending }),
  setAppState: (appState, error) => set({ appState, appError: error ?? null }),
}));

/**
 * The name this device enrols under with its first entry, before it has
 * written anything: the one typed here, else (at the laptop) the host's own
 * person, its account's login name, as main/host names it. A teammate's browser
 * on the LAN never takes the laptop owner's. Empty when nobody is named: the
 * window then asks who is there (never a placeholder such as "You").
 */
export function proposedName(state: Pick<UiState, 'settings' | 'appInfo' | 'access'>): string {
  const login = isLanPeer(state) ? '' : state.appInfo?.userName;
  return (state.settings?.displayName || login || '').trim();
}

/** A teammate's browser on the LAN, as the host said; unknown counts as at the laptop (the host still decides). */
export function isLanPeer(state: Pick<UiState, 'access'>): boolean {
  return state.access?.isAtLaptop === false;
}

/** Whether the host will take this call from this window, so that a screen offers only what works. */
export function canCall(state: Pick<UiState, 'access'>, channel: CallName): boolean {
  return !state.access?.laptopOnly.includes(channel);
}

export function routeToHash(route: Route): string {
  switch (route.name) {
    case 'incident':
      return `#/incidents/${encodeURIComponent(route.id)}`;
    case 'settings':
      return '#/settings';
    case 'people':
      return '#/people';
    case 'monitors':
      return '#/monitors';
    case 'runbooks':
      return route.id === undefined ? '#/runbooks' : `#/runbooks/${encodeURIComponent(route.id)}`;
    case 'comms':
      return '#/comms';
    case 'continuity':
      return route.tab === 'processes' ? '#/continuity' : `#/continuity/${route.tab}`;
    case 'postmortem':
      return `#/incidents/${encodeURIComponent(route.id)}/postmortem`;
    case 'exercises':
      return route.sessionId === undefined ? '#/exercises' : `#/exercises/${encodeURIComponent(route.sessionId)}`;
    case 'incidents':
      return '#/';
  }
}

/** A path segment as written; null for a malformed escape (`%E0`), which must not throw out of navigation. */
function decodeSegment(segment: string | undefined): string | null {
  if (!segment) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function routeFromHash(hash: string): Route {
  if (hash === '#/settings') return { name: 'settings' };
  if (hash === '#/people') return { name: 'people' };
  if (hash === '#/monitors') return { name: 'monitors' };
  if (hash === '#/runbooks') return { name: 'runbooks' };
  if (hash === '#/comms') return { name: 'comms' };
  if (hash === '#/exercises') return { name: 'exercises' };
  const session = decodeSegment(/^#\/exercises\/([^/]+)$/.exec(hash)?.[1]);
  if (session) return { name: 'exercises', sessionId: session };
  const runbook = decodeSegment(/^#\/runbooks\/([^/]+)$/.exec(hash)?.[1]);
  if (runbook) return { name: 'runbooks', id: runbook };
  if (hash === '#/continuity') return { name: 'continuity', tab: 'processes' };
  const tab = /^#\/continuity\/([a-z]+)$/.exec(hash)?.[1];
  const known = CONTINUITY_TABS.find((name) => name === tab);
  if (known) return { name: 'continuity', tab: known };
  const postmortem = decodeSegment(/^#\/incidents\/([^/]+)\/postmortem$/.exec(hash)?.[1]);
  if (postmortem) return { name: 'postmortem', id: postmortem };
  const incident = decodeSegment(/^#\/incidents\/([^/]+)$/.exec(hash)?.[1]);
  return incident ? { name: 'incident', id: incident } : { name: 'incidents' };
}
