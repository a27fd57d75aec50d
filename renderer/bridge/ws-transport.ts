// Browser-mode transport: one WebSocket to the host that served the page,
// reconnecting with backoff when the host goes away and comes back.
import type { CallName } from '../../common/bridge/contract';
import { fail, type Result } from '../../common/bridge/result';
import { BRIDGE_PATH, decodeOutputFrame, serverFrameSchema } from '../../common/bridge/wire';
import type { HostStatus, Transport } from './transport';

const CALL_TIMEOUT_MS = 10_000;
/**
 * Calls the host answers only once its record is open and holds the window's
 * latest events: the first opening of the store can take many seconds.
 */
const SLOW_CALL_TIMEOUT_MS: Partial<Record<CallName, number>> = { 'runbook:run-step': 60_000 };
const MAX_BACKOFF_MS = 5_000;

interface Pending {
  resolve(result: Result<unknown>): void;
  timer: ReturnType<typeof setTimeout>;
}

/** `createSocket` is the browser's WebSocket; tests pass one that can set an Origin. */
export function createWsTransport(
  url: string,
  createSocket: (url: string) => WebSocket = (target) => new WebSocket(target),
): Transport {
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(name: string, payload: unknown) => void>();
  const statusListeners = new Set<(status: HostStatus) => void>();
  const waitingForOpen = new Set<() => void>();
  let socket: WebSocket | null = null;
  let status: HostStatus = 'connecting';
  let nextId = 1;
  let attempt = 0;
  let isClosed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const setStatus = (next: HostStatus) => {
    if (next === status) return;
    status = next;
    for (const listener of statusListeners) listener(next);
  };

  const connect = () => {
    const ws = createSocket(url);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setStatus('online');
      for (const wake of waitingForOpen) wake();
      waitingForOpen.clear();
    };
    ws.onmessage = (message: MessageEvent) => {
      if (message.data instanceof ArrayBuffer) {
        // Binary frames carry command output; one that does not read as such is dropped.
        const output = decodeOutputFrame(new Uint8Array(message.data));
        if (output) for (const listener of eventListeners) listener('runbook:output', output);
        return;
      }
      let data: unknown;
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      const frame = serverFrameSchema.safeParse(data);
      if (!frame.success) return;
      if (frame.data.kind === 'event') {
        for (const listener of eventListeners) listener(frame.data.name, frame.data.payload);
        return;
      }
      const call = pending.get(frame.data.id);
      if (!call) return;
      pending.delete(frame.data.id);
      clearTimeout(call.timer);
      call.resolve(frame.data.result as Result<unknown>);
    };
    // A refused or broken connection is followed by close, handled below.
    ws.onerror = () => undefined;
    ws.onclose = () => {
      socket = null;
      setStatus('offline');
      for (const [id, call] of pending) {
        clearTimeout(call.timer);
        call.resolve(fail('unavailable', 'the host connection closed'));
        pending.delete(id);
      }
      if (isClosed) return;
      attempt += 1;
      retryTimer = setTimeout(connect, Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(attempt, 5)));
    };
  };
  connect();

  const whenOpen = (): Promise<boolean> =>
    socket?.readyState === 1 /* WebSocket.OPEN */
      ? Promise.resolve(true)
      : new Promise((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            resolve(true);
          };
          const timer = setTimeout(() => {
            waitingForOpen.delete(wake);
            resolve(false);
          }, CALL_TIMEOUT_MS);
          waitingForOpen.add(wake);
        });

  return {
    async call(channel: CallName, payload: unknown) {
      if (!(await whenOpen()) || !socket) return fail('unavailable', 'the host is unreachable');
      const id = nextId++;
      const open = socket;
      return new Promise<Result<unknown>>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(fail('unavailable', `${channel}: no answer from the host`));
        }, SLOW_CALL_TIMEOUT_MS[channel] ?? CALL_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        open.send(JSON.stringify({ kind: 'call', id, channel, payload }));
      });
    },
    subscribe(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
    close() {
      isClosed = true;
      clearTimeout(retryTimer);
      socket?.close();
    },
  };
}

export function bridgeUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${BRIDGE_PATH}`;
}
