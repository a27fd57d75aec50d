// The exercise workspace through the host's bridge: the facilitator's calls
// land in the exercise log and never in the real record; the clock fires
// injects at the session's speed, stands still while paused, and never fires
// twice what a person fired by hand; messages are recorded, never delivered;
// runbook commands stay dry runs unless the session allows live actions.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../common/bridge/contract';
import { foldEvents } from '../../common/domain/incidents';
import { DEFAULT_WORKSPACE, EXERCISE_WORKSPACE, type WarEvent } from '../../common/events/event';
import { paymentScenario } from '../../common/exercises/drill.fixture';
import { FakeClock } from '../services/fake-clock';
import { seedRun } from '../../test/support/seed-run';
import { memoryWorkspace, testHostOptions } from '../../test/support/test-host';
import { createHost, type Host } from './host';
import type { OpenedLog } from './host-store';

const SECOND = 1_000;
let dir: string;
let clock: FakeClock;
let real: ReturnType<typeof memoryWorkspace>;
let drill: ReturnType<typeof memoryWorkspace>;
let host: Host;

async function openHost(): Promise<Host> {
  const opened: OpenedLog = { ...real, workspace: () => drill, close: async () => undefined };
  return createHost(testHostOptions(dir, { clock, openLog: async () => opened }));
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warroom-exercise-host-'));
  clock = new FakeClock(Date.UTC(2026, 11, 6, 9, 0));
  real = memoryWorkspace(DEFAULT_WORKSPACE);
  drill = memoryWorkspace(EXERCISE_WORKSPACE);
  host = await openHost();
});

