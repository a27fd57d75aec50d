// The real parts a host runs on, for the two entry points (browser mode and
// Electron): the PGlite store in the data dir, and the HTTP client of the hub.
import { createLogger } from '../services/logger';
import type { HostOptions } from './host';
import { openHostStore } from './host-store';
import { connectHub } from './hub/hub-client';

export function hostServices(dataDir: string): Pick<HostOptions, 'openLog' | 'connectHub'> {
  return {
    openLog: (identity) => openHostStore(dataDir, createLogger('store'), identity),
    connectHub,
  };
}
