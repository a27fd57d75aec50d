// The runbook runner through the host's bridge router: the same calls and
// events a window uses, the host deciding from its own record what may run,
// and the evidence landing in that record.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRequest, EventPayload } from '../../common/bridge/contract';
import type { WarEvent } from '../../common/events/event';
import { peer, seedRun } from '../../test/support/seed-run';
import { testHostOptions } from '../../test/support/test-host';
import { FakeClock, settle } from '../services/fake-clock';
import { createHost, type Host } from './host';
import { CATCH_UP_MS } from './runbook-host';

let dir: string;
let host: Host;

beforeEach(async () => {
  incidentId = 'incident-1';
  dir = await mkdtemp(join(tmpdir(), 'runbook-host-'));
  host = await createHost(testHostOptions(dir));
});
afterEach(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

const hello = { program: process.execPath, args: ['-e', "console.log('hello')"] };
const printStep = { id: 'print', kind: 'command' as const, title: 'Print', command: hello };
let execs = 0;
/** The seeded incident; before seeding, one the host has never heard of. */
let incidentId = 'incident-1';
/** The seeded run's start, which approvals name. */
let runHash = '';

async function seed(...args: Parameters<typeof seedRun> extends [unknown, ...infer Rest] ? Rest : never) {
  ({ incidentId, runHash } = await seedRun(host, ...args));
}

function request(overrides: Partial<CallRequest<'runbook:run-step'>> = {}): CallRequest<'runbook:run-step'> {
  execs += 1;
  return {
    execId: `exec-${execs}`,
    incidentId,
    runId: 'run-1',
    stepId: 'print',
    actor: 'Alice',
    dryRun: false,
    action: { kind: 'command', command: { ...hello, timeoutSeconds: 300, expectExit: 0 } },
    after: {},
    ...overrides,
  };
}

function endOf(execId: string): Promise<EventPayload<'runbook:ended'>> {
  return new Promise((resolve) =>
    host.events.subscribe((name, payload) => {
      const ended = payload as EventPayload<'runbook:ended'>;
      if (name === 'runbook:ended' && ended.execId === execId) resolve(ended);
    }),
  );
}

async function stepStatuses(): Promise<(string | false)[]> {
  const events: WarEvent[] = await (await host.log()).eventsBeyond({}, 1_000);
  return events.map((event) => event.type === 'runbook.step-changed' && event.payload.status).filter(Boolean);
}

describe('runbook steps through the host', () => {
  it('runs a confirmed command of its record, streams its output and records its evidence', async () => {
    await seed([printStep]);
    const output: EventPayload<'runbook:output'>[] = [];
    host.events.subscribe((name, payload) => {
      if (name === 'runbook:output') output.push(payload as EventPayload<'runbook:output'>);
    });
    const asked = request();
    const ended = endOf(asked.execId);
    const result = await host.route('runbook:run-step', asked);
    expect(result).toEqual({ ok: true, value: { execId: asked.execId } });
    const end = await ended;
    expect(end).toMatchObject({ status: 'done', evidence: { exitCode: 0, output: 'hello\n' } });
    expect(Buffer.concat(output.map((chunk) => chunk.data)).toString()).toBe('hello\n');
    expect(await stepStatuses()).toEqual(['running', 'done']);
  });

  it('refuses a request that is not a confirmed command', async () => {
    const result = await host.route('runbook:run-step', {
      ...request(),
      action: { kind: 'command', command: { program: '', args: [] } },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('runs nothing its record does not hold, and nothing other than what the record says', async () => {
    expect(await host.route('runbook:run-step', request())).toMatchObject({
      ok: false,
      error: { code: 'refused', message: 'unknown-incident' },
    });
    await seed([printStep, { id: 'look', kind: 'manual', title: 'Look' }]);
    const cases: [Partial<CallRequest<'runbook:run-step'>>, string][] = [
      [{ runId: 'run-2' }, 'unknown-run'],
      [{ stepId: 'nope' }, 'unknown-step'],
      [{ stepId: 'look' }, 'not-acting'],
      // A window (or anyone on the bridge) asking for another program than the step's.
      [
        {
          action: {
            kind: 'command',
            command: { program: 'sh', args: ['-c', 'rm -rf /'], timeoutSeconds: 300, expectExit: 0 },
          },
        },
        'changed',
      ],
      [
        {
          action: {
            kind: 'command',
            command: { ...hello, args: [...hello.args, '--extra'], timeoutSeconds: 300, expectExit: 0 },
          },
        },
        'changed',
      ],
    ];
    for (const [overrides, refusal] of cases) {
      expect(await host.route('runbook:run-step', request(overrides)), refusal).toMatchObject({
        ok: false,
        error: { code: 'refused', message: refusal },
      });
    }
    expect(await stepStatuses()).toEqual([]);
  });

  it('runs a step that needs approval only once a second person approved it in the record', async () => {
    await seed([{ ...printStep, approval: true }]);
    expect(await host.route('runbook:run-step', request())).toMatchObject({
      ok: false,
      error: { code: 'refused', message: 'not-approved' },
    });
    // The run was started by the host's own device (seedRun); people approve from their laptops.
    const alice = peer(host, 'alice-laptop', 'Alice');
    const bob = peer(host, 'bob-laptop', 'Bob');
    const change = (
      from: typeof alice,
      status: 'awaiting-approval' | 'approved',
      actor: string,
      extra: { runHash?: string } = {},
    ) =>
      from.write([
        {
          type: 'runbook.step-changed',
          incidentId,
          actor,
          payload: { runId: 'run-1', stepId: 'print', status, ...extra },
        },
      ]);
    await change(alice, 'awaiting-approval', 'Alice');
    await change(alice, 'approved', 'Alice', { runHash });
    expect(await host.route('runbook:run-step', request()), 'approved by the asker').toMatchObject({
      ok: false,
      error: { code: 'refused', message: 'not-approved' },
    });
    // An approval that names no start (an older version wrote it) does not let a command run for real.
    await change(bob, 'approved', 'Bob');
    expect(await host.route('runbook:run-step', request()), 'legacy approval').toMatchObject({
      ok: false,
      error: { code: 'refused', message: 'legacy-approval' },
    });
    await change(bob, 'approved', 'Bob', { runHash });
    expect(await host.route('runbook:run-step', request({ actor: 'Bob' })), 'run by its approver').toMatchObject({
      ok: false,
      error: { code: 'refused', message: 'approver-runs' },
    });
    const asked = request();
    const ended = endOf(asked.execId);
    expect(await host.route('runbook:run-step', asked)).toEqual({ ok: true, value: { execId: asked.execId } });
    expect((await ended).status).toBe('done');
    // Finished: running it again needs a reopen, and a new approval.
    expect(await host.route('runbook:run-step', request())).toMatchObject({
      ok: false,
      error: { code: 'refused', message: 'finished' },
    });
  });

  it('acts on nothing of a run whose id a second start claims (see test/adversary for a backdated one)', async () => {
    await seed([{ ...printStep, approval: true }]);
    const bob = peer(host, 'bob-laptop', 'Bob');
    await bob.write([
      {
        type: 'runbook.step-changed',
        incidentId,
        actor: 'Bob',
        payload: { runId: 'run-1', stepId: 'print', status: 'approved', runHash },
      },
    ]);
    const mallory = peer(host, 'mallory-laptop', 'Mallory');
    await mallory.write([
      {
        type: 'runbook.run-started',
        incidentId,
        actor: 'Mallory',
        payload: {
          runId: 'run-1',
          runbookId: 'seeded',
          version: 1,
          runbook: { id: 'seeded', title: 'Seeded runbook', steps: [{ ...printStep, approval: true }] },
        },
      },
    ]);
    expect(await host.route('runbook:run-step', request())).toMatchObject({
      ok: false,
      error: { code: 'refused', message: 'contested' },
    });
    expect(await stepStatuses()).toEqual(['approved']);
  });

  it('starts one execution when two windows ask for the same step at once', async () => {
    await seed([
      {
        id: 'print',
        kind: 'command',
        title: 'Slow',
        command: { program: process.execPath, args: ['-e', 'setTimeout(() => {}, 300)'] },
      },
    ]);
    const action = {
      kind: 'command' as const,
      command: {
        program: process.execPath,
        args: ['-e', 'setTimeout(() => {}, 300)'],
        timeoutSeconds: 300,
        expectExit: 0,
      },
    };
    const first = request({ action });
    const ended = endOf(first.execId);
    const results = await Promise.all([
      host.route('runbook:run-step', first),
      host.route('runbook:run-step', request({ action })),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ error: { code: 'refused', message: 'running' } });
    await ended;
    expect(await stepStatuses()).toEqual(['running', 'done']);
  });

  it('keeps an exercise without live actions to dry runs', async () => {
    await seed([printStep], { exercise: true });
    expect(await host.route('runbook:run-step', request())).toMatchObject({
      ok: false,
      error: { code: 'refused', message: 'live-in-exercise' },
    });
    const asked = request({ dryRun: true });
    const ended = endOf(asked.execId);
    expect(await host.route('runbook:run-step', asked)).toMatchObject({ ok: true });
    expect((await ended).evidence.outcome).toBe('dry-run');
  });
});

describe('a host that has not yet received the window’s changes', () => {
  it('waits for them by sync, and refuses once it has waited long enough', async () => {
    await host.close();
    const clock = new FakeClock(Date.UTC(2026, 10, 22, 9));
    host = await createHost(testHostOptions(dir, { clock }));
    // Opening the record (the host's device key first) does not count against the wait.
    await host.log();
    // The window has written five events the host has not seen.
    const pending = host.route('runbook:run-step', request({ after: { 'window-device': 5 } }));
    await settle();
    await clock.advance(CATCH_UP_MS);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'refused', message: 'behind' } });
  });
});

describe('waiting on a monitor', () => {
  it('ends at once, as failed, when the host has no such monitor', async () => {
    await seed([{ id: 'wait', kind: 'wait-monitor', title: 'Wait', monitor: 'site-home', until: 'up' }]);
    const asked = request({
      stepId: 'wait',
      action: { kind: 'wait', wait: { monitor: 'site-home', until: 'up', timeoutSeconds: 900 } },
    });
    const ended = endOf(asked.execId);
    expect(await host.route('runbook:run-step', asked)).toMatchObject({ ok: true });
    expect(await ended).toMatchObject({ status: 'failed', evidence: { kind: 'wait', outcome: 'no-monitor' } });
  });
});
