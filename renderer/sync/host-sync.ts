// Keeps the window's replica in step with its host's: after each local write,
// when the host says its record grew, and when the host comes back. The same
// protocol as host ⇄ hub, carried by the bridge.
import type { ExchangeFn } from '../../common/sync/exchange';
import { syncWith } from '../../common/sync/exchange';
import type { VersionVector } from '../../common/sync/vector';
import type { BridgeClient } from '../bridge';
import type { EventStore } from '../db';
import { createLogger } from '../log';

const BATCH_EVENTS = 500;
const log = createLogger('host-sync');

export interface HostSync {
  /** Syncs now, or once more after the sync under way. */
  kick(): void;
  stop(): void;
}

export function startHostSync(store: EventStore, bridge: BridgeClient): HostSync {
  let peerVector: VersionVector | undefined;
  let running = false;
  let again = false;
  let isStopped = false;

  const exchange: ExchangeFn = async (request) => {
    const result = await bridge.call('sync:exchange', request);
    // An unreachable host is a cut connection: stop here and resume on reconnect.
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };

  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        try {
          peerVector = (await syncWith(store, exchange, { knownPeerVector: peerVector, batchSize: BATCH_EVENTS }))
            .peerVector;
        } catch (error) {
          log.warn(
            'sync with the host stopped; it resumes when the host is back',
            error instanceof Error ? error.message : error,
          );
          peerVector = undefined;
          return;
        }
      } while (again && !isStopped);
    } finally {
      running = false;
    }
  };

  const kick = () => {
    if (!isStopped) void run();
  };
  const unsubscribers = [
    store.onAppend(kick),
    bridge.on('sync:changed', kick),
    bridge.onStatus((status) => {
      if (status === 'online') kick();
    }),
  ];
  kick();
  return {
    kick,
    stop() {
      isStopped = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
    },
  };
}
