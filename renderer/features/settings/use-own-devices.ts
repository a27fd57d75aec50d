// Which devices of the record are this window's own: the window itself (its
// replica's device) and the laptop serving it (the host that sponsors it), so
// the devices panel can mark them and the window can name who revoked it.
import { useEffect, useState } from 'react';
import { getBridge } from '../../bridge';
import { currentWorkspace, getEventStore } from '../../db';

export interface OwnDevices {
  /** This window's device; null until its replica has said. */
  readonly windowId: string | null;
  /** The laptop's host, which let this window in; null until the host has said. */
  readonly hostId: string | null;
}

let windowAsked: Promise<string | null> | null = null;
let hostAsked: Promise<string | null> | null = null;

function askWindow(): Promise<string | null> {
  windowAsked ??= getEventStore()
    .identity()
    .then((identity) => identity.deviceId)
    .catch(() => null);
  return windowAsked;
}

function askHost(): Promise<string | null> {
  hostAsked ??= getBridge()
    .call('record:identity', { workspace: currentWorkspace() })
    .then((result) => {
      // A host that did not answer is asked again next time.
      if (!result.ok) hostAsked = null;
      return result.ok ? result.value.sponsor : null;
    });
  return hostAsked;
}

function useAsked(ask: () => Promise<string | null>): string | null {
  const [value, setValue] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void ask().then((found) => {
      if (isCurrent) setValue(found);
    });
    return () => {
      isCurrent = false;
    };
  }, [ask]);
  return value;
}

/** This window's own device in its record. */
export function useWindowDevice(): string | null {
  return useAsked(askWindow);
}

export function useOwnDevices(): OwnDevices {
  return { windowId: useWindowDevice(), hostId: useAsked(askHost) };
}