afterEach(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

async function call(channel: string, payload: unknown): Promise<unknown> {
  const result = await host.route(channel, payload);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function refusal(channel: string, payload: unknown): Promise<string> {
  const result = await host.route(channel, payload);
  if (result.ok) throw new Error(`${channel} was accepted`);
  return `${result.error.code}: ${result.error.message}`;
}

async function all(log: ReturnType<typeof memoryWorkspace>['log']): Promise<WarEvent[]> {
  return log.eventsBeyond({}, 100_000);
}

async function start(speed = 10, allowLiveActions = false): Promise<string> {
  const { sessionId } = (await call('exercise:start', {
    actor: 'Fatima',
    scenario: JSON.parse(JSON.stringify(paymentScenario())),
    speed,
    allowLiveActions,
  })) as { sessionId: string };
  return sessionId;
}

async function fired(sessionId: string): Promise<{ id: string; by: string; at: number }[]> {
  const session = foldEvents(await all(drill.log)).exercises.get(sessionId);
  return [...(session?.fired.values() ?? [])].map((each) => ({ id: each.inject.id, by: each.by, at: each.at }));
}

describe('exercises through the host', () => {
  it('fires the injects at the chosen speed, in order, into the exercise log only', async () => {
    const t0 = clock.now();
    const sessionId = await start(10);
    // The scenario: psp-down at 0, support-flood at 5 min, status-page at 12 min, switch-question at 20 min.
    expect((await fired(sessionId)).map((each) => each.id)).toEqual(['psp-down']);
    await clock.advance(29 * SECOND);
    expect((await fired(sessionId)).map((each) => each.id)).toEqual(['psp-down']);
    await clock.advance(1 * SECOND);
    expect(await fired(sessionId)).toEqual([
      { id: 'psp-down', by: 'clock', at: t0 },
      { id: 'support-flood', by: 'clock', at: t0 + 30 * SECOND },
    ]);
    await clock.advance(90 * SECOND);
    expect((await fired(sessionId)).map((each) => [each.id, each.at - t0])).toEqual([
      ['psp-down', 0],
      ['support-flood', 30 * SECOND],
      ['status-page', 72 * SECOND],
      ['switch-question', 120 * SECOND],
    ]);
    expect(await all(real.log)).toEqual([]);
    const scripted = foldEvents(await all(drill.log))
      .exercises.get(sessionId)
      ?.monitors.get('Payment gateway');
    expect(scripted?.status).toBe('down');
  });

  it('stands still while paused and resumes where it stopped', async () => {
    const sessionId = await start(10);
    await clock.advance(20 * SECOND);
    await call('exercise:control', { actor: 'Fatima', sessionId, action: 'paused' });
    await clock.advance(10 * 60 * SECOND);
    expect((await fired(sessionId)).map((each) => each.id)).toEqual(['psp-down']);
    const resumedAt = clock.now();
    await call('exercise:control', { actor: 'Fatima', sessionId, action: 'resumed' });
    // 20 s of the 30 s to support-flood were played before the pause.
    await clock.advance(10 * SECOND);
    const after = await fired(sessionId);
    expect(after.map((each) => each.id)).toEqual(['psp-down', 'support-flood']);
    expect(after[1]?.at).toBe(resumedAt + 10 * SECOND);
  });

  it('never fires twice an inject fired by hand, and drops the skipped ones', async () => {
    const sessionId = await start(1);
    await call('exercise:inject', { actor: 'Fatima', sessionId, injectId: 'status-page', action: 'fired' });
    await call('exercise:inject', { actor: 'Fatima', sessionId, injectId: 'support-flood', action: 'skipped' });
    expect(
      await refusal('exercise:inject', { actor: 'Fatima', sessionId, injectId: 'status-page', action: 'fired' }),
    ).toBe('refused: already-played');
    expect(await refusal('exercise:inject', { actor: 'Fatima', sessionId, injectId: 'no-such', action: 'fired' })).toBe(
      'refused: unknown-inject',
    );
    await clock.advance(21 * 60 * SECOND);
    expect((await fired(sessionId)).map((each) => [each.id, each.by])).toEqual([
      ['psp-down', 'clock'],
      ['status-page', 'facilitator'],
      ['switch-question', 'clock'],
    ]);
    const events = await all(drill.log);
    expect(events.filter((event) => event.type === 'exercise.inject')).toHaveLength(4);
  });

  it('refuses a second session, an unreadable scenario and calls on an ended session', async () => {
    expect(
      await refusal('exercise:start', { actor: 'Fatima', scenario: { id: 'x' }, speed: 1, allowLiveActions: false }),
    ).toBe('refused: invalid-scenario');
    const sessionId = await start(1);
    expect(
      await refusal('exercise:start', {
        actor: 'Fatima',
        scenario: JSON.parse(JSON.stringify(paymentScenario())),
        speed: 1,
        allowLiveActions: false,
      }),
    ).toBe('refused: already-running');
    expect(
      await refusal('exercise:start', { actor: 'Fatima', scenario: {}, speed: 11, allowLiveActions: false }),
    ).toMatch(/^invalid-payload: .*speed/);
    await call('exercise:control', { actor: 'Fatima', sessionId, action: 'ended' });
    expect(await refusal('exercise:control', { actor: 'Fatima', sessionId, action: 'resumed' })).toBe('refused: ended');
    expect(await refusal('exercise:control', { actor: 'Fatima', sessionId: 'other', action: 'paused' })).toBe(
      'refused: unknown-session',
    );
    await clock.advance(30 * 60 * SECOND);
    expect((await fired(sessionId)).map((each) => each.id)).toEqual(['psp-down']);
    // Once ended, a new session may start.
    expect(await start(1)).not.toBe(sessionId);
  });

  it('refuses to steer or feed a session whose clock runs on another laptop, and writes nothing', async () => {
    const sessionId = await start(1);
    await host.close();
    // Another laptop that holds the same exercise record, synced, with a device of its own.
    const elsewhere = memoryWorkspace(EXERCISE_WORKSPACE, 'other-laptop');
    await elsewhere.log.apply(await all(drill.log));
    drill = elsewhere;
    host = await openHost();
    expect(await refusal('exercise:control', { actor: 'Bob', sessionId, action: 'paused' })).toBe(
      'refused: clock-elsewhere',
    );
    expect(
      await refusal('exercise:control', { actor: 'Bob', sessionId, action: 'live-actions', allowLiveActions: true }),
    ).toBe('refused: clock-elsewhere');
    expect(
      await refusal('exercise:inject', { actor: 'Bob', sessionId, injectId: 'status-page', action: 'fired' }),
    ).toBe('refused: clock-elsewhere');
    await clock.advance(30 * 60 * SECOND);
    // Nor does this laptop's clock fire the other's injects.
    expect((await all(drill.log)).filter((event) => event.deviceId === 'other-laptop')).toEqual([]);
  });

  it('picks up after a restart: injects that fell due while it was down fire at once, in order', async () => {
    const sessionId = await start(10);
    await host.close();
    await clock.advance(100 * SECOND);
    host = await openHost();
    // The start-up delay of the host is real time; the clock starts on the first exercise change too.
    await call('exercise:control', { actor: 'Fatima', sessionId, action: 'speed', speed: 10 });
    expect((await fired(sessionId)).map((each) => each.id)).toEqual(['psp-down', 'support-flood', 'status-page']);
  });

  it('records a message sent in the exercise, and delivers nothing', async () => {
    await start(1);
    const result = await call('comms:send', {
      messageId: 'm1',
      incidentId: 'i1',
      actor: 'Fatima',
      audience: 'customers',
      subject: 'Payments',
      text: 'We are aware of declined card payments.',
      channel: { id: 'c1', name: 'Customers list', kind: 'slack', secret: 'slack-hook' },
      workspace: EXERCISE_WORKSPACE,
    });
    expect(result).toEqual({ status: 'rehearsed' });
    const recorded = (await all(drill.log)).find((event) => event.type === 'comms.message-recorded');
    expect(recorded?.payload).toMatchObject({ channel: 'clipboard', destination: 'Customers list' });
    expect(await all(real.log)).toEqual([]);
    expect(await call('comms:outbox', {})).toEqual({ items: [] });
  });

  it('keeps runbook commands dry unless the session allows live actions', async () => {
    const sessionId = await start(1, false);
    const hello = { program: process.execPath, args: ['-e', "console.log('hello')"] };
    const { incidentId, runId } = await seedRun(
      {
        append: async (drafts) => void (await drill.append?.(drafts, clock.now())),
        log: async () => drill.log,
      },
      [
        { id: 'print', kind: 'command', title: 'Print', command: hello },
        { id: 'again', kind: 'command', title: 'Print again', command: hello },
      ],
    );
    const request = {
      execId: 'x1',
      incidentId,
      runId,
      stepId: 'print',
      actor: 'Ana',
      dryRun: false,
      action: { kind: 'command', command: { ...hello, timeoutSeconds: 300, expectExit: 0 } },
      after: await drill.log.vector(),
      workspace: EXERCISE_WORKSPACE,
    };
    expect(await refusal('runbook:run-step', request)).toBe('refused: live-in-exercise');
    // The same run is unknown to the real record: workspaces never mix.
    expect(await refusal('runbook:run-step', { ...request, workspace: DEFAULT_WORKSPACE, after: {} })).toBe(
      'refused: unknown-incident',
    );
    const dry = await host.route('runbook:run-step', { ...request, execId: 'x2', dryRun: true });
    expect(dry).toEqual({ ok: true, value: { execId: 'x2' } });
    await call('exercise:control', { actor: 'Fatima', sessionId, action: 'live-actions', allowLiveActions: true });
    const ended = new Promise<EventPayload<'runbook:ended'>>((resolve) =>
      host.events.subscribe((name, payload) => {
        const end = payload as EventPayload<'runbook:ended'>;
        if (name === 'runbook:ended' && end.execId === 'x3') resolve(end);
      }),
    );
    const live = await host.route('runbook:run-step', {
      ...request,
      execId: 'x3',
      stepId: 'again',
      after: await drill.log.vector(),
    });
    expect(live).toEqual({ ok: true, value: { execId: 'x3' } });
    expect(await ended).toMatchObject({ status: 'done', evidence: { exitCode: 0, output: 'hello\n' } });
    // The evidence is the drill's, not the real record's.
    expect(await all(real.log)).toEqual([]);
  });
});
