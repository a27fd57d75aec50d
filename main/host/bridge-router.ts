// The host side of the bridge, shared by both transports: it parses every call
// against the contract before a handler sees it, and turns every outcome into a
// Result so that errors cross as values, never as thrown strings.
import {
  calls,
  events,
  isCallName,
  type CallName,
  type CallRequest,
  type CallResponse,
  type EventName,
  type EventPayload,
} from '../../common/bridge/contract';
import { fail, ok, type Result } from '../../common/bridge/result';
import type { Logger } from '../services/logger';

/** Who made a call, as the transport knows it: the person at the laptop, or a teammate's browser on the LAN. */
export interface Caller {
  readonly isAtLaptop: boolean;
}

/** The desktop window, and any transport that does not say otherwise. */
export const AT_LAPTOP: Caller = { isAtLaptop: true };

export type Handlers = {
  [C in CallName]: (request: CallRequest<C>, caller: Caller) => Promise<CallResponse<C>>;
};

export type Router = (channel: unknown, payload: unknown, caller?: Caller) => Promise<Result<unknown>>;

/** A handler's considered "no": it crosses as `refused` with its reason code, not as a failure. */
export class CallRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(payload)'}: ${issue.message}`).join('; ');
}

export function createRouter(handlers: Handlers, log: Logger): Router {
  return async (channel, payload, caller = AT_LAPTOP) => {
    if (!isCallName(channel)) return fail('unknown-channel', `unknown channel: ${String(channel).slice(0, 100)}`);
    const request = calls[channel].request.safeParse(payload ?? {});
    if (!request.success) return fail('invalid-payload', `${channel}: ${describeIssues(request.error.issues)}`);
    try {
      const handler = handlers[channel] as (request: unknown, caller: Caller) => Promise<unknown>;
      const response = calls[channel].response.safeParse(await handler(request.data, caller));
      if (!response.success) {
        log.error(`${channel} produced an invalid response`, describeIssues(response.error.issues));
        return fail('internal', `${channel}: the host produced an invalid response`);
      }
      return ok(response.data);
    } catch (error) {
      if (error instanceof CallRefused) {
        log.warn(`${channel} refused: ${error.reason}`);
        return fail('refused', error.reason);
      }
      log.error(`${channel} failed`, error);
      return fail('internal', `${channel}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

export type HostEventListener = (name: EventName, payload: unknown) => void;

/** Fans host events out to every connected window, validated against the contract. */
export class HostEvents {
  private readonly listeners = new Set<HostEventListener>();

  subscribe(listener: HostEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const parsed = events[name].parse(payload);
    for (const listener of this.listeners) listener(name, parsed);
  }
}
