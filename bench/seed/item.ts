// One event to be written: when, on which device's chain, and what. Streams
// of items (the team, the documents, each incident, the monitors, the
// exercises) are merged in time order and sealed one by one; a draft given as
// a function is made only then, so it can read what was written before it
// (a chain's head for a revocation, a run's hash for an approval).
import type { EventDraft } from '../../common/events/event';
import type { Chain } from './team';

export interface Item {
  /** The writer's wall clock (ms); the merge keeps every event strictly after the one before. */
  readonly at: number;
  readonly chain: Chain;
  readonly draft: EventDraft | (() => EventDraft);
  /** The event's id when something refers to it (an incident is its declaration's id). */
  readonly id?: string;
  /** Keep the sealed event's hash: an approval names the run start it covers by its hash. */
  readonly isRemembered?: boolean;
}

/** Items in nondecreasing `at`. */
export type Stream = Iterator<Item, void>;

/** Hashes of the events kept by `isRemembered`, by event id. */
export type Hashes = ReadonlyMap<string, string>;

/** A fixed list of items as a stream, in time order. */
export function listStream(items: readonly Item[]): Stream {
  return [...items].sort((a, b) => a.at - b.at)[Symbol.iterator]();
}
