// The event log in SQL: the host's replica (PGlite) and the hub's (PGlite or
// PostgreSQL) run this same code and these same statements. It implements the
// sync protocol's EventLog (verify with common/sync/plan.ts, store a batch in one
// transaction) and lets the host seal its own events onto this device's chain.
//
// Tables:
// - events: one row per event, keyed by its chain position (workspace, device,
//   seq); `body` is the event's JSON as verified, so it round-trips unchanged.
// - heads: per (workspace, device), the last seq with its hash and clock. Seqs are
//   contiguous by construction, so this is the version vector, and the chain
//   head a new batch must follow on from.
// Text columns compare byte-wise (COLLATE "C"), as JavaScript compares the
// strings, so SQL's "oldest first" is common/domain/order.ts's order whatever the
// server's locale.
//
// Concurrency: hub processes sharing one PostgreSQL may receive batches of the
// same device at once. Every write takes a transaction-scoped advisory lock per
// (workspace, device), in sorted order so that two writers cannot deadlock, and
// plans against the heads it reads under that lock. The loser of a race waits,
// then finds the winner's events held and skips them (or refuses a fork).
import { randomUUID } from 'node:crypto';
import { EMPTY_HEAD, hashEvent, sealSigned, type ChainHead } from '../../../common/events/chain';
import { deviceIdOf, type DeviceRecord } from '../../../common/events/devices';
import { forkPoint, forkRevocation } from '../../../common/events/fork';
import {
  eventSchema,
  payloadSchemas,
  type DeviceKind,
  type EventDraft,
  type PersonRef,
  type WarEvent,
} from '../../../common/events/event';
import { decodeHlc, encodeHlc, MAX_CLOCK_AHEAD_MS, startingClock } from '../../../common/events/hlc';
import type { ApplyResult, DocumentIndex, EventLog, OrderedLog, OrderPosition } from '../../../common/sync/event-log';
import {
  devicesOf,
  heldKey,
  parseBatch,
  planBatch,
  type Plan,
  type AdmitEnrolment,
  type HeldHead,
  type IdentityChanges,
  type IdentityContext,
  type LegacyHead,
} from '../../../common/sync/plan';
import { verifyEd25519, type DeviceKey } from '../../services/identity/device-key';
import type { VersionVector } from '../../../common/sync/vector';
import { runMigrations, type Migration } from './migrations';
import { isUniqueViolation, type SqlClient, type SqlExecutor } from './sql-client';

