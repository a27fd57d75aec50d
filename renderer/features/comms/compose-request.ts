// A request to open the composer, from elsewhere in the window (a runbook's
// "send a communication" step): the incident's comms panel opens it on the
// audience and template the step names.
import { useSyncExternalStore } from 'react';
import type { Audience } from '../../../common/comms/audiences';
import type { COMM_AUDIENCES } from '../../../common/runbooks/runbook-schema';

export interface ComposeRequest {
  readonly audience: Audience;
  readonly templateId?: string;
  /** Each request is new, even for the same audience twice. */
  readonly seq: number;
}

let current: ComposeRequest | null = null;
const listeners = new Set<() => void>();

/** A runbook names the public status page `public`; comms calls it `status-page`. */
export function audienceOfStep(audience: (typeof COMM_AUDIENCES)[number]): Audience {
  return audience === 'public' ? 'status-page' : audience;
}

export function requestCompose(audience: Audience, templateId?: string): void {
  current = { audience, ...(templateId ? { templateId } : {}), seq: (current?.seq ?? 0) + 1 };
  for (const listener of listeners) listener();
}

export function useComposeRequest(): ComposeRequest | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
