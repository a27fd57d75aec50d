// The renderer's replica: the event log in IndexedDB, through Dexie. This folder
// is the only one that imports dexie.
import Dexie, { type Table } from 'dexie';
import { compareEvents } from '../../common/domain/order';
import { EMPTY_HEAD, sealSigned, type ChainHead } from '../../common/events/chain';
import { deviceIdOf } from '../../common/events/devices';
import {
  DEFAULT_WORKSPACE,
  payloadSchemas,
  personRefSchema,
  type EventDraft,
  type PersonRef,
  type WarEvent,
} from '../../common/events/event';
import { decodeHlc, HLC_ZERO, receiveHlc } from '../../common/events/hlc';
import type { ApplyResult, EventLog } from '../../common/sync/event-log';
import { devicesOf, heldKey, parseBatch, planBatch, type HeldHead, type LegacyHead } from '../../common/sync/plan';
import type { VersionVector } from '../../common/sync/vector';
import { makeKey, randomId, signWith, type KeyRow } from './device-key';

/** The last event held of each device, kept with the events so vectors are cheap. */
interface HeadRow extends HeldHead {
  deviceId: string;
}

interface MetaRow {
  key: 'identity' | 'head' | 'key' | 'person' | 'legacy';
  value: unknown;
}

/** How this window enrols: as a window of its host at the laptop, or a teammate's LAN browser. */
export interface Enrolment {
  readonly kind: 'window' | 'lan';
  /** The host that lets it in; absent for a window with no host (unit tests): a host would refuse it. */
  readonly sponsor?: string;
}

export interface Identity {
  readonly deviceId: string;
  readonly workspace: string;
}

export class WarRoomDatabase extends Dexie {
  events!: Table<WarEvent, [string, number]>;
  heads!: Table<HeadRow, string>;
  meta!: Table<MetaRow, string>;

  constructor(name = 'warroom') {
    super(name);
    this.version(1).stores({
      // Keyed by [deviceId+seq], the chain position, unique by construction. No other
      // index: state is a fold of the whole log, and each index costs on every write
      // (one more took bulk appends from ~11,700 to ~9,600 events/s; bench/dexie-append).
      events: '[deviceId+seq]',
      meta: 'key',
    });
    // Events are signed from version 3 on: the window writes as a new device whose
    // chain opens with its enrolment and vouches for the unsigned chain it wrote before.
    this.version(3)
      .stores({})
      .upgrade(async (tx) => {
        const meta = tx.table<MetaRow, string>('meta');
        const identity = (await meta.get('identity'))?.value as Identity | undefined;
        const head = (await meta.get('head'))?.value as ChainHead | undefined;
        if (!identity) return;
        if (head && head.seq > 0)
          await meta.put({ key: 'legacy', value: { [identity.deviceId]: { seq: head.seq, hash: head.hash } } });
        // The next identity is the one this window's key names (made on its next write).
        await meta.delete('identity');
        await meta.put({ key: 'head', value: { ...EMPTY_HEAD, hlc: head?.hlc ?? HLC_ZERO } });
      });
    this.version(2)
      .stores({ heads: 'deviceId' })
      .upgrade(async (tx) => {
        const heads = new Map<string, HeadRow>();
        await tx.table<WarEvent>('events').each((event) => {
          const held = heads.get(event.deviceId);
          if (!held || held.seq < event.seq)
            heads.set(event.deviceId, { deviceId: event.deviceId, seq: event.seq, hash: event.hash, hlc: event.hlc });
        });
        await tx.table<HeadRow>('heads').bulkPut([...heads.values()]);
      });
  }
}

export class DraftError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly issue: 'required' | 'too-long' | 'invalid',
  ) {
    super(message);
  }
}

type PersonEvent = Extract<WarEvent, { type: 'device.enrolled' | 'device.person-changed' }>;

/** An event that names the person at its device from then on. */
function isPersonEvent(event: WarEvent): event is PersonEvent {
  return event.type === 'device.enrolled' || event.type === 'device.person-changed';
}