export const STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE events (
        workspace text COLLATE "C" NOT NULL,
        device_id text COLLATE "C" NOT NULL,
        seq integer NOT NULL,
        hlc text COLLATE "C" NOT NULL,
        hash text NOT NULL,
        body text NOT NULL,
        PRIMARY KEY (workspace, device_id, seq)
      )`,
      // eventsBeyond walks this index from the oldest event the peer lacks.
      `CREATE INDEX events_by_order ON events (workspace, hlc, device_id, seq)`,
      `CREATE TABLE heads (
        workspace text COLLATE "C" NOT NULL,
        device_id text COLLATE "C" NOT NULL,
        seq integer NOT NULL,
        hash text NOT NULL,
        hlc text COLLATE "C" NOT NULL,
        PRIMARY KEY (workspace, device_id)
      )`,
      `CREATE TABLE store_meta (key text PRIMARY KEY, value text NOT NULL)`,
    ],
  },
  {
    // Signed events. Each enrolled device's record (key, person, kind, sponsor,
    // revocation) as JSON; and the unsigned chains written before signing, up to
    // the head some device vouched for. What this store held before is vouched
    // for by its own next enrolment, so it is listed here as it stands; and this
    // store writes from now on as a new device, whose chain opens with that enrolment.
    version: 2,
    statements: [
      `CREATE TABLE devices (
        workspace text COLLATE "C" NOT NULL,
        device_id text COLLATE "C" NOT NULL,
        record text NOT NULL,
        PRIMARY KEY (workspace, device_id)
      )`,
      `CREATE TABLE legacy_heads (
        workspace text COLLATE "C" NOT NULL,
        device_id text COLLATE "C" NOT NULL,
        seq integer NOT NULL,
        hash text NOT NULL,
        attested_by text NOT NULL,
        PRIMARY KEY (workspace, device_id)
      )`,
      `INSERT INTO legacy_heads (workspace, device_id, seq, hash, attested_by)
       SELECT workspace, device_id, seq, hash, '' FROM heads`,
      // The next event of a signed chain carries its head's signature.
      `ALTER TABLE heads ADD COLUMN sig text`,
      `UPDATE store_meta SET value = gen_random_uuid()::text WHERE key = 'device-id'
         AND EXISTS (SELECT 1 FROM heads)`,
    ],
  },
  {
    // Documents by collection (monitors, runbooks, people…): a host reads its
    // monitors at start from this index, not from a scan of the whole record.
    // Rows written before are filled in from their bodies; only a document's body
    // is parsed (a cheap text match finds the candidates).
    version: 3,
    statements: [
      `ALTER TABLE events ADD COLUMN collection text COLLATE "C"`,
      `UPDATE events SET collection = body::jsonb -> 'payload' ->> 'collection'
       WHERE (body LIKE '%"type":"doc.put"%' OR body LIKE '%"type":"doc.delete"%')
         AND body::jsonb ->> 'type' IN ('doc.put', 'doc.delete')`,
      `CREATE INDEX events_by_collection ON events (workspace, collection, hlc, device_id, seq)
       WHERE collection IS NOT NULL`,
    ],
  },
];

/** The collection a document event belongs to, for the index; null for every other event. */
function collectionOf(event: WarEvent): string | null {
  return event.type === 'doc.put' || event.type === 'doc.delete' ? event.payload.collection : null;
}

/** How an append of local drafts fails: a draft no peer would accept. */
export interface DraftRefusal {
  readonly code: 'invalid-draft';
  readonly message: string;
  /** The payload field at fault, dotted; '' for the event itself. */
  readonly field: string;
}

export type AppendResult = { ok: true; events: WarEvent[] } | { ok: false; error: DraftRefusal };

/** Rows per INSERT statement: a sync batch's worth. */
const INSERT_ROWS = 2_000;

/** A NOTIFY channel name is an identifier: at most 63 bytes. */
const CHANNEL_MAX = 63;

/** How this store writes its own events: as which kind of device, with which key, for which person. */
export interface StoreSigner {
  readonly kind: DeviceKind;
  readonly key: DeviceKey;
  /** The person at this device now (the "You" box); its events are theirs. */
  readonly person: () => PersonRef;
}

interface StoreContext {
  readonly client: SqlClient;
  readonly deviceId: string;
  readonly channel: string;
  readonly newId: () => string;
  readonly signer: StoreSigner | undefined;
  readonly now: () => number;
}

export interface SqlEventStoreOptions {
  readonly newId?: () => string;
  /** Absent: a store that only receives (a hub serving laptops signs nothing of its own until given a key). */
  readonly signer?: StoreSigner;
  /** The wall clock incoming events are bounded by. */
  readonly now?: () => number;
}

/** How a batch from a peer is taken: who may enrol through this link. */
export interface ApplyOptions {
  readonly admit?: AdmitEnrolment;
  /** The most events taken at once: a sync batch by default; a restore checks and applies a whole file. */
  readonly maxEvents?: number;
}

/** The store over one database: it serves a log per workspace. */
export class SqlEventStore {
  private constructor(private readonly context: StoreContext) {}

  /** Brings the schema up to date and reads (or creates, once) this store's own device id. */
  static async open(client: SqlClient, options: SqlEventStoreOptions = {}): Promise<SqlEventStore> {
    const newId = options.newId ?? randomUUID;
    await runMigrations(client, 'store', STORE_MIGRATIONS);
    // A store that signs writes as the device its key names (a new key, after a
    // lost secret, is a new device); one that only receives keeps the id it made once.
    if (options.signer) {
      await client.query(
        `INSERT INTO store_meta (key, value) VALUES ('device-id', $1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [deviceIdOf(options.signer.key.publicKey)],
      );
    } else {
      await client.query(`INSERT INTO store_meta (key, value) VALUES ('device-id', $1) ON CONFLICT (key) DO NOTHING`, [
        newId(),
      ]);
    }
    const [meta] = await client.query<{ value: string }>(`SELECT value FROM store_meta WHERE key = 'device-id'`);
    const [schema] = await client.query<{ name: string }>('SELECT current_schema() AS name');
    if (!meta || !schema) throw new Error('the store could not read its own identity');
    // Changes are announced per schema, so that two deployments (or two test
    // files) sharing one PostgreSQL database never hear each other.
    const channel = `warroom_events_${schema.name}`.slice(0, CHANNEL_MAX);
    return new SqlEventStore({
      client,
      deviceId: meta.value,
      channel,
      newId,
      signer: options.signer,
      now: options.now ?? Date.now,
    });
  }

  get deviceId(): string {
    return this.context.deviceId;
  }

  get kind(): SqlClient['kind'] {
    return this.context.client.kind;
  }

  log(workspace: string): SqlEventLog {
    return new SqlEventLog(this.context, workspace);
  }

  /**
   * Calls `onChange(workspace)` after any transaction, in any process sharing the
   * database, stores events; `onResume` when some announcements may have been missed.
   */
  onChange(onChange: (workspace: string) => void, onResume?: () => void): Promise<() => Promise<void>> {
    return this.context.client.listen(this.context.channel, onChange, onResume);
  }

  /** Whether the database answers. */
  async ping(): Promise<void> {
    await this.context.client.query('SELECT 1');
  }
}

