// A host connection's status for window-side unit tests: listeners hear the
// current status when they subscribe, then each one a test sets.
import type { HostStatus } from '../../renderer/bridge';

export function hostStatus(initial: HostStatus) {
  const listeners = new Set<(status: HostStatus) => void>();
  let status = initial;
  return {
    onStatus(listener: (status: HostStatus) => void) {
      listeners.add(listener);
      listener(status);
      return () => void listeners.delete(listener);
    },
    setStatus(next: HostStatus) {
      status = next;
      for (const listener of listeners) listener(next);
    },
    listening: () => listeners.size,
  };
}
