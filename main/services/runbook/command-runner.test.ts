// The runner against real child processes: exit codes, timeouts, cancel of a
// whole process group, large and binary output, standard input, flow control,
// hostile step text that must stay plain arguments, and an environment of
// the host's that the command never sees.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventDraft } from '../../../common/events/event';
import { commandSpecSchema, type CommandSpec } from '../../../common/runbooks/runbook-schema';
import { systemClock } from '../clock';
import { FakeClock } from '../fake-clock';
import { createLogger } from '../logger';
import { commandEnvironment, startCommand } from './command-runner';
import { RunbookRunner, type ExecEnded, type RunStepRequest } from './runbook-runner';

const NODE = process.execPath;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runbook-runner-'));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const PRINT_ENV = 'console.log(JSON.stringify(process.env))';

/** What a host started with a token in its environment holds (the runner reads `process.env`). */
function hostWithSecret(): void {
  vi.stubEnv('WARROOM_TEST_SECRET', 'hunter2');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'also-secret');
  vi.stubEnv('LANG', 'fr_FR.UTF-8');
  vi.stubEnv('TZ', 'Europe/Paris');
  vi.stubEnv('HOME', dir);
}

function node(script: string, extra: Partial<CommandSpec> = {}): CommandSpec {
  return commandSpecSchema.parse({ program: NODE, args: ['-e', script], ...extra });
}

function run(spec: CommandSpec, clock = systemClock) {
  const chunks: Buffer[] = [];
  const listeners: ((text: string) => void)[] = [];
  const command = startCommand(spec, {
    clock,
    defaultCwd: dir,
    onOutput: (chunk) => {
      chunks.push(chunk);
      for (const listener of listeners) listener(Buffer.concat(chunks).toString());
    },
  });
  /** Resolves once the output contains `text`: the child is where the test needs it. */
  const waitForOutput = (text: string) =>
    new Promise<string>((resolve) => {
      const check = (all: string) => {
        if (all.includes(text)) resolve(all);
      };
      listeners.push(check);
      check(Buffer.concat(chunks).toString());
    });
  return { command, chunks, waitForOutput, output: () => Buffer.concat(chunks) };
}

