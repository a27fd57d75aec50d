// The runbook runner through the host's bridge router: the same calls and
// events a window uses, and the evidence landing in the host's own record.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../common/bridge/contract';
import { testHostOptions } from '../../test/support/test-host';
import { createHost, type Host } from './host';

let dir: string;
let host: Host;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runbook-host-'));
  host = await createHost(testHostOptions(dir));
});
afterEach(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

describe('runbook steps through the host', () => {
  it('runs a confirmed command, streams its output and records its evidence', async () => {
    const output: EventPayload<'runbook:output'>[] = [];
    const ended = new Promise<EventPayload<'runbook:ended'>>((resolve) =>
      host.events.subscribe((name, payload) => {
        if (name === 'runbook:output') output.push(payload as EventPayload<'runbook:output'>);
        if (name === 'runbook:ended') resolve(payload as EventPayload<'runbook:ended'>);
      }),
    );
    const result = await host.route('runbook:run-step', {
      execId: 'exec-1',
      incidentId: 'incident-1',
      runId: 'run-1',
      stepId: 'print',
      actor: 'Alice',
      dryRun: false,
      action: { kind: 'command', command: { program: process.execPath, args: ['-e', "console.log('hello')"] } },
    });
    expect(result).toEqual({ ok: true, value: { execId: 'exec-1' } });
    const end = await ended;
    expect(end).toMatchObject({ status: 'done', evidence: { exitCode: 0, output: 'hello\n' } });
    expect(Buffer.from(output.map((chunk) => chunk.data).join(''), 'base64').toString()).toBe('hello\n');
    const log = await host.log();
    const events = await log.eventsBeyond({}, 100);
    expect(events.map((event) => event.type === 'runbook.step-changed' && event.payload.status)).toEqual([
      'running',
      'done',
    ]);
  });

  it('refuses a request that is not a confirmed command', async () => {
    const result = await host.route('runbook:run-step', {
      execId: 'exec-2',
      incidentId: 'incident-1',
      runId: 'run-1',
      stepId: 'print',
      actor: 'Alice',
      dryRun: false,
      action: { kind: 'command', command: { program: '', args: [] } },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });
});
