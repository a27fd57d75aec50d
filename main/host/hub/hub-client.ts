// The host's side of the team hub: an ExchangeFn over HTTP for syncWith, and a
// subscription to the hub's live socket that reconnects with backoff.
//
// The split that makes sync resumable: a refusal of the batch (bad hash, gap,
// unauthorized…) comes back as `{ok: false, error}`, to be shown and not retried
// as is; anything else — no network, a timeout, a hub restarting or answering
// 5xx, an answer that is not the protocol — throws HubUnavailableError, and the
// caller simply tries again later from what was acknowledged.
import WebSocket from 'ws';
import type { ExchangeFn } from '../../../common/sync/exchange';
import { exchangeResponseSchema, type ExchangeRequest } from '../../../common/sync/protocol';
import type { VersionVector } from '../../../common/sync/vector';
import { BEARER_PROTOCOL_PREFIX, LIVE_PROTOCOL, liveMessageSchema, livePath, syncPath } from './hub-protocol';

export interface HubTarget {
  /** The hub's base URL, e.g. `https://hub.example:7380`. */
  readonly url: string;
  readonly workspace: string;
  readonly token: string;
}

/** The hub could not be reached or did not answer with the protocol: retry later. */
export class HubUnavailableError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HubUnavailableError';
  }
}

// Long enough for a full batch (MAX_BATCH_BYTES) over a slow uplink.
const EXCHANGE_TIMEOUT_MS = 120_000;

/** `path` below the hub's base URL, which may itself have a path (a hub behind a reverse proxy). */
function endpoint(base: string, path: string): URL {
  return new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`);
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

export interface HubExchangeOptions {
  readonly timeoutMs?: number;
}

/** One sync exchange per call, POSTed to the hub. */
export function createHubExchange(target: HubTarget, options: HubExchangeOptions = {}): ExchangeFn {
  const url = endpoint(target.url, syncPath(target.workspace));
  const timeoutMs = options.timeoutMs ?? EXCHANGE_TIMEOUT_MS;
  return async (request: ExchangeRequest) => {
    let status: number;
    let text: string;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${target.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw new HubUnavailableError(`cannot reach the hub at ${target.url}: ${reason(error)}`, null, { cause: error });
    }
    if (status >= 500) throw new HubUnavailableError(`the hub answered ${status}`, status);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new HubUnavailableError(`the hub answered ${status} with no JSON`, status);
    }
    const parsed = exchangeResponseSchema.safeParse(json);
    if (!parsed.success || (parsed.data.ok && status !== 200)) {
      throw new HubUnavailableError(`the hub answered ${status}, not with the sync protocol`, status);
    }
    return parsed.data;
  };
}

export type LiveState = 'connecting' | 'open' | 'waiting' | 'unauthorized' | 'closed';

export interface LiveOptions {
  /** The hub stored new events (or this is the state on (re)connecting): pull now. */
  readonly onChanged: (vector: VersionVector) => void;
  readonly onState?: (state: LiveState) => void;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A socket that hears nothing (not even the hub's ping) for this long is presumed dead. */
  readonly silenceMs?: number;
}

export interface LiveSubscription {
  close(): void;
}

/**
 * Follows the workspace's live socket, reconnecting with exponential backoff
 * (with jitter, so a restarted hub is not hit by every client at once) until
 * closed. A refused token stops it: retrying cannot help until the user rejoins.
 */
export function subscribeLive(target: HubTarget, options: LiveOptions): LiveSubscription {
  const url = endpoint(target.url, livePath(target.workspace));
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const minBackoffMs = options.minBackoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const silenceMs = options.silenceMs ?? 75_000;
  let socket: WebSocket | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let silenceTimer: NodeJS.Timeout | null = null;
  let backoffMs = minBackoffMs;
  let isClosed = false;

  const setState = (state: LiveState) => options.onState?.(state);

  const watchSilence = (current: WebSocket) => {
    if (silenceTimer) clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => current.terminate(), silenceMs);
    silenceTimer.unref();
  };

  const scheduleReconnect = () => {
    if (isClosed || retryTimer) return;
    setState('waiting');
    const delay = backoffMs * (0.5 + Math.random() / 2);
    backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
    retryTimer.unref();
  };

  const connect = () => {
    if (isClosed) return;
    setState('connecting');
    const current = new WebSocket(url, [LIVE_PROTOCOL], {
      headers: { Authorization: `Bearer ${target.token}` },
      maxPayload: 1024 * 1024,
    });
    socket = current;
    let isRefused = false;
    current.on('open', () => {
      backoffMs = minBackoffMs;
      setState('open');
      watchSilence(current);
    });
    current.on('ping', () => watchSilence(current));
    current.on('message', (data, isBinary) => {
      watchSilence(current);
      if (isBinary) return;
      let json: unknown;
      try {
        json = JSON.parse(data.toString());
      } catch {
        return;
      }
      const message = liveMessageSchema.safeParse(json);
      if (message.success) options.onChanged(message.data.vector);
    });
    current.on('unexpected-response', (_request, response) => {
      isRefused = response.statusCode === 401 || response.statusCode === 403;
      current.terminate();
    });
    // Errors end in 'close', where reconnecting is decided.
    current.on('error', () => undefined);
    current.on('close', () => {
      if (silenceTimer) clearTimeout(silenceTimer);
      if (socket === current) socket = null;
      if (isClosed) return;
      if (isRefused) {
        setState('unauthorized');
        return;
      }
      scheduleReconnect();
    });
  };

  connect();
  return {
    close() {
      if (isClosed) return;
      isClosed = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (silenceTimer) clearTimeout(silenceTimer);
      socket?.terminate();
      setState('closed');
    },
  };
}

/** What the host's replication needs of a hub: exchanges, and a wake-up when it changes. */
export interface HubConnection {
  readonly exchange: ExchangeFn;
  /** Calls `onChanged` whenever the hub stores new events; returns a stop function. */
  readonly subscribe: (onChanged: () => void) => () => void;
}

export function connectHub(target: HubTarget): HubConnection {
  return {
    exchange: createHubExchange(target),
    subscribe(onChanged) {
      const live = subscribeLive(target, { onChanged: () => onChanged() });
      return () => live.close();
    },
  };
}

/** The bearer subprotocol for clients that cannot set an Authorization header. */
export function bearerProtocol(token: string): string {
  return `${BEARER_PROTOCOL_PREFIX}${token}`;
}
