// The fold behind every screen, in Node: a full fold of a 100,000-entry incident
// (what a window does once when it opens its record), and the incremental step a
// new note costs on top of it (what the window does on every post). The browser
// figures of the timeline, painting included, are in timeline.bench.ts.
import { advanceState, foldEvents, type WarRoomState } from '../common/domain/incidents';
import { EMPTY_HEAD, sealEvents, type ChainHead } from '../common/events/chain';
import type { EventDraft, WarEvent } from '../common/events/event';
import { median, type Figure } from './figure';

const ENTRIES = 100_000;
const NOTE_SAMPLES = 200;

function p95(values: readonly number[]): number {
  const ordered = [...values].sort((a, b) => a - b);
  return ordered[Math.min(ordered.length - 1, Math.floor(ordered.length * 0.95))] ?? Number.NaN;
}

function build(): { events: WarEvent[]; head: ChainHead; incidentId: string; clock: number } {
  let ids = 0;
  const newId = () => `e${(ids += 1)}`;
  let clock = 1_700_000_000_000;
  const declared = sealEvents(
    EMPTY_HEAD,
    [
      {
        type: 'incident.declared',
        actor: 'IC',
        payload: { title: 'Black Friday', severity: 'SEV1', kind: 'performance' },
      },
    ],
    { workspace: 'default', deviceId: 'bench', nowMs: clock, newId },
  );
  const incidentId = declared.events[0]!.id;
  const drafts: EventDraft[] = [];
  for (let i = 1; i < ENTRIES; i += 1) {
    drafts.push({
      type: 'incident.note-added',
      incidentId,
      actor: `person ${i % 7}`,
      payload: { text: `Observation ${i}: checkout p95 at ${(i % 40) / 10 + 1} s`, kind: 'observation' },
    });
  }
  clock += 1_000;
  const notes = sealEvents(declared.head, drafts, { workspace: 'default', deviceId: 'bench', nowMs: clock, newId });
  return { events: [...declared.events, ...notes.events], head: notes.head, incidentId, clock };
}

export default async function fold(): Promise<Figure[]> {
  const { events, head, incidentId, clock } = build();
  const fullRuns: number[] = [];
  let state: WarRoomState | undefined;
  for (let run = 0; run < 5; run += 1) {
    const started = performance.now();
    state = foldEvents(events);
    fullRuns.push(performance.now() - started);
  }
  let current = state!;
  let chain = head;
  const steps: number[] = [];
  for (let i = 0; i < NOTE_SAMPLES; i += 1) {
    const note = sealEvents(
      chain,
      [{ type: 'incident.note-added', incidentId, actor: 'IC', payload: { text: `note ${i}` } }],
      { workspace: 'default', deviceId: 'bench', nowMs: clock + 1_000 + i, newId: () => `n${i}` },
    );
    chain = note.head;
    const started = performance.now();
    current = advanceState(current, note.events) ?? foldEvents([...events, ...note.events]);
    steps.push(performance.now() - started);
  }
  if (current.incidents.get(incidentId)!.timeline.length !== ENTRIES + NOTE_SAMPLES) throw new Error('lost a note');
  await Promise.resolve();
  return [
    {
      name: 'fold 100,000 timeline entries (full)',
      value: median(fullRuns),
      unit: 'ms',
      target: null,
      better: 'lower',
      note: `median of ${fullRuns.length} runs`,
    },
    {
      name: 'fold one new note onto 100,000 entries, p95',
      value: p95(steps),
      unit: 'ms',
      target: null,
      better: 'lower',
      note: `${NOTE_SAMPLES} notes; the browser budget from post to paint is 50 ms`,
    },
  ];
}
