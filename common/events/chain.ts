// The per-device hash chain: how an event is sealed when written, and how a
// record is checked so that no event can be altered, dropped or reordered silently.
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalJson } from './canonical';
import type { SignHash } from './devices';
import { encodeHlc, tickHlc, type Hlc } from './hlc';
import { eventSchema, GENESIS_HASH, type EventBody, type EventDraft, type WarEvent } from './event';

/** Where a device's chain stands: the last seq, its hash, its signature and the device's clock. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
  readonly hlc: Hlc;
  /** The last event's signature (absent before signing): the next event carries it. */
  readonly sig?: string;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH, hlc: { ms: 0, counter: 0 } };

/** SHA-256 of the canonical event without its own hash and signature (the signature signs the hash). */
export function hashEvent(event: EventBody | WarEvent): string {
  const body: Record<string, unknown> = { ...event };
  delete body.hash;
  delete body.sig;
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(body))));
}

/** One draft sealed after `head`: the event, not signed yet, and the head after it. */
function sealOne(head: ChainHead, draft: EventDraft, context: SealContext): { event: WarEvent; head: ChainHead } {
  const sealed = sealEvents(head, [draft], context);
  return { event: sealed.events[0] as WarEvent, head: sealed.head };
}

/** A sealed step with its signature: on the event, and on the head, for the next event to carry. */
function withSignature(step: { event: WarEvent; head: ChainHead }, sig: string): { event: WarEvent; head: ChainHead } {
  return { event: { ...step.event, sig } as WarEvent, head: { ...step.head, sig } };
}

/**
 * Seals and signs drafts after `head`, one at a time: each event carries the
 * previous one's signature inside its hash, so the signature of a run's last
 * event vouches for every event and every signature before it.
 */
export async function sealSigned(
  head: ChainHead,
  drafts: readonly EventDraft[],
  context: SealContext,
  sign: SignHash,
): Promise<{ events: WarEvent[]; head: ChainHead }> {
  const events: WarEvent[] = [];
  let current = head;
  for (const draft of drafts) {
    const step = sealOne(current, draft, context);
    const next = withSignature(step, await sign(step.event.hash));
    events.push(next.event);
    current = next.head;
  }
  return { events, head: current };
}

/** `sealSigned` for a signer that answers at once (node:crypto, @noble/curves). */
export function sealSignedNow(
  head: ChainHead,
  drafts: readonly EventDraft[],
  context: SealContext,
  sign: (hash: string) => string,
): { events: WarEvent[]; head: ChainHead } {
  const events: WarEvent[] = [];
  let current = head;
  for (const draft of drafts) {
    const step = sealOne(current, draft, context);
    const next = withSignature(step, sign(step.event.hash));
    events.push(next.event);
    current = next.head;
  }
  return { events, head: current };
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
      ...(current.sig ? { prevSig: current.sig } : {}),
      wall: Math.min(Math.max(Math.trunc(context.nowMs), 0), 8.64e15),
    } as EventBody;
    const event = { ...body, hash: hashEvent(body) } as WarEvent;
    events.push(event);
    current = { seq: event.seq, hash: event.hash, hlc };
  }
  return { events, head: current };
}

/** What is wrong with a stored object that cannot take its place in a chain. */
export type MalformedProblem =
  /** null, a number, a string, an array: not an event at all. */
  | 'not-an-object'
  /** A field every event has (`field`) is absent. */
  | 'missing-field'
  /** A field every event has (`field`) holds something it never could. */
  | 'invalid-field'
  /** The object holds values no event can (a function, an infinite number…). */
  | 'unreadable'
  /** Sealed correctly, but its content is not an event this version knows (`field`: where). */
  | 'invalid-content';

export type ChainBreak =
  | {
      kind: 'malformed';
      /** Its position among the objects checked. */
      index: number;
      problem: MalformedProblem;
      field?: string;
      deviceId?: string;
      seq?: number;
      eventId?: string;
    }
  | { kind: 'gap'; deviceId: string; expectedSeq: number; foundSeq: number }
  | { kind: 'duplicate'; deviceId: string; seq: number; eventId?: string }
  /** The replica's own heads say it holds more of this device than is there: events were removed from the end. */
  | { kind: 'truncated'; deviceId: string; lastSeq: number; headSeq: number }
  | { kind: 'bad-hash'; deviceId: string; seq: number; eventId: string }
  | { kind: 'broken-link'; deviceId: string; seq: number; eventId: string };

export interface DeviceReport {
  readonly deviceId: string;
  /** Objects held for this device. */
  readonly events: number;
  /** The chain is verified from 1 up to this seq (0: not even the first). */
  readonly verifiedThrough: number;
}

export interface RecordReport {
  /** Objects checked, events or not. */
  readonly checked: number;
  readonly devices: readonly DeviceReport[];
  /** Every fault found; each device's check stops at its first. */
  readonly breaks: readonly ChainBreak[];
}

const HEX64 = /^[0-9a-f]{64}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeIssue(issue: { path: readonly PropertyKey[] } | undefined): string {
  return issue?.path.map(String).join('.') || '(event)';
}