/** A person from a typed name: trimmed, and refused when empty or too long. */
function personNamed(name: string, field: string): PersonRef {
  const parsed = personRefSchema.safeParse({ name });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const kind = issue?.code === 'too_big' ? 'too-long' : issue?.code === 'too_small' ? 'required' : 'invalid';
  throw new DraftError(issue?.message ?? 'invalid name', field, kind);
}

/** Validates and normalises a draft (trimmed text) before it is sealed. */
function normaliseDraft(draft: EventDraft): EventDraft {
  const parsed = payloadSchemas[draft.type].safeParse(draft.payload);
  if (parsed.success) return { ...draft, payload: parsed.data } as EventDraft;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  const kind = issue?.code === 'too_big' ? 'too-long' : issue?.code === 'too_small' ? 'required' : 'invalid';
  throw new DraftError(issue?.message ?? 'invalid event', field, kind);
}

export interface AppendContext {
  readonly now: () => number;
  readonly newId: () => string;
}

const browserContext: AppendContext = {
  now: () => Date.now(),
  newId: randomId,
};

/** The window's replica: local writes, and the EventLog the sync protocol runs over. */
export class EventStore implements EventLog {
  private knownIdentity: Promise<Identity> | null = null;
  private knownKey: Promise<KeyRow> | null = null;
  private enrolment: () => Promise<Enrolment> = async () => ({ kind: 'window' });
  private readonly appendListeners = new Set<() => void>();

  constructor(
    readonly db: WarRoomDatabase,
    private readonly context: AppendContext = browserContext,
    readonly workspace: string = DEFAULT_WORKSPACE,
  ) {}

  /** This replica's device id (made from its key) and workspace, created on first use; it never changes after. */
  identity(): Promise<Identity> {
    this.knownIdentity ??= this.signingKey()
      .then((key) =>
        this.db.transaction('rw', this.db.meta, async () => {
          const identity: Identity = { deviceId: deviceIdOf(key.publicKey), workspace: this.workspace };
          const row = (await this.db.meta.get('identity'))?.value as Identity | undefined;
          if (row?.deviceId !== identity.deviceId) await this.db.meta.put({ key: 'identity', value: identity });
          return identity;
        }),
      )
      .catch((error: unknown) => {
        this.knownIdentity = null;
        throw error;
      });
    return this.knownIdentity;
  }

  /** How this window enrols, asked of its host when it first writes (see host-sync). */
  useEnrolment(enrolment: () => Promise<Enrolment>): void {
    this.enrolment = enrolment;
  }

  /** This window's key, made on first use (see device-key.ts for where it can and cannot be copied from). */
  private signingKey(): Promise<KeyRow> {
    this.knownKey ??= (async () => {
      const kept = (await this.db.meta.get('key'))?.value as KeyRow | undefined;
      if (kept) return kept;
      const made = await makeKey();
      // Two windows may make a key at once: the first kept wins, and both sign with it.
      return this.db.transaction('rw', this.db.meta, async () => {
        const raced = (await this.db.meta.get('key'))?.value as KeyRow | undefined;
        if (raced) return raced;
        await this.db.meta.put({ key: 'key', value: made });
        return made;
      });
    })().catch((error: unknown) => {
      this.knownKey = null;
      throw error;
    });
    return this.knownKey;
  }

  /** The person this device's events are written by; null while its chain has not opened (nobody enrolled). */
  async person(): Promise<PersonRef | null> {
    const head = ((await this.db.meta.get('head'))?.value as ChainHead | undefined) ?? EMPTY_HEAD;
    if (head.seq === 0) return null;
    return (await this.storedPerson((await this.identity()).deviceId)) ?? null;
  }