interface HeadRow {
  device_id: string;
  seq: number;
  hash: string;
  hlc: string;
  sig: string | null;
}

/** Validates and normalises a draft (trimmed text), as the window's store does. */
function normaliseDraft(draft: EventDraft): { ok: true; draft: EventDraft } | { ok: false; error: DraftRefusal } {
  const payload = payloadSchemas[draft.type].safeParse(draft.payload);
  if (!payload.success) {
    const issue = payload.error.issues[0];
    return {
      ok: false,
      error: {
        code: 'invalid-draft',
        message: issue?.message ?? 'invalid payload',
        field: issue?.path.map(String).join('.') ?? '',
      },
    };
  }
  return { ok: true, draft: { ...draft, actor: draft.actor.trim(), payload: payload.data } as EventDraft };
}

/** One workspace's events in the store. */
export class SqlEventLog implements EventLog, DocumentIndex, OrderedLog {
  constructor(
    private readonly context: StoreContext,
    readonly workspace: string,
  ) {}

  get deviceId(): string {
    return this.context.deviceId;
  }

  /**
   * Highest contiguous seq held per device. A revoked device counts up to its
   * revocation point only: events of it this store took before it heard of the
   * revocation are neither offered to peers nor asked of them, so a revocation
   * racing a device's next event never stalls a sync.
   */
  async vector(): Promise<VersionVector> {
    return this.vectorIn(this.context.client);
  }

  private async vectorIn(executor: SqlExecutor): Promise<VersionVector> {
    const rows = await executor.query<{ device_id: string; seq: number }>(
      `SELECT h.device_id, least(h.seq, coalesce((d.record::jsonb ->> 'revokedAfter')::int, h.seq)) AS seq
       FROM heads h LEFT JOIN devices d ON d.workspace = h.workspace AND d.device_id = h.device_id
       WHERE h.workspace = $1`,
      [this.workspace],
    );
    return Object.fromEntries(rows.map((row) => [row.device_id, row.seq]));
  }

