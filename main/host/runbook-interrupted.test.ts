// A host killed while a command step runs: on its next start, the step the
// record still shows running is recorded as failed, interrupted, and can be
// run again. Real processes and the real store.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WarEvent } from '../../common/events/event';
import { testHostOptions } from '../../test/support/test-host';
import { createLogger } from '../services/logger';
import { IN_FLIGHT_FILE } from '../services/runbook/in-flight';
import { createHost, type Host } from './host';
import { openHostStore } from './host-store';

const FIXTURE = join(__dirname, 'run-step-child.fixture.ts');

let dir: string;
let pidFile: string;
let host: Host | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runbook-interrupted-'));
  pidFile = join(dir, 'command.pid');
});
afterEach(async () => {
  await host?.close();
  host = undefined;
  // The command outlives its killed host (its own process group): end it here.
  if (existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  await rm(dir, { recursive: true, force: true });
});

/** Runs the fixture host until its step is running, then SIGKILLs it. */
function runThenKill(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, join(dir, 'data'), pidFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let incidentId = '';
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^running (\S+)$/.exec(line);
      if (!match) return;
      incidentId = match[1]!;
      child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && incidentId) resolve(incidentId);
      else reject(new Error(`the host stopped on its own (${code ?? signal}): ${stderr}`));
    });
  });
}

function openHost(): Promise<Host> {
  const dataDir = join(dir, 'data');
  return createHost(
    testHostOptions(dataDir, { openLog: (identity) => openHostStore(dataDir, createLogger('store'), identity) }),
  );
}

async function stepChanges(of: Host): Promise<Extract<WarEvent, { type: 'runbook.step-changed' }>['payload'][]> {
  const events = await (await of.log()).eventsBeyond({}, 1_000);
  return events.flatMap((event) => (event.type === 'runbook.step-changed' ? [event.payload] : []));
}

// A child process opening the real store, then a second host on it: tens of seconds on a busy machine.
describe('a host killed while a step runs', { timeout: 120_000 }, () => {
  it('records the step as interrupted when it starts again, and lets it run again', async () => {
    const incidentId = await runThenKill();
    const journal = join(dir, 'data', IN_FLIGHT_FILE);
    expect(JSON.parse(await readFile(journal, 'utf8')).entries).toHaveLength(1);

    host = await openHost();
    const started = host;
    // The recovery runs with the host's other start-up work, a moment after it starts.
    await expect
      .poll(async () => (await stepChanges(started)).map((change) => change.status), { timeout: 30_000 })
      .toEqual(['running', 'failed']);
    const [, failed] = await stepChanges(host);
    expect(failed?.evidence).toMatchObject({
      kind: 'command',
      outcome: 'interrupted',
      program: process.execPath,
      execId: 'exec-killed',
    });
    // Forgotten once recorded, so a third start records nothing more.
    await expect.poll(async () => JSON.parse(await readFile(journal, 'utf8')).entries).toEqual([]);

    // No longer "running": reopened, as the checklist's "Reopen" does, it runs again.
    await host.append([
      {
        type: 'runbook.step-changed',
        incidentId,
        actor: 'Alice',
        payload: { runId: 'run-1', stepId: 'long', status: 'pending' },
      },
    ]);
    const command = {
      program: process.execPath,
      args: [
        '-e',
        `require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`,
      ],
    };
    const again = await host.route('runbook:run-step', {
      execId: 'exec-again',
      incidentId,
      runId: 'run-1',
      stepId: 'long',
      actor: 'Alice',
      dryRun: false,
      action: { kind: 'command', command: { ...command, timeoutSeconds: 300, expectExit: 0 } },
      after: {},
    });
    expect(again).toEqual({ ok: true, value: { execId: 'exec-again' } });
  });

  it('sets an unreadable journal aside and starts clean', async () => {
    const dataDir = join(dir, 'data');
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, IN_FLIGHT_FILE), '{"version":1,"entries":[{"execId":');
    host = await createHost(testHostOptions(dataDir));
    await expect
      .poll(async () => (await readdir(dataDir)).filter((name) => name.startsWith(`${IN_FLIGHT_FILE}.unreadable-`)), {
        timeout: 30_000,
      })
      .toHaveLength(1);
    expect(await stepChanges(host)).toEqual([]);
  });
});
