// The Dexie append bench page: the renderer's real EventStore in a real
// Chromium IndexedDB, driven through `window.dexieAppendBench`.
import { type EventDraft } from '../../common/events/event';
import { EventStore, WarRoomDatabase } from '../../renderer/db/database';
import { type AppendTiming, type DexieAppendBench } from './dexie-append-api';

const ACTOR = 'bench';

function noteDrafts(incidentId: string, count: number): EventDraft[] {
  return Array.from({ length: count }, (_, index) => ({
    type: 'incident.note-added' as const,
    incidentId,
    actor: ACTOR,
    payload: { text: `note ${index + 1}` },
  }));
}

/**
 * Runs `timed` against a fresh database holding one declared incident, checks
 * that every note landed, and deletes the database so runs stay independent.
 */
async function withIncident(
  notes: number,
  timed: (store: EventStore, drafts: readonly EventDraft[]) => Promise<void>,
): Promise<AppendTiming> {
  const db = new WarRoomDatabase(`bench-${crypto.randomUUID()}`);
  try {
    const store = new EventStore(db);
    const [declared] = await store.append([
      { type: 'incident.declared', actor: ACTOR, payload: { title: 'x', severity: 'SEV2', kind: 'technical-failure' } },
    ]);
    if (!declared) throw new Error('the declaration was not stored');
    const drafts = noteDrafts(declared.id, notes);

    const started = performance.now();
    await timed(store, drafts);
    const ms = performance.now() - started;

    // A fast append that stored nothing must not pass for a fast append.
    const stored = await db.events.count();
    if (stored !== notes + 1) throw new Error(`expected ${notes + 1} events stored, found ${stored}`);
    return { events: notes, ms };
  } finally {
    await db.delete();
  }
}

const bench: DexieAppendBench = {
  appendInOneCall: (notes) =>
    withIncident(notes, async (store, drafts) => {
      await store.append(drafts);
    }),
  appendOneByOne: (notes) =>
    withIncident(notes, async (store, drafts) => {
      for (const draft of drafts) await store.append([draft]);
    }),
};

window.dexieAppendBench = bench;