  /**
   * Every document event of `collection`, in the total order, and the vector
   * they were read at (one snapshot): a reader follows on with `eventsBeyond`
   * from that vector. Reads the collection's index, not the record.
   */
  async documentEvents(collection: string): Promise<{ events: WarEvent[]; vector: VersionVector }> {
    return this.context.client.transaction(async (tx) => {
      const vector = await this.vectorIn(tx);
      const rows = await tx.query<{ body: string }>(
        `SELECT body FROM events WHERE workspace = $1 AND collection = $2 ORDER BY hlc, device_id, seq`,
        [this.workspace, collection],
      );
      const revoked = await this.revokedAfter(tx);
      const events = rows
        .map((row) => JSON.parse(row.body) as WarEvent)
        .filter((event) => event.seq <= (revoked.get(event.deviceId) ?? event.seq));
      return { events, vector };
    });
  }

  async eventsAfter(position: OrderPosition | undefined, limit: number): Promise<WarEvent[]> {
    return this.context.client.transaction(async (tx) => {
      // As in eventsBeyond: walk the order index, never sort the tail.
      await tx.query(
        `SELECT set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true),
                set_config('enable_seqscan', 'off', true)`,
      );
      const rows = position
        ? await tx.query<{ body: string }>(
            `SELECT body FROM events WHERE workspace = $1 AND (hlc, device_id, seq) > ($2, $3, $4)
             ORDER BY workspace, hlc, device_id, seq LIMIT $5`,
            [this.workspace, position.hlc, position.deviceId, position.seq, limit],
          )
        : await tx.query<{ body: string }>(
            `SELECT body FROM events WHERE workspace = $1 ORDER BY workspace, hlc, device_id, seq LIMIT $2`,
            [this.workspace, limit],
          );
      return rows.map((row) => JSON.parse(row.body) as WarEvent);
    });
  }

  /** Each revoked device's revocation point; few rows, read as needed. */
  private async revokedAfter(executor: SqlExecutor): Promise<Map<string, number>> {
    const rows = await executor.query<{ device_id: string; after: number }>(
      `SELECT device_id, (record::jsonb ->> 'revokedAfter')::int AS after FROM devices
       WHERE workspace = $1 AND record::jsonb ? 'revokedAfter'`,
      [this.workspace],
    );
    return new Map(rows.map((row) => [row.device_id, row.after]));
  }

  async eventsBeyond(vector: VersionVector, limit: number): Promise<WarEvent[]> {
    if (limit <= 0) return [];
    // A device id with a NUL cannot be held (PostgreSQL text has no NUL) and cannot
    // be a jsonb key: such an entry names nothing here.
    const known = Object.fromEntries(Object.entries(vector).filter(([deviceId]) => !deviceId.includes('\u0000')));
    return this.context.client.transaction(async (tx) => {
      // Walk the (hlc, device, seq) index in order and stop at `limit`. The planner,
      // left to its statistics (PGlite never gathers any: it has no autovacuum),
      // may rather fetch every event after the start and sort them, which costs the
      // whole tail of the log on every batch. Forbid that plan, for this query only.
      await tx.query(
        `SELECT set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true),
                set_config('enable_seqscan', 'off', true)`,
      );
      // Start at the oldest event the peer lacks (one primary-key probe per device),
      // then skip, on the way, what the peer holds. A peer that lacks little costs
      // little, however long the log.
      const rows = await tx.query<{ body: string }>(
        `WITH start AS (
           SELECT min(e.hlc) AS hlc
           FROM heads h
           JOIN events e ON e.workspace = h.workspace AND e.device_id = h.device_id
             AND e.seq = coalesce(($2::jsonb ->> h.device_id)::bigint, 0) + 1
           WHERE h.workspace = $1
         )
         SELECT e.body FROM events e
         WHERE e.workspace = $1
           AND e.hlc >= (SELECT hlc FROM start)
           AND e.seq > coalesce(($2::jsonb ->> e.device_id)::bigint, 0)
         ORDER BY e.workspace, e.hlc, e.device_id, e.seq
         LIMIT $3`,
        [this.workspace, JSON.stringify(known), limit],
      );
      // Enrolments the peer lacks go first: they bring the keys and vouch for the
      // unsigned chains written before signing, which are older than any of them.
      // Each is the first of its chain, so every device's run stays contiguous.
      const enrolments = await tx.query<{ body: string; device_id: string }>(
        `SELECT e.body, e.device_id FROM devices d
         JOIN events e ON e.workspace = d.workspace AND e.device_id = d.device_id AND e.seq = 1
         WHERE d.workspace = $1 AND NOT ($2::jsonb ? d.device_id)
         ORDER BY e.hlc, e.device_id
         LIMIT $3`,
        [this.workspace, JSON.stringify(known), limit],
      );
      const first = new Set(enrolments.map((row) => row.device_id));
      const revoked = await this.revokedAfter(tx);
      // Every body was verified against the contract when it was stored.
      return [
        ...enrolments.map((row) => JSON.parse(row.body) as WarEvent),
        ...rows
          .map((row) => JSON.parse(row.body) as WarEvent)
          .filter((event) => event.seq !== 1 || !first.has(event.deviceId))
          .filter((event) => event.seq <= (revoked.get(event.deviceId) ?? event.seq)),
      ].slice(0, limit);
    });
  }