  /**
   * Seals drafts onto this device's chain, signs them and stores them in one
   * transaction: either all of them land or none does. The chain opens with
   * this window's enrolment. Signing is asynchronous (WebCrypto), so it happens
   * between reading the head and writing: should another window of this
   * replica have written meanwhile, the drafts are sealed again after it.
   */
  async append(drafts: readonly EventDraft[]): Promise<WarEvent[]> {
    const normalised = drafts.map(normaliseDraft);
    const first = normalised[0];
    if (!first) return [];
    const named = () => personNamed(first.actor, 'actor');
    // The person changes only through changePerson: a draft is written under the
    // person enrolled, whatever actor it carries (a stale or mistyped name never
    // takes the device over unseen); a device not enrolled yet enrols under the
    // first draft's actor, which must be a name.
    const written = await this.seal(normalised, (current) => current ?? named());
    return written.drafts;
  }

  /**
   * The person at this device changes, as they confirmed it: one signed
   * `device.person-changed` (the enrolment itself if the chain has not opened),
   * written by the new person. Earlier events keep theirs; later ones carry the
   * new name. Nothing is written for the person already there, or for a name
   * that is empty once trimmed (a DraftError on `person.name`).
   */
  async changePerson(name: string): Promise<WarEvent[]> {
    const next = personNamed(name, 'person.name');
    return (await this.seal([], () => next)).preamble;
  }

  /** The person of this device's last enrolment or change: kept beside the head, else read back from its chain. */
  private async storedPerson(deviceId: string): Promise<PersonRef | undefined> {
    const kept = (await this.db.meta.get('person'))?.value as PersonRef | undefined;
    if (kept) return kept;
    // Its own events restored from the host (a reinstall) name their person in the chain itself.
    const last = await this.db.events
      .where('[deviceId+seq]')
      .between([deviceId, 0], [deviceId, Dexie.maxKey])
      .reverse()
      .filter(isPersonEvent)
      .first();
    return last && isPersonEvent(last) ? last.payload.person : undefined;
  }

  /** The loop behind append and changePerson: `choose` names the person, given the one enrolled (none before enrolment). */
  private async seal(
    drafts: readonly EventDraft[],
    choose: (current: PersonRef | undefined) => PersonRef,
  ): Promise<{ preamble: WarEvent[]; drafts: WarEvent[] }> {
    const identity = await this.identity();
    const key = await this.signingKey();
    const sign = (hash: string) => signWith(key, hash);
    for (;;) {
      const head = ((await this.db.meta.get('head'))?.value as ChainHead | undefined) ?? EMPTY_HEAD;
      const current = head.seq === 0 ? undefined : await this.storedPerson(identity.deviceId);
      const person = choose(current);
      const preamble: EventDraft[] = [];
      if (head.seq === 0) {
        const enrolment = await this.enrolment();
        const legacy = (await this.db.meta.get('legacy'))?.value as Record<string, LegacyHead> | undefined;
        preamble.push({
          type: 'device.enrolled',
          actor: person.name,
          payload: {
            publicKey: key.publicKey,
            person,
            kind: enrolment.kind,
            ...(enrolment.sponsor ? { sponsor: enrolment.sponsor } : {}),
            ...(legacy && enrolment.kind === 'window' ? { legacy } : {}),
          },
        });
      } else if (current?.name !== person.name) {
        preamble.push({ type: 'device.person-changed', actor: person.name, payload: { person } });
      }
      if (preamble.length === 0 && drafts.length === 0) return { preamble: [], drafts: [] };
      const sealed = await sealSigned(
        head,
        [...preamble, ...drafts.map((draft) => ({ ...draft, actor: person.name }) as EventDraft)],
        {
          workspace: identity.workspace,
          deviceId: identity.deviceId,
          nowMs: this.context.now(),
          newId: this.context.newId,
        },
        sign,
      );
      const signed = sealed.events;
      const stored = await this.db.transaction('rw', this.db.events, this.db.heads, this.db.meta, async () => {
        const now = ((await this.db.meta.get('head'))?.value as ChainHead | undefined) ?? EMPTY_HEAD;
        if (now.seq !== head.seq || now.hash !== head.hash) return null;
        await this.db.events.bulkAdd(signed);
        await this.db.meta.put({ key: 'head', value: sealed.head });
        await this.db.meta.put({ key: 'person', value: person });
        const last = signed.at(-1);
        if (last) await this.db.heads.put({ deviceId: last.deviceId, seq: last.seq, hash: last.hash, hlc: last.hlc });
        return { preamble: signed.slice(0, preamble.length), drafts: signed.slice(preamble.length) };
      });
      if (!stored) continue;
      for (const listener of this.appendListeners) listener();
      return stored;
    }
  }

