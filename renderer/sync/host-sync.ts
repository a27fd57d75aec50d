// Keeps the window's replica in step with its host's: after each local write,
// when the host says its record grew, and when the host comes back. The same
// protocol as host ⇄ hub, carried by the bridge. When the host refuses what the
// window wrote (its device was revoked, say), the window is told, and still
// reads what the host holds.
import type { ExchangeFn } from '../../common/sync/exchange';
import { pullFrom, syncWith } from '../../common/sync/exchange';
import { SyncRefusedError, type SyncError } from '../../common/sync/protocol';
import type { VersionVector } from '../../common/sync/vector';
import type { Workspace } from '../../common/events/event';
import type { BridgeClient } from '../bridge';
import type { EventStore } from '../db';
import { createLogger } from '../log';

const BATCH_EVENTS = 500;
/**
 * A host that is up but slow (its store opening, say) times a call out without
 * dropping the connection: retry on a backoff, or a write made just before
 * would wait for the next one to reach the host.
 */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;
const log = createLogger('host-sync');

export interface HostSync {
  /** Syncs now, or once more after the sync under way. */
  kick(): void;
  stop(): void;
}

export interface HostSyncOptions {
  /** The host refused this window's events (with its reason), or took them again (null). */
  readonly onRefused?: (refusal: SyncError | null) => void;
}

export function startHostSync(store: EventStore, bridge: BridgeClient, options: HostSyncOptions = {}): HostSync {
  let peerVector: VersionVector | undefined;
  let running = false;
  let again = false;
  let isStopped = false;
  let retryMs = RETRY_FIRST_MS;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  // The window enrols as its host says: one of its windows, or a teammate's browser.
  store.useEnrolment(async () => {
    const result = await bridge.call('record:identity', { workspace: store.workspace as Workspace });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return { kind: result.value.kind, sponsor: result.value.sponsor };
  });

  // The host's last "no", told apart from a refusal of the host's own events by this window.
  let hostRefusal: SyncError | null = null;
  const exchange: ExchangeFn = async (request) => {
    const result = await bridge.call('sync:exchange', request);
    // An unreachable host is a cut connection: stop here and resume on reconnect.
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    if (!result.value.ok) hostRefusal = result.value.error;
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
          hostRefusal = null;
          peerVector = (await syncWith(store, exchange, { knownPeerVector: peerVector, batchSize: BATCH_EVENTS }))
            .peerVector;
          retryMs = RETRY_FIRST_MS;
          options.onRefused?.(null);
        } catch (error) {
          if (error instanceof SyncRefusedError && error.error === hostRefusal) {
            options.onRefused?.(hostRefusal);
            // What the host holds still reaches a window whose writes it refuses: the revocation among it.
            await pullFrom(store, exchange, () => isStopped).catch(() => undefined);
          }
          log.warn(
            `sync with the host stopped; it resumes when the host is back, or in ${retryMs / 1000} s`,
            error instanceof Error ? error.message : error,
          );
          peerVector = undefined;
          if (!isStopped && retryTimer === null) {
            retryTimer = setTimeout(() => {
              retryTimer = null;
              kick();
            }, retryMs);
            retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
          }
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
    // Only this window's workspace: a drill's clock ticking never makes the real record's windows pull.
    bridge.on('sync:changed', (changed) => {
      if (changed.workspace === store.workspace) kick();
    }),
    bridge.onStatus((status) => {
      if (status === 'online') kick();
    }),
  ];
  kick();
  return {
    kick,
    stop() {
      isStopped = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      for (const unsubscribe of unsubscribers) unsubscribe();
    },
  };
}