  async apply(raw: readonly unknown[], options: ApplyOptions = {}): Promise<ApplyResult> {
    const parsed = parseBatch(raw, options.maxEvents);
    if (!parsed.ok) return parsed;
    return this.applyParsed(parsed.events, options);
  }

  private async applyParsed(events: readonly WarEvent[], options: ApplyOptions): Promise<ApplyResult> {
    if (events.length === 0) return { ok: true, stored: 0 };
    let plan: Plan;
    try {
      plan = await this.context.client.transaction((tx) => this.applyIn(tx, events, options));
    } catch (error) {
      // The locks make this unreachable between writers of this code; should a
      // writer without them win a race, plan again against what it stored.
      if (!isUniqueViolation(error)) throw error;
      plan = await this.context.client.transaction((tx) => this.applyIn(tx, events, options));
    }
    if (plan.ok) return { ok: true, stored: plan.toStore.length };
    if (!plan.fork || !this.context.signer) return { ok: false, error: plan.error };
    // A proven fork: revoke the device with the proof (signed by this store's own
    // key, checked as any peer checks it), then take the batch without its branch.
    const { deviceId, heldSeq, offered } = plan.fork;
    const [row] = await this.context.client.query<{ body: string }>(
      'SELECT body FROM events WHERE workspace = $1 AND device_id = $2 AND seq = $3',
      [this.workspace, deviceId, heldSeq],
    );
    const held = row ? (JSON.parse(row.body) as WarEvent) : undefined;
    const revocation = held && forkRevocation({ deviceId, held, offered });
    if (!held || !revocation) return { ok: false, error: plan.error };
    const revoked = await this.append([revocation], this.context.now());
    if (!revoked.ok) return { ok: false, error: plan.error }; // the held event's own signature does not hold: no proof
    const point = forkPoint({ held, offered });
    return this.applyParsed(
      events.filter((event) => event.deviceId !== deviceId || event.seq <= point),
      options,
    );
  }

