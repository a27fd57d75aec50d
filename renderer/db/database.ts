// The renderer's replica: the event log in IndexedDB, through Dexie. This folder
// is the only one that imports dexie.
import Dexie, { type Table } from 'dexie';
import { EMPTY_HEAD, sealEvents, type ChainHead } from '../../common/events/chain';
import { payloadSchemas, type EventDraft, type WarEvent } from '../../common/events/event';

export const DEFAULT_WORKSPACE = 'default';

interface MetaRow {
  key: 'identity' | 'head';
  value: unknown;
}

export interface Identity {
  readonly deviceId: string;
  readonly workspace: string;
}

export class WarRoomDatabase extends Dexie {
  events!: Table<WarEvent, [string, number]>;
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
  newId: () => crypto.randomUUID(),
};

export class EventStore {
  private knownIdentity: Promise<Identity> | null = null;

  constructor(
    readonly db: WarRoomDatabase,
    private readonly context: AppendContext = browserContext,
  ) {}

  /** This replica's device id and workspace, created on first use; it never changes after. */
  identity(): Promise<Identity> {
    this.knownIdentity ??= this.db
      .transaction('rw', this.db.meta, async () => {
        const row = await this.db.meta.get('identity');
        if (row) return row.value as Identity;
        const identity: Identity = { deviceId: this.context.newId(), workspace: DEFAULT_WORKSPACE };
        await this.db.meta.put({ key: 'identity', value: identity });
        return identity;
      })
      .catch((error: unknown) => {
        this.knownIdentity = null;
        throw error;
      });
    return this.knownIdentity;
  }

  /**
   * Seals drafts onto this device's chain and stores them in one transaction:
   * either all of them land or none does. IndexedDB serialises read-write
   * transactions on the same tables, so two windows cannot fork the chain.
   */
  async append(drafts: readonly EventDraft[]): Promise<WarEvent[]> {
    const normalised = drafts.map(normaliseDraft);
    const identity = await this.identity();
    return this.db.transaction('rw', this.db.events, this.db.meta, async () => {
      const head = ((await this.db.meta.get('head'))?.value as ChainHead | undefined) ?? EMPTY_HEAD;
      const sealed = sealEvents(head, normalised, {
        workspace: identity.workspace,
        deviceId: identity.deviceId,
        nowMs: this.context.now(),
        newId: this.context.newId,
      });
      await this.db.events.bulkAdd(sealed.events);
      await this.db.meta.put({ key: 'head', value: sealed.head });
      return sealed.events;
    });
  }

  all(): Promise<WarEvent[]> {
    return this.db.events.toArray();
  }
}
