// The per-device hash chain: how an event is sealed when written, and how a
// record is checked so that no event can be altered, dropped or reordered silently.
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalJson } from './canonical';
import { encodeHlc, tickHlc, type Hlc } from './hlc';
import { GENESIS_HASH, type EventBody, type EventDraft, type WarEvent } from './event';

/** Where a device's chain stands: the last seq, its hash and the device's clock. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
  readonly hlc: Hlc;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH, hlc: { ms: 0, counter: 0 } };

/** SHA-256 of the canonical event without its own hash. */
export function hashEvent(event: EventBody | WarEvent): string {
  const body: Record<string, unknown> = { ...event };
  delete body.hash;
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(body))));
}

export interface SealContext {
  readonly workspace: string;
  readonly deviceId: string;
  readonly nowMs: number;
  readonly newId: () => string;
}

/** Seals drafts into chained events after `head`; returns them and the new head. */
export function sealEvents(
  head: ChainHead,
  drafts: readonly EventDraft[],
  context: SealContext,
): { events: WarEvent[]; head: ChainHead } {
  const events: WarEvent[] = [];
  let current = head;
  for (const draft of drafts) {
    const hlc = tickHlc(current.hlc, context.nowMs);
    const id = context.newId();
    const body: EventBody = {
      id,
      workspace: context.workspace,
      deviceId: context.deviceId,
      seq: current.seq + 1,
      hlc: encodeHlc(hlc),
      // A declaration opens the incident it names: the incident's id is its own.
      incidentId: draft.type === 'incident.declared' ? id : draft.incidentId,
      type: draft.type,
      actor: draft.actor,
      payload: draft.payload,
      prevHash: current.hash,
    } as EventBody;
    const event = { ...body, hash: hashEvent(body) } as WarEvent;
    events.push(event);
    current = { seq: event.seq, hash: event.hash, hlc };
  }
  return { events, head: current };
}

export type ChainBreak =
  | { kind: 'gap'; deviceId: string; expectedSeq: number; foundSeq: number }
  | { kind: 'bad-hash'; deviceId: string; seq: number; eventId: string }
  | { kind: 'broken-link'; deviceId: string; seq: number; eventId: string };

/**
 * Checks every device's chain in `events` (any order). A record is intact when
 * each device's events run 1..n without gaps, each hash matches its body and each
 * event points at the hash of the one before.
 */
export function verifyChains(events: readonly WarEvent[]): ChainBreak[] {
  const byDevice = new Map<string, WarEvent[]>();
  for (const event of events) {
    const list = byDevice.get(event.deviceId) ?? [];
    list.push(event);
    byDevice.set(event.deviceId, list);
  }
  const breaks: ChainBreak[] = [];
  for (const [deviceId, list] of byDevice) {
    list.sort((a, b) => a.seq - b.seq);
    let previousHash = GENESIS_HASH;
    let expectedSeq = 1;
    for (const event of list) {
      if (event.seq !== expectedSeq) {
        breaks.push({ kind: 'gap', deviceId, expectedSeq, foundSeq: event.seq });
        break;
      }
      if (hashEvent(event) !== event.hash) {
        breaks.push({ kind: 'bad-hash', deviceId, seq: event.seq, eventId: event.id });
        break;
      }
      if (event.prevHash !== previousHash) {
        breaks.push({ kind: 'broken-link', deviceId, seq: event.seq, eventId: event.id });
        break;
      }
      previousHash = event.hash;
      expectedSeq += 1;
    }
  }
  return breaks;
}
