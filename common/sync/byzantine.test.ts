// The convergence property with an adversary among the replicas. Honest
// replicas check identities as the stores do (signatures against enrolled keys,
// persons, the 5-minute clock bound, revocations) over the same faulty network
// as convergence.test.ts. Beside them, either a Byzantine replica holding a real
// enrolled key of its own, which relays honestly at times and at random sends
// forged, replayed, future-clocked and wrongly signed events, or an honest
// replica whose wall clock says 2030. The honest replicas must end with
// identical events and state, hold nothing the adversary forged or wrote out of
// bounds, refuse every forged batch whole, and still be able to write.
//
// Replay one schedule: SYNC_SEED=12 npx vitest run common/sync/byzantine.test.ts
import { ed25519 } from '@noble/curves/ed25519';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import { seededRandom, shuffle } from '../../test/support/random';
import { foldEvents } from '../domain/incidents';
import { canonicalJson } from '../events/canonical';
import { EMPTY_HEAD, hashEvent, sealEvents, verifyChains, type ChainHead } from '../events/chain';
import type { VerifySignature } from '../events/devices';
import type { DeviceKind, EventDraft, PersonRef, WarEvent } from '../events/event';
import { decodeHlc, MAX_CLOCK_AHEAD_MS } from '../events/hlc';
import { answerExchange, syncWith, type ExchangeFn } from './exchange';
import { MemoryEventLog } from './memory-log';
import { SyncRefusedError, type ExchangeRequest, type SyncErrorCode } from './protocol';
import type { VersionVector } from './vector';

const WORKSPACE = 'ws';
const HONEST = 4;
const SCHEDULES = Number(process.env.SYNC_SCHEDULES ?? 200);
const MINUTE = 60_000;
const YEAR = 365 * 24 * 60 * MINUTE;
/** Honest clocks differ by at most 4 minutes: within the bound, none refuses another's events. */
const MAX_SKEW = 2 * MINUTE;
const START = 1_700_000_000_000;
const IN_2030 = Date.UTC(2030, 0, 1);

/** What the Byzantine replica sends, and the refusal each kind is aimed at (when the receiver's chains line up). */
const ATTACKS = {
  /** An event under an honest device's id, after its real head, signed with the Byzantine key. */
  impersonation: 'wrong-device-key',
  /** An honest event with its payload altered and its hash left as it was. */
  'altered-unhashed': 'bad-hash',
  /** An honest event with its payload altered, hashed again, with its own or the Byzantine signature. */
  'altered-resigned': 'wrong-device-key',
  /** An honest event intact but for its signature, followed by its successor when the Byzantine holds it. */
  'swapped-signature': 'broken-chain',
  /** The Byzantine device's own next event, clocked beyond the receiver's bound. */
  'future-clock': 'clock-ahead',
  /** The Byzantine device's own next event, written as an honest person. */
  'another-person': 'wrong-actor',
  /** Events of a device that never enrolled, signed or not. */
  'never-enrolled': 'not-enrolled',
  /** The Byzantine device's own next event, revoking an honest device. */
  revocation: 'not-allowed',
  /** A forged batch sent earlier, sent again to anyone. */
  'forgery-resent': undefined,
} as const satisfies Record<string, SyncErrorCode | undefined>;
type Attack = keyof typeof ATTACKS;

/** Refusal codes seen per attack over every schedule run: each attack must reach the check it aims at. */
const refusals = new Map<Attack, Set<SyncErrorCode>>();
/** Refusals of the 2030 replica's events over every schedule run. */
const clockRefusals = { count: 0 };

class Dropped extends Error {}

interface Key {
  readonly publicKey: string;
  sign(hash: string): string;
}

/**
 * What noble's verification (strict as Node's: no ZIP-215 leniency) answered or
 * would answer, by (key, hash, signature). Pure-JS verification is slow, and
 * replicas check the same signatures again and again; a signature is also known
 * valid, without checking, for the exact triple its key has just produced.
 */
const verified = new Map<string, boolean>();
const triple = (publicKey: string, hash: string, signature: string) => `${publicKey}:${hash}:${signature}`;

const verify: VerifySignature = (publicKey, hash, signature) => {
  const key = triple(publicKey, hash, signature);
  let valid = verified.get(key);
  if (valid === undefined) {
    try {
      valid = ed25519.verify(hexToBytes(signature), hexToBytes(hash), hexToBytes(publicKey), { zip215: false });
    } catch {
      valid = false;
    }
    verified.set(key, valid);
  }
  return valid;
};