  /**
   * Seals drafts onto this device's chain, signs them and stores them in one
   * transaction: all of them or none. The first event of the chain enrols this
   * device (its key, its person, and the unsigned chains it held before it
   * signed); a new person in the "You" box is recorded before the events that
   * are theirs. Every event is written by the person at this device, whatever
   * the draft says. The clock starts after every clock held that is within the
   * bound, so a local event sorts after what this replica had seen.
   */
  async append(drafts: readonly EventDraft[], nowMs: number): Promise<AppendResult> {
    const { signer } = this.context;
    if (!signer) throw new Error('this store has no key to sign its own events');
    const person = signer.person();
    const normalised: EventDraft[] = [];
    for (const draft of drafts) {
      const result = normaliseDraft({ ...draft, actor: person.name } as EventDraft);
      if (!result.ok) return result;
      normalised.push(result.draft);
    }
    if (normalised.length === 0) return { ok: true, events: [] };
    const { deviceId } = this.context;
    return this.context.client.transaction<AppendResult>(async (tx) => {
      await this.lockDevices(tx, [deviceId]);
      const [own] = await tx.query<HeadRow>(
        'SELECT seq, hash, hlc, sig FROM heads WHERE workspace = $1 AND device_id = $2',
        [this.workspace, deviceId],
      );
      const [seen] = await tx.query<{ latest: string | null }>(
        'SELECT max(hlc) AS latest FROM heads WHERE workspace = $1 AND hlc <= $2',
        [this.workspace, encodeHlc({ ms: Math.trunc(nowMs) + MAX_CLOCK_AHEAD_MS, counter: 99_999 })],
      );
      const ownClock = own ? decodeHlc(own.hlc) : EMPTY_HEAD.hlc;
      const clock = startingClock(ownClock, seen?.latest ? [decodeHlc(seen.latest)] : [], nowMs);
      const head: ChainHead = own
        ? { seq: own.seq, hash: own.hash, hlc: clock, ...(own.sig ? { sig: own.sig } : {}) }
        : { ...EMPTY_HEAD, hlc: clock };
      const devices = await this.deviceRecords(tx, [deviceId]);
      const record = devices.get(deviceId);
      const preamble: EventDraft[] = [];
      if (!own) {
        const legacy = await tx.query<{ device_id: string; seq: number; hash: string }>(
          'SELECT device_id, seq, hash FROM legacy_heads WHERE workspace = $1 ORDER BY device_id',
          [this.workspace],
        );
        preamble.push({
          type: 'device.enrolled',
          actor: person.name,
          payload: {
            publicKey: signer.key.publicKey,
            person,
            kind: signer.kind,
            ...(legacy.length > 0
              ? { legacy: Object.fromEntries(legacy.map((row) => [row.device_id, { seq: row.seq, hash: row.hash }])) }
              : {}),
          },
        });
      } else if (record && (record.person.name !== person.name || record.person.id !== person.id)) {
        preamble.push({ type: 'device.person-changed', actor: person.name, payload: { person } });
      }
      const { events: signed } = await sealSigned(
        head,
        [...preamble, ...normalised],
        { workspace: this.workspace, deviceId, nowMs, newId: this.context.newId },
        (hash) => signer.key.sign(hash),
      );
      // Refuse here what every peer would refuse later (an actor out of bounds, an
      // unknown incident id format): a sealed event is forever.
      for (const event of signed) {
        const check = eventSchema.safeParse(event);
        if (!check.success || hashEvent(check.data) !== event.hash) {
          const issue = check.success ? undefined : check.error.issues[0];
          return {
            ok: false,
            error: {
              code: 'invalid-draft',
              message: issue?.message ?? 'the event does not survive its own verification',
              field: issue?.path.map(String).join('.') ?? '',
            },
          };
        }
      }
      // The same checks a peer makes, against what this store holds.
      const heads = new Map<string, HeldHead>(own ? [[deviceId, own]] : []);
      const plan = planBatch(signed, {
        workspace: this.workspace,
        heads,
        heldHashes: new Map(),
        identity: await this.identityContext(tx, signed, devices, nowMs),
      });
      if (!plan.ok) {
        return { ok: false, error: { code: 'invalid-draft', message: plan.error.message, field: '' } };
      }
      await this.store(tx, signed, plan.changes);
      return { ok: true, events: signed.slice(preamble.length) };
    });
  }

  /** Every event of the workspace, oldest first. */
  async all(): Promise<WarEvent[]> {
    const rows = await this.context.client.query<{ body: string }>(
      'SELECT body FROM events WHERE workspace = $1 ORDER BY hlc, device_id, seq',
      [this.workspace],
    );
    return rows.map((row) => JSON.parse(row.body) as WarEvent);
  }

  /** The devices enrolled in this workspace, as this store holds them. */
  async devices(): Promise<DeviceRecord[]> {
    const rows = await this.context.client.query<{ record: string }>(
      'SELECT record FROM devices WHERE workspace = $1 ORDER BY device_id',
      [this.workspace],
    );
    return rows.map((row) => JSON.parse(row.record) as DeviceRecord);
  }

