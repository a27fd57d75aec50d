// The host's live monitor board for the window: asked once, then kept current
// by `monitor:changed`. Not part of the record: the host's checks are its own.
import { useSyncExternalStore } from 'react';
import type { MonitorBoardSnapshot } from '../../../common/bridge/monitor-contract';
import { getBridge } from '../../bridge';
import { createLogger } from '../../log';

const log = createLogger('monitor-board');

export type BoardState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'ready'; readonly board: MonitorBoardSnapshot };

let current: BoardState = { kind: 'loading' };
const listeners = new Set<() => void>();
let stop: (() => void) | null = null;

function set(next: BoardState): void {
  current = next;
  for (const listener of listeners) listener();
}

/** Asks the host for its board now (after a save, when the host comes back). */
export function refreshBoard(): void {
  void getBridge()
    .call('monitor:snapshot', {})
    .then((result) => {
      if (result.ok) set({ kind: 'ready', board: result.value });
      else {
        log.warn('monitor board unavailable', result.error);
        if (current.kind !== 'ready') set({ kind: 'unavailable' });
      }
    });
}

function follow(): () => void {
  const bridge = getBridge();
  const offChanged = bridge.on('monitor:changed', (board) => set({ kind: 'ready', board }));
  const offStatus = bridge.onStatus((status) => {
    if (status === 'online') refreshBoard();
  });
  refreshBoard();
  return () => {
    offChanged();
    offStatus();
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  stop ??= follow();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      stop?.();
      stop = null;
    }
  };
}

export function useMonitorBoard(): BoardState {
  return useSyncExternalStore(subscribe, () => current);
}