  /** Called after each local append has committed (the sync loop pushes then). */
  onAppend(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  all(): Promise<WarEvent[]> {
    return this.db.events.toArray();
  }

  async vector(): Promise<VersionVector> {
    const vector: Record<string, number> = {};
    for (const head of await this.db.heads.toArray()) vector[head.deviceId] = head.seq;
    return vector;
  }

  async eventsBeyond(vector: VersionVector, limit: number): Promise<WarEvent[]> {
    return this.db.transaction('r', this.db.events, this.db.heads, async () => {
      const runs = await Promise.all(
        (await this.db.heads.toArray())
          .filter((head) => head.seq > (vector[head.deviceId] ?? 0))
          .map((head) =>
            this.db.events
              .where('[deviceId+seq]')
              .between([head.deviceId, (vector[head.deviceId] ?? 0) + 1], [head.deviceId, Dexie.maxKey])
              .limit(limit)
              .toArray(),
          ),
      );
      // Each device's run is a prefix, so the oldest `limit` overall keep every run contiguous.
      return runs.flat().sort(compareEvents).slice(0, limit);
    });
  }

  /** Stores a batch from the host after the same checks every replica makes. */
  async apply(raw: readonly unknown[]): Promise<ApplyResult> {
    const parsed = parseBatch(raw);
    if (!parsed.ok) return parsed;
    const events = parsed.events;
    const identity = await this.identity();
    return this.db.transaction('rw', this.db.events, this.db.heads, this.db.meta, async (): Promise<ApplyResult> => {
      const heads = new Map<string, HeldHead>();
      for (const head of await this.db.heads.bulkGet(devicesOf(events))) if (head) heads.set(head.deviceId, head);
      const repeated = events.filter((event) => event.seq <= (heads.get(event.deviceId)?.seq ?? 0));
      const held = await this.db.events.bulkGet(repeated.map((event): [string, number] => [event.deviceId, event.seq]));
      const heldHashes = new Map(
        held.flatMap((event) => (event ? [[heldKey(event.deviceId, event.seq), event.hash] as const] : [])),
      );
      const plan = planBatch(events, { workspace: this.workspace, heads, heldHashes });
      if (!plan.ok) return plan;
      if (plan.toStore.length === 0) return { ok: true, stored: 0 };
      // Our own events coming back (after a restore) are stored like any other.
      await this.db.events.bulkAdd(plan.toStore);
      const newHeads = new Map<string, HeadRow>();
      for (const event of plan.toStore)
        newHeads.set(event.deviceId, { deviceId: event.deviceId, seq: event.seq, hash: event.hash, hlc: event.hlc });
      await this.db.heads.bulkPut([...newHeads.values()]);
      // Later local events must sort after what was just seen, whatever this laptop's clock says.
      const own = ((await this.db.meta.get('head'))?.value as ChainHead | undefined) ?? EMPTY_HEAD;
      let clock = own.hlc ?? HLC_ZERO;
      for (const event of plan.toStore) clock = receiveHlc(clock, decodeHlc(event.hlc), this.context.now());
      const mine = plan.toStore.filter((event) => event.deviceId === identity.deviceId);
      const ownHead = mine.at(-1);
      // Its own events come back after a restore: the person they name is the one at this device.
      const ownPerson = mine.filter(isPersonEvent).at(-1);
      if (ownPerson) await this.db.meta.put({ key: 'person', value: ownPerson.payload.person });
      await this.db.meta.put({
        key: 'head',
        value: ownHead
          ? { seq: ownHead.seq, hash: ownHead.hash, hlc: clock, ...(ownHead.sig ? { sig: ownHead.sig } : {}) }
          : { ...own, hlc: clock },
      });
      return { ok: true, stored: plan.toStore.length };
    });
  }
}