/** Alive means running: a zombie waiting to be reaped has already died. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('command steps as real processes', () => {
  it('records success with the exit code, duration and output', async () => {
    const { command } = run(node("console.log('line 1'); console.log('line 2')"));
    const result = await command.done;
    expect(result).toMatchObject({ outcome: 'ok', exitCode: 0, signal: null });
    expect(result.output.text).toBe('line 1\nline 2\n');
    expect(result.output.sha256).toBe(createHash('sha256').update('line 1\nline 2\n').digest('hex'));
  });

  it('fails on an exit code other than the expected one, and passes on the expected one', async () => {
    expect(await run(node('process.exit(3)')).command.done).toMatchObject({ outcome: 'unexpected-exit', exitCode: 3 });
    expect(await run(node('process.exit(3)', { expectExit: 3 })).command.done).toMatchObject({
      outcome: 'ok',
      exitCode: 3,
    });
  });

  it('reports a program that does not exist as unable to start', async () => {
    const result = await run({ ...node(''), program: 'no-such-program-here' }).command.done;
    expect(result.outcome).toBe('spawn-failed');
    expect(result.error).toContain('ENOENT');
  });

  it('kills a hung command when its time limit passes', async () => {
    const clock = new FakeClock();
    const { command, waitForOutput } = run(
      node("setInterval(() => {}, 1000); console.log('ready')", { timeoutSeconds: 30 }),
      clock,
    );
    await waitForOutput('ready');
    await clock.advance(30_000);
    const result = await command.done;
    expect(result).toMatchObject({ outcome: 'timed-out', signal: 'SIGTERM' });
    expect(result.durationMs).toBe(30_000);
  });

  it('escalates to SIGKILL when the command ignores SIGTERM', async () => {
    const clock = new FakeClock();
    const { command, waitForOutput } = run(
      node("process.on('SIGTERM', () => console.log('ignored')); setInterval(() => {}, 1000); console.log('ready')"),
      clock,
    );
    await waitForOutput('ready');
    command.cancel();
    await waitForOutput('ignored');
    await clock.advance(3_000);
    expect(await command.done).toMatchObject({ outcome: 'cancelled', signal: 'SIGKILL' });
  });

  it('cancel kills the whole process group, grandchildren included', async () => {
    // The parent starts two grandchildren that share its output pipe, prints their pids, and waits.
    const script = `
      const { spawn } = require('node:child_process');
      const kids = [0, 1].map(() => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: ['ignore', 'inherit', 'inherit'] }));
      console.log('pids ' + kids.map((kid) => kid.pid).join(' ') + ' end');
      setInterval(() => {}, 1000);`;
    const { command, waitForOutput } = run(node(script));
    const printed = await waitForOutput(' end');
    const pids = /pids (\d+) (\d+) end/.exec(printed)!.slice(1).map(Number);
    expect(pids.every(isAlive)).toBe(true);
    command.cancel();
    // The pipe closes only once every process holding it (the grandchildren too) is gone.
    expect(await command.done).toMatchObject({ outcome: 'cancelled' });
    // Killed, they may linger a moment as zombies until their reaper collects them.
    await vi.waitFor(() => expect(pids.filter(isAlive)).toEqual([]), { timeout: 5_000, interval: 20 });
  });

  it('does not wait for a grandchild left behind by a command that exited', async () => {
    const script = `
      const { spawn } = require('node:child_process');
      spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: ['ignore', 'inherit', 'inherit'] }).unref();
      console.log('started');`;
    expect(await run(node(script)).command.done).toMatchObject({ outcome: 'ok', exitCode: 0 });
  });

  it('passes binary output through byte for byte, and keeps printable text as evidence', async () => {
    const { command, output } = run(
      node('process.stdout.write(Buffer.from(Array.from({ length: 256 }, (_, i) => i)))'),
    );
    const result = await command.done;
    expect([...output()]).toEqual(Array.from({ length: 256 }, (_, index) => index));
    expect(result.output.bytes).toBe(256);
    expect(result.output.text.includes(String.fromCharCode(0))).toBe(false);
  });

  it('gives a command its standard input, and closes it when the step has none', async () => {
    const upper =
      "let s = ''; process.stdin.on('data', (d) => (s += d)); process.stdin.on('end', () => console.log(s.toUpperCase()))";
    expect((await run(node(upper, { stdin: 'hello\nworld' })).command.done).output.text).toBe('HELLO\nWORLD\n');
    // Without input the program reads end-of-file at once instead of hanging.
    expect((await run(node(upper)).command.done).output.text).toBe('\n');
  });

  it('never runs hostile step text as shell: metacharacters stay plain arguments', async () => {
    const marker = join(dir, 'pwned');
    const hostile = [
      `$(touch ${marker})`,
      `; touch ${marker}`,
      `\`touch ${marker}\``,
      `a\nb && touch ${marker}`,
      `| touch ${marker}`,
    ];
    const result = await run(
      node('console.log(JSON.stringify(process.argv.slice(1)))', {
        args: ['-e', 'console.log(JSON.stringify(process.argv.slice(1)))', ...hostile],
      }),
    ).command.done;
    expect(JSON.parse(result.output.text)).toEqual(hostile);
    const asProgram = await run({ ...node(''), program: `touch ${marker}; echo`, args: [] }).command.done;
    expect(asProgram.outcome).toBe('spawn-failed');
    expect(existsSync(marker)).toBe(false);
  });
});

describe('the environment of a command', () => {
  it('is PATH, HOME, LANG and TZ of the host, and the step’s own variables: no other variable of the host', async () => {
    hostWithSecret();
    const result = await run(node(PRINT_ENV, { env: { DEPLOY_TARGET: 'blue', LANG: 'C' } })).command.done;
    const env = JSON.parse(result.output.text) as Record<string, string>;
    expect(env).toEqual({
      PATH: process.env.PATH,
      HOME: dir,
      TZ: 'Europe/Paris',
      // The step's own variables win over the host's.
      LANG: 'C',
      DEPLOY_TARGET: 'blue',
    });
    expect(result.output.text).not.toContain('hunter2');
  });

  it('passes only what the host has of the four, and on Windows the few places programs need', () => {
    expect(commandEnvironment({}, { PATH: '/bin', SECRET_TOKEN: 'x' }, 'linux')).toEqual({ PATH: '/bin' });
    expect(
      commandEnvironment({}, { PATH: 'C:\\Windows', SystemRoot: 'C:\\Windows', GITHUB_TOKEN: 'x' }, 'win32'),
    ).toEqual({ PATH: 'C:\\Windows', SystemRoot: 'C:\\Windows' });
  });
});

describe('the runbook runner', () => {
  function runner(overrides: { highWaterBytes?: number; lowWaterBytes?: number } = {}) {
    const recorded: EventDraft[] = [];
    const received = new Map<string, Buffer[]>();
    const ended = new Map<string, ExecEnded>();
    const endedWaiters = new Map<string, (value: ExecEnded) => void>();
    const flow: { execId: string; inFlight: number }[] = [];
    const instance = new RunbookRunner({
      clock: systemClock,
      logger: createLogger('test', () => undefined),
      defaultCwd: dir,
      secret: async () => null,
      record: async (drafts) => {
        recorded.push(...drafts);
      },
      onOutput: (execId, _seq, chunk) => {
        const list = received.get(execId) ?? [];
        list.push(chunk);
        received.set(execId, list);
        onChunk?.(execId);
      },
      onEnded: (value) => {
        ended.set(value.execId, value);
        endedWaiters.get(value.execId)?.(value);
      },
      ...overrides,
    });
    let onChunk: ((execId: string) => void) | undefined;
    const request = (execId: string, spec: CommandSpec, dryRun = false): RunStepRequest => ({
      execId,
      incidentId: 'incident-1',
      runId: 'run-1',
      stepId: 'step-1',
      actor: 'Alice',
      dryRun,
      action: { kind: 'command', command: spec },
    });
    const whenEnded = (execId: string) =>
      new Promise<ExecEnded>((resolve) => {
        const done = ended.get(execId);
        if (done) resolve(done);
        else endedWaiters.set(execId, resolve);
      });
    return {
      instance,
      recorded,
      received,
      flow,
      request,
      whenEnded,
      setOnChunk: (listener: (execId: string) => void) => (onChunk = listener),
    };
  }

  it('streams 50 MB with no byte lost, and records its size and hash as evidence', async () => {
    const { instance, received, request, whenEnded, setOnChunk, recorded } = runner();
    const MB = 1024 * 1024;
    const script = `
      const block = Buffer.alloc(${MB}, 0);
      for (let i = 0; i < block.length; i += 1) block[i] = (i * 7 + (i >> 10)) & 0xff;
      let left = 50;
      const write = () => { while (left > 0) { left -= 1; if (!process.stdout.write(block)) return process.stdout.once('drain', write); } };
      write();`;
    const block = Buffer.alloc(MB);
    for (let index = 0; index < block.length; index += 1) block[index] = (index * 7 + (index >> 10)) & 0xff;
    const expected = createHash('sha256');
    for (let index = 0; index < 50; index += 1) expected.update(block);
    let acked = 0;
    // A window that acknowledges each chunk as it is written.
    setOnChunk((execId) => {
      acked += received.get(execId)!.at(-1)!.length;
      instance.ack(execId, acked);
    });
    await instance.start(request('big', node(script)));
    const end = await whenEnded('big');
    const all = createHash('sha256');
    let total = 0;
    for (const chunk of received.get('big')!) {
      all.update(chunk);
      total += chunk.length;
    }
    expect(total).toBe(50 * MB);
    expect(all.digest('hex')).toBe(expected.digest('hex'));
    expect(end).toMatchObject({ status: 'done', evidence: { outputBytes: 50 * MB, exitCode: 0, isTruncated: true } });
    expect(end.evidence.outputSha256).toBe(
      createHash('sha256')
        .update(Buffer.concat(received.get('big')!))
        .digest('hex'),
    );
    expect(end.evidence.output.length).toBeLessThan(17_000);
    expect(recorded.map((draft) => draft.type === 'runbook.step-changed' && draft.payload.status)).toEqual([
      'running',
      'done',
    ]);
  });

  it('pauses a runaway producer until the window catches up (flow control)', async () => {
    const high = 128 * 1024;
    const { instance, received, request, whenEnded, setOnChunk } = runner({
      highWaterBytes: high,
      lowWaterBytes: 16 * 1024,
    });
    let sent = 0;
    let acked = 0;
    let maxInFlight = 0;
    let pauses = 0;
    // This window acknowledges nothing until the runner has paused the producer, then everything at once.
    setOnChunk((execId) => {
      sent += received.get(execId)!.at(-1)!.length;
      maxInFlight = Math.max(maxInFlight, sent - acked);
      if (sent - acked > high) {
        pauses += 1;
        setImmediate(() => {
          acked = sent;
          instance.ack(execId, acked);
        });
      }
    });
    const script =
      "const b = Buffer.alloc(65536, 121); let n = 0; const w = () => { while (n < 160) { n += 1; if (!process.stdout.write(b)) return process.stdout.once('drain', w); } }; w();";
    await instance.start(request('yes', node(script)));
    await whenEnded('yes');
    expect(sent).toBe(160 * 65536);
    expect(pauses).toBeGreaterThan(5);
    // Never more in flight than the mark plus what the pipe had already read.
    expect(maxInFlight).toBeLessThanOrEqual(high + 2 * 65536);
  });

  it('cancels a running step and records it as cancelled, with the output so far', async () => {
    const { instance, request, whenEnded, received, setOnChunk } = runner();
    let sawReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (sawReady = resolve));
    setOnChunk((execId) => {
      if (Buffer.concat(received.get(execId)!).toString().includes('ready')) sawReady();
    });
    await instance.start(request('long', node("console.log('ready'); setInterval(() => {}, 1000)")));
    await ready;
    expect(instance.cancel('long')).toBe(true);
    const end = await whenEnded('long');
    expect(end).toMatchObject({ status: 'cancelled', evidence: { outcome: 'cancelled', output: 'ready\n' } });
    expect(instance.running).toBe(0);
  });

  it('runs a command without the host’s secrets in its environment', async () => {
    hostWithSecret();
    const { instance, request, whenEnded } = runner();
    await instance.start(request('env', node(PRINT_ENV)));
    const end = await whenEnded('env');
    expect(end.status).toBe('done');
    const env = JSON.parse(end.evidence.output) as Record<string, string>;
    expect(Object.keys(env).sort()).toEqual(['HOME', 'LANG', 'PATH', 'TZ']);
    expect(end.evidence.output).not.toContain('hunter2');
  });

  it('in a dry run records the exact command and runs nothing', async () => {
    const marker = join(dir, 'ran');
    const { instance, request, whenEnded, recorded } = runner();
    await instance.start(
      request('dry', node(`require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x')`), true),
    );
    expect(await whenEnded('dry')).toMatchObject({
      status: 'done',
      evidence: { outcome: 'dry-run', program: NODE, outputBytes: 0 },
    });
    expect(existsSync(marker)).toBe(false);
    expect(recorded).toHaveLength(1);
  });
});
