// The fold that keeps no copy of the events, read back by device as the window
// reads Dexie: whatever order batches arrive in, its state is the fold of the
// whole record, and an older event costs what sorts after a checkpoint, not the
// record.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/support/random';
import type { EventDraft, WarEvent } from '../events/event';
import { MemoryEventLog } from '../sync/memory-log';
import { CheckpointedFold } from './checkpointed-fold';
import { foldEvents } from './incidents';
import { compareEvents } from './order';

const WS = 'default';
const T0 = Date.UTC(2026, 0, 1);

function device(deviceId: string): MemoryEventLog {
  let id = 0;
  return new MemoryEventLog(WS, deviceId, () => `${deviceId}-${(id += 1)}`);
}

const note = (incidentId: string, text: string): EventDraft => ({
  type: 'incident.note-added',
  incidentId,
  actor: 'Alice',
  payload: { text },
});

/** A fold over `record` that reads each device's events beyond a checkpoint, and counts what it reads. */
function foldOver(record: MemoryEventLog, every: number) {
  let read = 0;
  const fold = new CheckpointedFold(
    async function* byDevice(checkpoint) {
      const events = (await record.eventsBeyond(checkpoint?.vector ?? {}, Number.MAX_SAFE_INTEGER)).sort(compareEvents);
      read += events.length;
      yield events;
    },
    { every },
  );
  return { fold, read: () => read };
}

describe('a checkpointed fold read by device', () => {
  it('folds a late event from the checkpoint before it, reading only what sorts after it', async () => {
    const record = device('host');
    const [declared] = record.write(
      [
        {
          type: 'incident.declared',
          actor: 'Alice',
          payload: { title: 'Tills down', severity: 'SEV2', kind: 'technical-failure' },
        },
      ],
      T0,
    );
    const incident = declared?.id ?? '';
    for (let index = 0; index < 3_000; index += 1)
      record.write([note(incident, `host ${index}`)], T0 + (index + 1) * 1_000);
    const { fold, read } = foldOver(record, 500);
    await fold.add(record.all());
    // A laptop that was offline: its notes fall among the host's last 250.
    const laptop = device('laptop');
    const late = Array.from({ length: 20 }, (_, index) =>
      laptop.write([note(incident, `late ${index}`)], T0 + 2_800_000 + index),
    ).flat();
    expect(await record.apply(late)).toMatchObject({ ok: true, stored: 20 });
    const state = await fold.add(late);
    expect(fold.refolds).toBe(1);
    expect(read()).toBeLessThan(600);
    expect(state).toEqual(foldEvents(record.all()));
  });

  it('reaches the fold of the whole record whatever the order batches arrive in (seeded)', async () => {
    for (const seed of [11, 12, 13, 14]) {
      const random = seededRandom(seed);
      const record = device('host');
      const [declared] = record.write(
        [
          {
            type: 'incident.declared',
            actor: 'Alice',
            payload: { title: 'Stores offline', severity: 'SEV1', kind: 'technical-failure' },
          },
        ],
        T0,
      );
      const incident = declared?.id ?? '';
      const peers = ['a', 'b', 'c'].map((name) => {
        const peer = device(`laptop-${name}`);
        const start = T0 + Math.floor(random() * 50_000);
        return Array.from({ length: 700 }, (_, index) =>
          peer.write([note(incident, `${name} ${index}`)], start + index * 37),
        ).flat();
      });
      const { fold } = foldOver(record, 200);
      const sent = peers.map(() => 0);
      // What the reader has not handed over yet: a reader reads each device's events in turn, never skipping one.
      let pending: WarEvent[] = [];
      let now = T0 + 60_000;
      while (sent.some((count, index) => count < (peers[index]?.length ?? 0))) {
        const index = Math.floor(random() * peers.length);
        const batch: WarEvent[] = (peers[index] ?? []).slice(
          sent[index],
          (sent[index] ?? 0) + 1 + Math.floor(random() * 300),
        );
        sent[index] = (sent[index] ?? 0) + batch.length;
        if (batch.length > 0) expect(await record.apply(batch)).toMatchObject({ ok: true });
        const own = random() < 0.5 ? record.write([note(incident, `host at ${now}`)], (now += 1_000)) : [];
        pending.push(...batch, ...own);
        if (random() < 0.7) {
          await fold.add(pending);
          pending = [];
        }
      }
      await fold.add(pending);
      expect(fold.refolds).toBeGreaterThan(0);
      expect(fold.current).toEqual(foldEvents(record.all()));
    }
  }, 60_000);
});
