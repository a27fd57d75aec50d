// What a transport must do; the client on top of it cannot tell which one it has.
import type { CallName } from '../../common/bridge/contract';
import type { Result } from '../../common/bridge/result';

export type HostStatus = 'connecting' | 'online' | 'offline';

export interface Transport {
  call(channel: CallName, payload: unknown): Promise<Result<unknown>>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
  onStatus(listener: (status: HostStatus) => void): () => void;
  /** Stops for good: no reconnection after this. */
  close(): void;
}
