// The one door from the renderer to its host. Typed from the contract, and it
// checks what comes back too: a host bug must not become a renderer crash.
import {
  calls,
  events,
  isEventName,
  type CallName,
  type CallRequest,
  type CallResponse,
  type EventName,
  type EventPayload,
} from '../../common/bridge/contract';
import { fail, ok, type Result } from '../../common/bridge/result';
import type { HostStatus, Transport } from './transport';

export interface BridgeClient {
  call<C extends CallName>(channel: C, request: CallRequest<C>): Promise<Result<CallResponse<C>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  onStatus(listener: (status: HostStatus) => void): () => void;
}

export function createBridgeClient(transport: Transport): BridgeClient {
  return {
    async call(channel, request) {
      let result: Result<unknown>;
      try {
        result = await transport.call(channel, request);
      } catch (error) {
        return fail('unavailable', error instanceof Error ? error.message : String(error));
      }
      if (!result.ok) return result;
      const parsed = calls[channel].response.safeParse(result.value);
      return parsed.success
        ? ok(parsed.data as CallResponse<typeof channel>)
        : fail('internal', `${channel}: unexpected response from the host`);
    },
    on(name, listener) {
      return transport.subscribe((eventName, payload) => {
        if (!isEventName(eventName) || eventName !== name) return;
        const parsed = events[name].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof name>);
      });
    },
    onStatus: (listener) => transport.onStatus(listener),
  };
}