  private async deviceRecords(tx: SqlExecutor, deviceIds: readonly string[]): Promise<Map<string, DeviceRecord>> {
    if (deviceIds.length === 0) return new Map();
    const rows = await tx.query<{ record: string }>(
      'SELECT record FROM devices WHERE workspace = $1 AND device_id = ANY($2::text[])',
      [this.workspace, [...deviceIds]],
    );
    return new Map(
      rows.map((row) => JSON.parse(row.record) as DeviceRecord).map((record) => [record.deviceId, record]),
    );
  }

  /** What the identity checks of `events` need to know of this store. */
  private async identityContext(
    tx: SqlExecutor,
    events: readonly WarEvent[],
    known: ReadonlyMap<string, DeviceRecord>,
    nowMs: number,
    admit?: AdmitEnrolment,
  ): Promise<IdentityContext> {
    const wanted = new Set(devicesOf(events));
    for (const event of events) if (event.type === 'device.revoked') wanted.add(event.payload.deviceId);
    const devices = new Map(known);
    for (const [id, record] of await this.deviceRecords(
      tx,
      [...wanted].filter((id) => !known.has(id)),
    ))
      devices.set(id, record);
    const unsigned = [...wanted].filter((id) => !devices.has(id));
    const legacy = new Map<string, LegacyHead>();
    if (unsigned.length > 0) {
      const rows = await tx.query<{ device_id: string; seq: number; hash: string }>(
        'SELECT device_id, seq, hash FROM legacy_heads WHERE workspace = $1 AND device_id = ANY($2::text[])',
        [this.workspace, unsigned],
      );
      for (const row of rows) legacy.set(row.device_id, { seq: row.seq, hash: row.hash });
    }
    return { nowMs, devices, legacy, verify: verifyEd25519, ...(admit ? { admit } : {}) };
  }

  private async applyIn(tx: SqlExecutor, events: readonly WarEvent[], options: ApplyOptions): Promise<Plan> {
    // The contract allows any string as a device id, but PostgreSQL text cannot hold
    // a NUL: refuse it as malformed rather than fail on every retry.
    const unstorable = events.find((event) => event.deviceId.includes('\u0000'));
    if (unstorable) {
      return {
        ok: false,
        error: { code: 'malformed', message: 'a device id contains a NUL character', eventId: unstorable.id },
      };
    }
    const devices = devicesOf(events);
    await this.lockDevices(tx, devices);
    const headRows = await tx.query<HeadRow>(
      'SELECT device_id, seq, hash, hlc, sig FROM heads WHERE workspace = $1 AND device_id = ANY($2::text[])',
      [this.workspace, devices],
    );
    const heads = new Map<string, HeldHead>(
      headRows.map((row) => [row.device_id, { seq: row.seq, hash: row.hash, hlc: row.hlc, sig: row.sig }]),
    );
    // A resent event is compared with the one held at its place: same hash, skipped; other, a conflict.
    const repeated = events.filter((event) => event.seq <= (heads.get(event.deviceId)?.seq ?? 0));
    const heldHashes = new Map<string, string>();
    if (repeated.length > 0) {
      const heldRows = await tx.query<{ device_id: string; seq: number; hash: string }>(
        `SELECT e.device_id, e.seq, e.hash
         FROM unnest($2::text[], $3::int[]) AS r(device_id, seq)
         JOIN events e ON e.workspace = $1 AND e.device_id = r.device_id AND e.seq = r.seq`,
        [this.workspace, repeated.map((event) => event.deviceId), repeated.map((event) => event.seq)],
      );
      for (const row of heldRows) heldHashes.set(heldKey(row.device_id, row.seq), row.hash);
    }
    // Every device of the batch: a repeated event's device may be revoked, or may have forked.
    const identity = await this.identityContext(tx, events, new Map(), this.context.now(), options.admit);
    const plan = planBatch(events, { workspace: this.workspace, heads, heldHashes, identity });
    if (plan.ok) await this.store(tx, plan.toStore, plan.changes);
    return plan;
  }