/** An Ed25519 key drawn from a seeded PRNG, so a seed replays the same signatures. */
function seededKey(random: () => number): Key {
  const secret = Uint8Array.from({ length: 32 }, () => Math.floor(random() * 256));
  const publicKey = bytesToHex(ed25519.getPublicKey(secret));
  return {
    publicKey,
    sign: (hash) => {
      const signature = bytesToHex(ed25519.sign(hexToBytes(hash), secret));
      verified.set(triple(publicKey, hash, signature), true);
      return signature;
    },
  };
}

/** Replica n's key, the same in every schedule (making keys is slow too). */
const replicaKeys = Array.from({ length: HONEST + 1 }, (_, index) => seededKey(seededRandom(1_000 + index)));

interface Replica {
  readonly index: number;
  readonly log: MemoryEventLog;
  readonly key: Key;
  readonly person: PersonRef;
  readonly clock: () => number;
  readonly honest: boolean;
  /** Volatile: what this replica last heard of each peer's vector; lost on restart. */
  known: Map<number, VersionVector>;
}

type Adversary = 'byzantine' | 'clock-2030';

/** The head a chain stands at after `last` (the genesis before any event). */
function headAfter(last: WarEvent | undefined): ChainHead {
  if (!last) return EMPTY_HEAD;
  return { seq: last.seq, hash: last.hash, hlc: decodeHlc(last.hlc), ...(last.sig ? { sig: last.sig } : {}) };
}

/** One event sealed after `last` under `deviceId` (whoever holds that chain can), signed by `key` or unsigned. */
function sealAfter(
  deviceId: string,
  last: WarEvent | undefined,
  draft: EventDraft,
  nowMs: number,
  key: Key | undefined,
  newId: () => string,
): WarEvent {
  const [event] = sealEvents(headAfter(last), [draft], { workspace: WORKSPACE, deviceId, nowMs, newId }).events;
  if (!event) throw new Error('nothing sealed');
  return key ? ({ ...event, sig: key.sign(event.hash) } as WarEvent) : event;
}