interface Positioned {
  readonly index: number;
  readonly raw: Record<string, unknown>;
  readonly seq: number;
  readonly eventId: string | undefined;
}

/** The first thing wrong with one stored object in its chain position, or undefined. */
function checkOne(item: Positioned, deviceId: string, previousHash: string): ChainBreak | undefined {
  const { raw, seq, eventId, index } = item;
  const malformed = (problem: MalformedProblem, field?: string): ChainBreak => ({
    kind: 'malformed',
    index,
    problem,
    ...(field ? { field } : {}),
    deviceId,
    seq,
    ...(eventId ? { eventId } : {}),
  });
  for (const field of ['id', 'hash', 'prevHash'] as const) {
    if (raw[field] === undefined) return malformed('missing-field', field);
  }
  if (eventId === undefined) return malformed('invalid-field', 'id');
  if (typeof raw.hash !== 'string' || !HEX64.test(raw.hash)) return malformed('invalid-field', 'hash');
  if (typeof raw.prevHash !== 'string' || !HEX64.test(raw.prevHash)) return malformed('invalid-field', 'prevHash');
  let hash: string;
  try {
    hash = hashEvent(raw as WarEvent);
  } catch {
    return malformed('unreadable');
  }
  if (hash !== raw.hash) return { kind: 'bad-hash', deviceId, seq, eventId };
  if (raw.prevHash !== previousHash) return { kind: 'broken-link', deviceId, seq, eventId };
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) return malformed('invalid-content', describeIssue(parsed.error.issues[0]));
  return undefined;
}

/**
 * Checks every device's chain among `stored` objects (any order, anything at
 * all: a replica's raw rows). A record is intact when each device's events run
 * 1..n without gaps or repeats, each is a well-formed event, each hash matches its
 * body and each event points at the hash of the one before. Each device's check
 * stops at its first fault: what follows cannot be trusted to be in place.
 * `heads`, the last seq the replica noted for each device, catches what a chain
 * alone cannot: events removed from the end of one.
 */
export function verifyRecord(stored: readonly unknown[], heads: Readonly<Record<string, number>> = {}): RecordReport {
  const breaks: ChainBreak[] = [];
  const byDevice = new Map<string, Positioned[]>();
  stored.forEach((raw, index) => {
    if (!isRecord(raw)) {
      breaks.push({ kind: 'malformed', index, problem: 'not-an-object' });
      return;
    }
    const eventId = typeof raw.id === 'string' && raw.id.length > 0 ? raw.id : undefined;
    const id = eventId ? { eventId } : {};
    for (const field of ['deviceId', 'seq'] as const) {
      if (raw[field] === undefined) {
        breaks.push({ kind: 'malformed', index, problem: 'missing-field', field, ...id });
        return;
      }
    }
    const { deviceId, seq } = raw;
    if (typeof deviceId !== 'string' || deviceId.length === 0) {
      breaks.push({ kind: 'malformed', index, problem: 'invalid-field', field: 'deviceId', ...id });
      return;
    }
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) {
      breaks.push({ kind: 'malformed', index, problem: 'invalid-field', field: 'seq', deviceId, ...id });
      return;
    }
    const list = byDevice.get(deviceId) ?? [];
    list.push({ index, raw, seq, eventId });
    byDevice.set(deviceId, list);
  });

  const devices: DeviceReport[] = [];
  for (const [deviceId, list] of [...byDevice].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    list.sort((a, b) => a.seq - b.seq || a.index - b.index);
    let previousHash = GENESIS_HASH;
    let verifiedThrough = 0;
    for (const item of list) {
      const expectedSeq = verifiedThrough + 1;
      if (item.seq < expectedSeq) {
        breaks.push({ kind: 'duplicate', deviceId, seq: item.seq, ...(item.eventId ? { eventId: item.eventId } : {}) });
        break;
      }
      if (item.seq > expectedSeq) {
        breaks.push({ kind: 'gap', deviceId, expectedSeq, foundSeq: item.seq });
        break;
      }
      const fault = checkOne(item, deviceId, previousHash);
      if (fault) {
        breaks.push(fault);
        break;
      }
      previousHash = item.raw.hash as string;
      verifiedThrough = item.seq;
    }
    const lastSeq = list.at(-1)?.seq ?? 0;
    const headSeq = heads[deviceId] ?? 0;
    if (verifiedThrough === lastSeq && headSeq > lastSeq)
      breaks.push({ kind: 'truncated', deviceId, lastSeq, headSeq });
    devices.push({ deviceId, events: list.length, verifiedThrough });
  }
  for (const [deviceId, headSeq] of Object.entries(heads).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (byDevice.has(deviceId) || headSeq < 1) continue;
    breaks.push({ kind: 'truncated', deviceId, lastSeq: 0, headSeq });
    devices.push({ deviceId, events: 0, verifiedThrough: 0 });
  }
  return { checked: stored.length, devices, breaks };
}

/** The faults of `verifyRecord`, for callers that only need to know the record is intact. */
export function verifyChains(stored: readonly unknown[]): ChainBreak[] {
  return [...verifyRecord(stored).breaks];
}
