// The fold behind every screen, in Node: a full fold of a 100,000-entry incident
// (what a window does once when it opens its record), and the incremental step a
// new note costs on top of it (what the window does on every post), at 100,000
// and at 1,000,000 entries: a post must cost the same whatever the incident's
// history. The browser figures of the timeline, painting included, are in
// timeline.bench.ts.
import { advanceState, foldEvents, type WarRoomState } from '../common/domain/incidents';
import { EMPTY_HEAD, sealEvents, type ChainHead } from '../common/events/chain';
import type { EventDraft, WarEvent } from '../common/events/event';
import { max, median, min, type Figure } from './figure';

const FULL_RUNS = 5;
const NOTE_SAMPLES = 200;
const NOTE_TARGET_MS = 1;

function p95(values: readonly number[]): number {
  const ordered = [...values].sort((a, b) => a - b);
  return ordered[Math.min(ordered.length - 1, Math.floor(ordered.length * 0.95))] ?? Number.NaN;
}

const ms = (value: number) => (value < 0.1 ? `${(value * 1000).toFixed(1)} µs` : `${value.toFixed(2)} ms`);

function spread(values: readonly number[]): string {
  return `min ${ms(min(values))}, median ${ms(median(values))}, max ${ms(max(values))}`;
}

function build(entries: number): { events: WarEvent[]; head: ChainHead; incidentId: string; clock: number } {
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
  for (let i = 1; i < entries; i += 1) {
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

interface Measured {
  readonly fullRuns: number[];
  readonly steps: number[];
}

/** Full folds of an `entries`-entry incident, then one note at a time folded onto it. */
function measure(entries: number, fullRuns: number): Measured {
  const { events, head, incidentId, clock } = build(entries);
  const runs: number[] = [];
  let state: WarRoomState | undefined;
  for (let run = 0; run < fullRuns; run += 1) {
    const started = performance.now();
    state = foldEvents(events);
    runs.push(performance.now() - started);
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
  if (current.incidents.get(incidentId)!.timeline.length !== entries + NOTE_SAMPLES) throw new Error('lost a note');
  return { fullRuns: runs, steps };
}

export default async function fold(): Promise<Figure[]> {
  const small = measure(100_000, FULL_RUNS);
  // Fewer full folds at a million: they only set the stage for the notes.
  const large = measure(1_000_000, 2);
  await Promise.resolve();
  return [
    {
      name: 'fold 100,000 timeline entries (full)',
      value: median(small.fullRuns),
      unit: 'ms',
      target: null,
      better: 'lower',
      note: `median of ${small.fullRuns.length} runs (${spread(small.fullRuns)})`,
    },
    {
      name: 'fold one new note onto 100,000 entries, p95',
      value: p95(small.steps),
      unit: 'ms',
      target: null,
      better: 'lower',
      note: `${NOTE_SAMPLES} notes (${spread(small.steps)}); the browser budget from post to paint is 50 ms`,
    },
    {
      name: 'fold 1,000,000 timeline entries (full)',
      value: median(large.fullRuns),
      unit: 'ms',
      target: null,
      better: 'lower',
      note: `median of ${large.fullRuns.length} runs (${spread(large.fullRuns)})`,
    },
    {
      name: 'fold one new note onto 1,000,000 entries, p95',
      value: p95(large.steps),
      unit: 'ms',
      target: NOTE_TARGET_MS,
      better: 'lower',
      note: `${NOTE_SAMPLES} notes (${spread(large.steps)}); a post costs the same whatever the history`,
    },
  ];
}