async function runSchedule(seed: number, adversary: Adversary) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let ids = 0;
  const newId = () => `s${seed}-e${(ids += 1)}`;
  let now = START;
  verified.clear();

  const replicas: Replica[] = Array.from({ length: HONEST + 1 }, (_, index) => {
    const honest = index < HONEST;
    const key = replicaKeys[index]!;
    const person = honest ? { id: `p${index}`, name: `Person ${index}` } : { id: 'pm', name: 'Mallory' };
    const skewMs = Math.round((random() * 2 - 1) * MAX_SKEW);
    const clock = !honest && adversary === 'clock-2030' ? () => IN_2030 + (now - START) : () => now + skewMs;
    const log = new MemoryEventLog(WORKSPACE, `device-${index}`, newId, {
      identity: { signer: key, person, verify, now: clock },
    });
    return { index, log, key, person, clock, honest, known: new Map() };
  });
  const honest = replicas.filter((replica) => replica.honest);
  const adversaryReplica = replicas[HONEST]!;
  const written: WarEvent[] = [];
  /** Every event the Byzantine replica forged, as canonical JSON: no honest replica may hold one. */
  const forged = new Set<string>();
  const forgedBatches: WarEvent[][] = [];
  const delayed: { from: number; to: number; request: ExchangeRequest }[] = [];
  let partition = new Set<number>();
  const canTalk = (a: number, b: number) => partition.has(a) === partition.has(b);
  const fail = (message: string): never => {
    throw new Error(`replay with SYNC_SEED=${seed}: ${message}`);
  };

  const draftFor = (replica: Replica): EventDraft => {
    const incidents = [...foldEvents(replica.log.all()).incidents.keys()];
    const actor = replica.person.name;
    const change = random();
    if (incidents.length === 0 || change < 0.2)
      return {
        type: 'incident.declared',
        actor,
        payload: { title: `t${ids}`, severity: pick(['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const), kind: 'security' },
      };
    const incidentId = pick(incidents);
    if (change < 0.35)
      return {
        type: 'incident.status-changed',
        incidentId,
        actor,
        payload: { status: pick(['investigating', 'identified', 'monitoring', 'resolved'] as const) },
      };
    if (change < 0.5)
      return {
        type: 'incident.severity-changed',
        incidentId,
        actor,
        payload: { severity: pick(['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const) },
      };
    if (change < 0.65)
      return {
        type: 'incident.role-assigned',
        incidentId,
        actor,
        payload: { role: pick(['commander', 'scribe'] as const), person: { name: pick(['Ana', 'Bo']) } },
      };
    if (change < 0.75)
      return {
        type: 'doc.put',
        actor,
        payload: { collection: 'person', docId: pick(['p1', 'p2']), body: { name: `n${ids}` } },
      };
    return { type: 'incident.note-added', incidentId, actor, payload: { text: `n${ids}` } };
  };

  const write = (replica: Replica) => {
    const drafts = Array.from({ length: 1 + Math.floor(random() * 2) }, () => draftFor(replica));
    const events = replica.log.write(drafts, replica.clock());
    if (replica.honest) written.push(...events);
  };

  // A refusal between two honest replicas (or the Byzantine one relaying what it
  // holds) means a forged event got in somewhere: it fails the schedule at once.
  const expectsRefusal = (a: Replica, b: Replica) => adversary === 'clock-2030' && (!a.honest || !b.honest);
  const refusedBetween = (a: Replica, b: Replica, code: SyncErrorCode, message: string) => {
    if (!expectsRefusal(a, b)) fail(`${a.log.deviceId} ⇄ ${b.log.deviceId} refused: ${code}: ${message}`);
    if (code !== 'clock-ahead') fail(`the 2030 replica's events refused as ${code}, not clock-ahead: ${message}`);
    clockRefusals.count += 1;
  };

  const link =
    (from: Replica, to: Replica, faulty: boolean): ExchangeFn =>
    async (request) => {
      const roll = faulty ? random() : 1;
      if (roll < 0.1) throw new Dropped('request lost');
      if (roll < 0.15) {
        delayed.push({ from: from.index, to: to.index, request });
        throw new Dropped('request delayed');
      }
      const response = await answerExchange(to.log, request, 1 + Math.floor(random() * 6));
      if (roll < 0.22) await answerExchange(to.log, request); // duplicated on the wire
      if (roll < 0.3) throw new Dropped('response lost');
      return response;
    };

  const sync = async (a: Replica, b: Replica, faulty: boolean) => {
    try {
      const outcome = await syncWith(a.log, link(a, b, faulty), {
        knownPeerVector: a.known.get(b.index),
        batchSize: 1 + Math.floor(random() * 6),
      });
      a.known.set(b.index, outcome.peerVector);
    } catch (error) {
      if (error instanceof SyncRefusedError) refusedBetween(a, b, error.error.code, error.error.message);
      else if (!(error instanceof Dropped)) throw error;
    }
  };

  // --- The Byzantine replica's forgeries, built from what it holds. -----------
  const byzantine = adversaryReplica;
  const heldOf = (deviceId: string) => byzantine.log.all().filter((event) => event.deviceId === deviceId);
  const honestIds = honest.map((replica) => replica.log.deviceId);
  const personOf = (deviceId: string) => honest.find((replica) => replica.log.deviceId === deviceId)!.person;

  const forgeAfter = (
    deviceId: string,
    last: WarEvent | undefined,
    draft: EventDraft,
    nowMs: number,
    key: Key | undefined,
  ) => sealAfter(deviceId, last, draft, nowMs, key, newId);
  const note = (actor: string): EventDraft => ({
    type: 'incident.note-added',
    incidentId: 'forged-incident',
    actor,
    payload: { text: `forged ${ids}` },
  });

  /** The receiver's vector, learnt as any peer learns it; the Byzantine replica keeps what it is sent. */
  const probe = async (receiver: Replica): Promise<VersionVector> => {
    const response = await answerExchange(receiver.log, {
      workspace: WORKSPACE,
      vector: await byzantine.log.vector(),
      events: [],
    });
    if (!response.ok) return fail(`an empty request was refused: ${response.error.message}`);
    const applied = await byzantine.log.apply(response.answer.events);
    if (!applied.ok) fail(`the Byzantine replica could not take honest events: ${applied.error.message}`);
    return response.answer.vector;
  };

  /** Events of `deviceId` the Byzantine replica holds after `seq`: what lines a forgery up with the receiver's chain. */
  const beyond = (deviceId: string, seq: number) => heldOf(deviceId).filter((event) => event.seq > seq);

  /** A different payload of the same type, for the types honest replicas write. */
  const altered = (event: WarEvent): WarEvent | undefined => {
    switch (event.type) {
      case 'incident.declared':
        return { ...event, payload: { ...event.payload, title: `${event.payload.title} (forged)` } };
      case 'incident.note-added':
        return { ...event, payload: { ...event.payload, text: `${event.payload.text} (forged)` } };
      case 'incident.status-changed':
        return { ...event, payload: { status: event.payload.status === 'closed' ? 'resolved' : 'closed' } };
      case 'incident.severity-changed':
        return { ...event, payload: { severity: event.payload.severity === 'SEV1' ? 'SEV4' : 'SEV1' } };
      case 'device.enrolled':
        return { ...event, payload: { ...event.payload, person: { id: 'pm', name: 'Mallory' } } };
      default:
        return undefined;
    }
  };

  /** Builds one forged batch (the forged events last, after what lines them up), or nothing when it cannot. */
  const forge = async (attack: Attack, receiver: Replica): Promise<WarEvent[] | undefined> => {
    const vector = await probe(receiver);
    const ownId = byzantine.log.deviceId;
    const ownHeld = heldOf(ownId);
    const ownPrefix = beyond(ownId, vector[ownId] ?? 0);
    const ownNext = (draft: EventDraft, nowMs = byzantine.clock()) =>
      forgeAfter(ownId, ownHeld.at(-1), draft, nowMs, byzantine.key);
    switch (attack) {
      case 'impersonation': {
        const victim = pick(honestIds.filter((id) => heldOf(id).length > 0));
        if (!victim) return undefined;
        const forgery = forgeAfter(
          victim,
          heldOf(victim).at(-1),
          note(personOf(victim).name),
          byzantine.clock(),
          byzantine.key,
        );
        return [...beyond(victim, vector[victim] ?? 0), forgery];
      }
      case 'altered-unhashed':
      case 'altered-resigned':
      case 'swapped-signature': {
        // An honest event the receiver lacks, so its chain reaches the checks aimed at.
        const lacking = honestIds.flatMap((id) => beyond(id, vector[id] ?? 0));
        const candidates = attack === 'swapped-signature' ? lacking : lacking.filter((event) => altered(event));
        // Mostly one whose successor it holds: then the forged event need not be its run's last.
        const followed = candidates.filter((event) => beyond(event.deviceId, event.seq).length > 0);
        const original = pick(followed.length > 0 && random() < 0.7 ? followed : candidates);
        if (!original) return undefined;
        const prefix = beyond(original.deviceId, vector[original.deviceId] ?? 0).filter(
          (event) => event.seq < original.seq,
        );
        let forgery: WarEvent;
        if (attack === 'altered-unhashed') forgery = altered(original)!;
        else if (attack === 'altered-resigned') {
          const body = altered(original)!;
          const rehashed = { ...body, hash: hashEvent(body) } as WarEvent;
          // Its old signature, or the Byzantine one. A re-signed enrolment would enrol the
          // Byzantine key under the victim's id: see "device ids are not bound to keys" below.
          const resign = original.type !== 'device.enrolled' && random() < 0.5;
          forgery = resign ? ({ ...rehashed, sig: byzantine.key.sign(rehashed.hash) } as WarEvent) : rehashed;
        } else {
          // A valid signature of this very hash by the wrong key, or another event's genuine signature.
          const other = pick(byzantine.log.all()).sig;
          const sig = random() < 0.5 && other && other !== original.sig ? other : byzantine.key.sign(original.hash);
          forgery = { ...original, sig } as WarEvent;
        }
        // Followed by its successor, when held: then the run's last signature is a genuine one.
        const next = heldOf(original.deviceId).find((event) => event.seq === original.seq + 1);
        return [...prefix, forgery, ...(next && random() < 0.8 ? [next] : [])];
      }
      case 'future-clock': {
        // Just past the bound (by 1 ms to 1 s), or up to ten years past it.
        const ahead = MAX_CLOCK_AHEAD_MS + 1 + Math.floor(random() * (random() < 0.5 ? 1_000 : 10 * YEAR));
        return [...ownPrefix, ownNext(note(byzantine.person.name), receiver.clock() + ahead)];
      }
      case 'another-person':
        return [...ownPrefix, ownNext(note(pick(honest).person.name))];
      case 'never-enrolled': {
        const ghost = `ghost-${ids}`;
        const key = random() < 0.5 ? seededKey(random) : undefined;
        const first = forgeAfter(ghost, undefined, note('Ghost'), byzantine.clock(), key);
        const second = forgeAfter(ghost, first, note('Ghost'), byzantine.clock(), key);
        return random() < 0.5 ? [first] : [first, second];
      }
      case 'revocation': {
        const target = pick(honestIds);
        const afterSeq = Math.floor(random() * ((vector[target] ?? 0) + 1));
        return [
          ...ownPrefix,
          ownNext({ type: 'device.revoked', actor: byzantine.person.name, payload: { deviceId: target, afterSeq } }),
        ];
      }
      case 'forgery-resent':
        return forgedBatches.length > 0 ? pick(forgedBatches) : undefined;
    }
  };

  /** Sends a batch to `receiver`, pushed or served in answer to its own sync; returns the refusal, or undefined. */
  const deliver = async (receiver: Replica, batch: readonly WarEvent[]): Promise<SyncErrorCode | undefined> => {
    if (random() < 0.5) {
      const response = await answerExchange(receiver.log, {
        workspace: WORKSPACE,
        vector: await byzantine.log.vector(),
        events: [...batch],
      });
      return response.ok ? undefined : response.error.code;
    }
    const served: ExchangeFn = async (request) => {
      const response = await answerExchange(byzantine.log, request);
      if (!response.ok) return fail(`the Byzantine replica refused honest events: ${response.error.message}`);
      return { ok: true, answer: { ...response.answer, events: [...batch], hasMore: true } };
    };
    try {
      await syncWith(receiver.log, served, { maxRoundTrips: 1 });
      return undefined;
    } catch (error) {
      if (error instanceof SyncRefusedError) return error.error.code;
      if (error instanceof Error && error.message.startsWith('sync did not settle')) return undefined;
      throw error;
    }
  };

  const attack = async () => {
    const receiver = pick(honest);
    const kind = pick(Object.keys(ATTACKS) as Attack[]);
    const forgedEvents = await forge(kind, receiver);
    if (!forgedEvents) return;
    const isNew = kind !== 'forgery-resent';
    if (isNew) {
      // The forged events are the batch's last; what precedes them is held honestly.
      for (const event of forgedEvents) {
        const json = canonicalJson(event);
        if (!byzantine.log.all().some((held) => canonicalJson(held) === json)) forged.add(json);
      }
    }
    // Mixed at times with honest events it holds, shuffled: the whole batch is still refused.
    const extra = random() < 0.3 ? shuffle(byzantine.log.all(), random).slice(0, 3) : [];
    const batch = shuffle([...forgedEvents, ...extra], random);
    const before = receiver.log.all().length;
    const code = await deliver(receiver, batch);
    if (code === undefined) {
      // Only a resent forgery may pass: a swapped signature on an event the receiver
      // has since taken from its writer is a repeat of it (same hash), and skipped.
      if (kind !== 'forgery-resent') return fail(`${kind} forgery accepted by ${receiver.log.deviceId}`);
      const stored = receiver.log.all().filter((event) => forged.has(canonicalJson(event)));
      if (stored.length > 0) fail(`a resent forgery was stored by ${receiver.log.deviceId}: ${stored[0]!.id}`);
      return;
    }
    if (receiver.log.all().length !== before) fail(`${kind}: a refused batch stored something`);
    const codes = refusals.get(kind) ?? new Set();
    codes.add(code);
    refusals.set(kind, codes);
    // Not a clock beyond the bound: once the clocks catch up, it is the Byzantine
    // device's own valid event, another branch of its chain (see the equivocation test).
    if (isNew && kind !== 'future-clock') forgedBatches.push(forgedEvents);
  };

  /** Honest events it holds, duplicated and reordered, to anyone: taken or refused, never harmful. */
  const replay = async () => {
    const held = byzantine.log.all();
    if (held.length === 0) return;
    const slice = shuffle(held, random).slice(0, 1 + Math.floor(random() * 6));
    await deliver(pick(honest), shuffle([...slice, ...slice.slice(0, Math.floor(random() * 3))], random));
  };

  return (async () => {
    // The Byzantine replica is an enrolled member: its chain opens before it attacks.
    if (adversary === 'byzantine') write(byzantine);
    const steps = 8 + Math.floor(random() * 10);
    for (let step = 0; step < steps; step += 1) {
      now += Math.floor(random() * 5_000);
      const roll = random();
      const a = pick(replicas);
      const b = pick(replicas.filter((replica) => replica !== a));
      if (roll < 0.35) write(a);
      else if (roll < 0.65) {
        if (canTalk(a.index, b.index)) await sync(a, b, true);
      } else if (roll < 0.7) {
        partition = new Set(replicas.map((replica) => replica.index).filter(() => random() < 0.5));
      } else if (roll < 0.74) {
        a.known = new Map(); // restart: volatile state is gone, the log is not
      } else if (roll < 0.78 && delayed.length > 0) {
        // A stale message arrives late; its answer goes nowhere.
        const late = delayed.splice(Math.floor(random() * delayed.length), 1)[0]!;
        const response = await answerExchange(replicas[late.to]!.log, late.request);
        if (!response.ok) refusedBetween(replicas[late.from]!, replicas[late.to]!, response.error.code, 'late');
      } else if (adversary === 'byzantine') {
        if (roll < 0.92) for (let n = 1 + Math.floor(random() * 3); n > 0; n -= 1) await attack();
        else await replay();
      } else write(adversaryReplica);
    }
    // The network heals: the honest replicas sync through replica 0, twice round.
    partition = new Set();
    const heal = async () => {
      for (let round = 0; round < 2; round += 1)
        for (const replica of honest.slice(1)) await sync(replica, honest[0]!, false);
    };
    await heal();
    // Every honest replica can still write, and its event reaches everyone.
    const last = honest.map((replica) => replica.log.write([draftFor(replica)], replica.clock()));
    written.push(...last.flat());
    await heal();
    return { honest, adversaryReplica, written, forged };
  })();
}

async function check(seed: number, adversary: Adversary) {
  let outcome: Awaited<ReturnType<typeof runSchedule>>;
  try {
    outcome = await runSchedule(seed, adversary);
  } catch (error) {
    throw new Error(`schedule failed, replay with SYNC_SEED=${seed}: ${String(error)}`, { cause: error });
  }
  const { honest, adversaryReplica, written, forged } = outcome;
  const reference = honest[0]!.log;
  const expectedVector = await reference.vector();
  const expectedState = foldEvents(reference.all());
  for (const replica of honest) {
    const message = `replay with SYNC_SEED=${seed} (${replica.log.deviceId})`;
    expect(await replica.log.vector(), message).toEqual(expectedVector);
    expect(foldEvents(replica.log.all()), message).toEqual(expectedState);
    expect(replica.log.devices(), message).toEqual(reference.devices());
    expect(
      replica.log.all().filter((event) => forged.has(canonicalJson(event))),
      `${message}: holds a forged event`,
    ).toEqual([]);
  }
  const message = `replay with SYNC_SEED=${seed}`;
  const held = new Set(reference.all().map((event) => event.id));
  expect(
    written.filter((event) => !held.has(event.id)),
    `${message}: honest events lost`,
  ).toEqual([]);
  expect(verifyChains(reference.all()), message).toEqual([]);
  // Every chain held is signed through: each event carries the signature before
  // it, and the last is made by the key its device enrolled.
  const records = new Map(reference.devices().map((record) => [record.deviceId, record]));
  for (const deviceId of Object.keys(expectedVector)) {
    const chain = reference.all().filter((event) => event.deviceId === deviceId);
    const record = records.get(deviceId);
    const last = chain.at(-1)!;
    expect(record && last.sig && verify(record.publicKey, last.hash, last.sig), `${message}: ${deviceId}`).toBe(true);
    chain.forEach((event, index) => expect(event.prevSig, `${message}: ${deviceId}`).toBe(chain[index - 1]?.sig));
  }
  expect(
    reference.devices().filter((device) => device.revokedAfter !== undefined),
    `${message}: a device revoked`,
  ).toEqual([]);
  if (adversary === 'clock-2030') {
    const adversaryId = adversaryReplica.log.deviceId;
    expect(expectedVector[adversaryId], `${message}: the 2030 replica's events were taken`).toBeUndefined();
  }
}

const seeds = (count: number) => {
  const only = process.env.SYNC_SEED ? [Number(process.env.SYNC_SEED)] : null;
  return only ?? Array.from({ length: count }, (_, i) => i + 1);
};

describe('sync convergence with an adversary (property)', () => {
  it(`a Byzantine replica's forgeries are refused everywhere on ${SCHEDULES} seeded schedules`, async () => {
    refusals.clear();
    for (const seed of seeds(SCHEDULES)) await check(seed, 'byzantine');
    if (process.env.SYNC_SEED) return;
    // Each attack reached, at least once, the check it is aimed at.
    for (const [attack, code] of Object.entries(ATTACKS) as [Attack, SyncErrorCode | undefined][]) {
      expect(refusals.get(attack)?.size ?? 0, `${attack} was never refused`).toBeGreaterThan(0);
      if (code) expect([...(refusals.get(attack) ?? [])], attack).toContain(code);
    }
  }, 120_000);

  const clockSchedules = Math.ceil(SCHEDULES / 2);
  it(`a replica whose clock says 2030 is refused, and the others converge, on ${clockSchedules} seeded schedules`, async () => {
    clockRefusals.count = 0;
    for (const seed of seeds(clockSchedules)) await check(seed, 'clock-2030');
    if (!process.env.SYNC_SEED)
      expect(clockRefusals.count, 'the 2030 replica never got its events refused').toBeGreaterThan(0);
  }, 120_000);
});

// Found while writing the property above, each fixed and kept as a test: device ids
// are made from keys; a revocation racing a revoked device's next event no longer
// cuts a replica off; an enrolled device that signs two events at one place is
// revoked, with the proof, by the first replica holding both (common/events/fork.ts).
describe('what an enrolled adversary could split', () => {
  const at = START;
  let ids = 0;
  const member = (deviceId: string, key: Key, name: string, kind: DeviceKind = 'host') =>
    new MemoryEventLog(WORKSPACE, deviceId, () => `gap-${(ids += 1)}`, {
      identity: { signer: key, person: { name }, verify, now: () => at, kind },
    });
  const direct =
    (peer: MemoryEventLog): ExchangeFn =>
    (request) =>
      answerExchange(peer, request);
  const declare = (title: string): EventDraft[] => [
    { type: 'incident.declared', actor: '', payload: { title, severity: 'SEV2', kind: 'security' } },
  ];
  const settle = async (a: MemoryEventLog, b: MemoryEventLog) => {
    await syncWith(a, direct(b));
    expect(await a.vector()).toEqual(await b.vector());
    const [sa, sb] = [foldEvents(a.all()), foldEvents(b.all())];
    for (const key of Object.keys(sa) as (keyof typeof sa)[]) expect(sa[key], String(key)).toEqual(sb[key]);
  };
  const [aliceKey, bobKey, , , malloryKey] = replicaKeys as [Key, Key, Key, Key, Key];
  /** Alice and Bob, each holding Mallory's enrolment and first incident. */
  const malloryKnownToBoth = async () => {
    const alice = member('alice', aliceKey, 'Alice');
    const bob = member('bob', bobKey, 'Bob');
    const mallory = member('mallory', malloryKey, 'Mallory');
    mallory.write(declare('m'), at);
    await syncWith(alice, direct(mallory));
    await syncWith(bob, direct(mallory));
    return { alice, bob, mallory };
  };

  it('device ids are bound to keys: a member cannot enrol its own key under an honest id a replica has not met', async () => {
    const alice = member('alice', aliceKey, 'Alice');
    const bob = member('bob', bobKey, 'Bob');
    alice.write(declare('a'), at);
    // Mallory has seen Alice's id (at the hub, in the other workspace, in a backup)
    // and reaches Bob first: an enrolment under that id, signed by the key it enrols.
    const squat = sealAfter(
      alice.deviceId,
      undefined,
      {
        type: 'device.enrolled',
        actor: 'Alice',
        payload: { publicKey: malloryKey.publicKey, person: { name: 'Alice' }, kind: 'host' },
      },
      at,
      malloryKey,
      () => 'squat',
    );
    // An id is made from its key: Bob refuses the squat, and later takes Alice's own chain.
    expect(await bob.apply([squat])).toMatchObject({ ok: false, error: { code: 'wrong-device-key' } });
    await settle(bob, alice);
  });

  it('an enrolled device that signs two events at one seq is revoked from the fork on by the first replica to hold both', async () => {
    const { alice, bob, mallory } = await malloryKnownToBoth();
    const head = mallory.all().at(-1);
    const branch = (title: string) =>
      sealAfter(
        mallory.deviceId,
        head,
        { type: 'incident.declared', actor: 'Mallory', payload: { title, severity: 'SEV1', kind: 'security' } },
        at + 1,
        malloryKey,
        () => `branch-${title}`,
      );
    const x = branch('x');
    expect(await alice.apply([x])).toMatchObject({ ok: true, stored: 1 });
    expect(await bob.apply([branch('y')])).toMatchObject({ ok: true, stored: 1 });
    alice.write(declare('a'), at + 2);
    bob.write(declare('b'), at + 2);
    // Bob is offered Alice's branch: both events signed by Mallory's key are the proof.
    // Bob revokes Mallory after #2 with it, Alice checks the proof herself, and both
    // drop both branches.
    await settle(alice, bob);
    const revocations = bob.all().filter((event) => event.type === 'device.revoked');
    expect(revocations).toHaveLength(1);
    expect(revocations[0]).toMatchObject({
      deviceId: bob.deviceId,
      payload: { deviceId: mallory.deviceId, afterSeq: 2 },
    });
    expect(alice.devices().find((device) => device.deviceId === mallory.deviceId)).toMatchObject({
      revokedAfter: 2,
      revokedBy: bob.deviceId,
    });
    const titles = [...foldEvents(alice.all()).incidents.values()].map((incident) => incident.title).sort();
    expect(titles).toEqual(['a', 'b', 'm']);
    // Mallory's next event, on either branch, is refused everywhere.
    const next = sealAfter(
      mallory.deviceId,
      x,
      { type: 'incident.declared', actor: 'Mallory', payload: { title: 'z', severity: 'SEV1', kind: 'security' } },
      at + 3,
      malloryKey,
      () => 'after-fork',
    );
    for (const replica of [alice, bob])
      expect(await replica.apply([next])).toMatchObject({ ok: false, error: { code: 'device-revoked' } });
  });

  it('a fork shown one branch after the other (the next event of the other branch) is proven too', async () => {
    const { alice, bob, mallory } = await malloryKnownToBoth();
    const head = mallory.all().at(-1);
    const seal = (last: WarEvent | undefined, title: string, ms: number) =>
      sealAfter(
        mallory.deviceId,
        last,
        { type: 'incident.declared', actor: 'Mallory', payload: { title, severity: 'SEV1', kind: 'security' } },
        ms,
        malloryKey,
        () => `fork-${title}`,
      );
    const x3 = seal(head, 'x', at + 1);
    const x4 = seal(x3, 'x2', at + 2);
    expect(await alice.apply([x3, x4])).toMatchObject({ ok: true, stored: 2 });
    expect(await bob.apply([seal(head, 'y', at + 1)])).toMatchObject({ ok: true, stored: 1 });
    // Bob is offered only x #4 (as if his peer thought he held #3 already): it follows
    // an event he does not hold, signed by Mallory: the proof is y #3 and x #4.
    expect(await bob.apply([x4])).toMatchObject({ ok: true, stored: 0 });
    expect(bob.devices().find((device) => device.deviceId === mallory.deviceId)).toMatchObject({ revokedAfter: 2 });
    await settle(alice, bob);
  });

  it('a proof that does not hold is refused, and nothing of its batch is stored', async () => {
    const { alice, bob, mallory } = await malloryKnownToBoth();
    const [, second] = mallory.all() as [WarEvent, WarEvent];
    bob.write(declare('b'), at);
    // Bob claims Mallory forked, with two copies of one event: no contradiction.
    const forged = sealAfter(
      bob.deviceId,
      bob
        .all()
        .filter((event) => event.deviceId === bob.deviceId)
        .at(-1),
      {
        type: 'device.revoked',
        actor: 'Bob',
        payload: {
          deviceId: mallory.deviceId,
          afterSeq: 1,
          reason: 'forked',
          proof: [JSON.stringify(second), JSON.stringify(second)],
        },
      },
      at + 1,
      bobKey,
      () => 'forged-proof',
    );
    const before = alice.all().length;
    const refused = await alice.apply([...bob.all(), forged]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    expect(refused.ok ? '' : refused.error.message).toContain('do not contradict');
    expect(alice.all()).toHaveLength(before);
  });

  it("a hub's revocation that reaches a host after the revoked browser's next event does not cut the host off", async () => {
    const hub = member('hub', aliceKey, 'Admin', 'hub');
    const host = member('host', bobKey, 'Bob');
    const browser = member('browser', malloryKey, 'Carol', 'lan');
    host.write(declare('h'), at);
    browser.write(declare('l'), at);
    await syncWith(browser, direct(host));
    await syncWith(host, direct(hub));
    hub.write(
      [{ type: 'device.revoked', actor: '', payload: { deviceId: browser.deviceId, afterSeq: 2, reason: 'let go' } }],
      at + 1,
    );
    browser.write(declare('l2'), at + 2); // the browser has not heard yet; its host takes it
    await syncWith(browser, direct(host));
    host.write(declare('h2'), at + 3);
    // The host's push carries browser #3, refused (device-revoked): the host then takes
    // the revocation from the hub, stops offering #3, and delivers its own events.
    await syncWith(host, direct(hub));
    expect((await hub.vector())[host.deviceId]).toBe(3);
    expect((await host.vector())[browser.deviceId]).toBe(2);
    expect(hub.all().some((event) => event.deviceId === browser.deviceId && event.seq === 3)).toBe(false);
  });
});