  /** Serialises writers of the same devices, across processes sharing the database. */
  private async lockDevices(tx: SqlExecutor, devices: readonly string[]): Promise<void> {
    // One lock after the other in one fixed order: two writers cannot deadlock.
    for (const deviceId of [...devices].sort()) {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [this.workspace, deviceId]);
    }
  }

  /** Inserts verified events (each device's in chain order), moves the heads and announces the change. */
  private async store(tx: SqlExecutor, events: readonly WarEvent[], changes: IdentityChanges): Promise<void> {
    if (events.length === 0) return;
    if (changes.devices.length > 0) {
      await tx.query(
        `INSERT INTO devices (workspace, device_id, record)
         SELECT $1, r ->> 0, r ->> 1 FROM jsonb_array_elements($2::jsonb) AS r
         ON CONFLICT (workspace, device_id) DO UPDATE SET record = excluded.record`,
        [this.workspace, JSON.stringify(changes.devices.map((record) => [record.deviceId, JSON.stringify(record)]))],
      );
    }
    if (changes.legacy.length > 0) {
      await tx.query(
        `INSERT INTO legacy_heads (workspace, device_id, seq, hash, attested_by)
         SELECT $1, r ->> 0, (r ->> 1)::int, r ->> 2, r ->> 3 FROM jsonb_array_elements($2::jsonb) AS r
         ON CONFLICT (workspace, device_id) DO UPDATE
           SET seq = excluded.seq, hash = excluded.hash, attested_by = excluded.attested_by
           WHERE legacy_heads.seq < excluded.seq`,
        [
          this.workspace,
          JSON.stringify(changes.legacy.map(([deviceId, head]) => [deviceId, head.seq, head.hash, head.attestedBy])),
        ],
      );
    }
    // One statement for the whole batch, the rows as one JSON parameter: both
    // engines split it faster than their drivers encode arrays (jsonb the fastest).
    // Each body travels as a JSON string holding the event's JSON, and lands as
    // exactly JSON.stringify(event); as a string it may hold an escaped NUL, which
    // PostgreSQL would refuse to parse inside an object.
    // A sync batch is one statement; a restore's whole file goes in statements of
    // a sync batch's size, still in this one transaction.
    for (let start = 0; start < events.length; start += INSERT_ROWS) {
      const rows = events
        .slice(start, start + INSERT_ROWS)
        .map((event) => [event.deviceId, event.seq, event.hlc, event.hash, JSON.stringify(event), collectionOf(event)]);
      await tx.query(
        `INSERT INTO events (workspace, device_id, seq, hlc, hash, body, collection)
         SELECT $1, r ->> 0, (r ->> 1)::int, r ->> 2, r ->> 3, r ->> 4, r ->> 5
         FROM jsonb_array_elements($2::jsonb) AS r`,
        [this.workspace, JSON.stringify(rows)],
      );
    }
    const lastByDevice = new Map<string, WarEvent>();
    for (const event of events) {
      const last = lastByDevice.get(event.deviceId);
      if (!last || event.seq > last.seq) lastByDevice.set(event.deviceId, event);
    }
    const lasts = [...lastByDevice.values()];
    await tx.query(
      `INSERT INTO heads (workspace, device_id, seq, hash, hlc, sig)
       SELECT $1, r.d, r.s, r.h, r.l, NULLIF(r.g, '')
       FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[]) AS r(d, s, h, l, g)
       ON CONFLICT (workspace, device_id) DO UPDATE
         SET seq = excluded.seq, hash = excluded.hash, hlc = excluded.hlc, sig = excluded.sig
         WHERE heads.seq < excluded.seq`,
      [
        this.workspace,
        lasts.map((event) => event.deviceId),
        lasts.map((event) => event.seq),
        lasts.map((event) => event.hash),
        lasts.map((event) => event.hlc),
        lasts.map((event) => event.sig ?? ''),
      ],
    );
    // Delivered at commit, to every process listening on the database; never if it rolls back.
    await tx.query('SELECT pg_notify($1, $2)', [this.context.channel, this.workspace]);
  }
}
