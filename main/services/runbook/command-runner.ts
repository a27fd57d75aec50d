// Runs one command step as a real child process: the program and its argument
// vector go straight to exec, never through a shell, so no text of a runbook or
// a timeline is ever interpreted. The child leads its own process group, and
// cancel and timeout signal the whole group, grandchildren included. It gets an
// explicit environment, never the host's whole one: a token the host was
// started with stays out of every runbook command.
import { spawn, type ChildProcess } from 'node:child_process';
import { hostEnvPassed, type CommandSpec } from '../../../common/runbooks/runbook-schema';
import type { Clock, TimerHandle } from '../clock';
import { OutputCapture, type CapturedOutput } from './output-capture';

export type CommandOutcome = 'ok' | 'unexpected-exit' | 'timed-out' | 'cancelled' | 'spawn-failed';

export interface CommandResult {
  readonly outcome: CommandOutcome;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly durationMs: number;
  readonly output: CapturedOutput;
  readonly error?: string;
}

export interface CommandOptions {
  readonly clock: Clock;
  /** Where a command without `cwd` runs. */
  readonly defaultCwd: string;
  /** Every chunk of standard output and error, interleaved as they come. */
  readonly onOutput: (chunk: Buffer) => void;
  /** The host's environment, of which only HOST_ENV_PASSED reaches the command; `process.env` by default. */
  readonly hostEnv?: NodeJS.ProcessEnv;
  /** Between SIGTERM and SIGKILL. */
  readonly graceMs?: number;
}

export interface RunningCommand {
  readonly pid: number | undefined;
  /** Flow control: stop reading the child's output, so its writes block once the pipe is full. */
  pause(): void;
  resume(): void;
  cancel(): void;
  readonly done: Promise<CommandResult>;
}

const DEFAULT_GRACE_MS = 3_000;

/**
 * The whole environment of a command: PATH, HOME, LANG and TZ as the host has
 * them (and the few places Windows needs), then the step's own variables,
 * which win. Nothing else of the host's.
 */
export function commandEnvironment(
  spec: Pick<CommandSpec, 'env'>,
  hostEnv: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Record<string, string> {
  const env: Record<string, string> = {};
  // Node's `process.env` finds a name whatever its case on Windows (`Path`).
  for (const name of hostEnvPassed(platform)) {
    const value = hostEnv[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...spec.env };
}

/** Signals the child's whole process group; a group already gone is fine. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

export function startCommand(spec: CommandSpec, options: CommandOptions): RunningCommand {
  const { clock } = options;
  const started = clock.now();
  const capture = new OutputCapture();
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const child = spawn(spec.program, spec.args, {
    cwd: spec.cwd ?? options.defaultCwd,
    env: commandEnvironment(spec, options.hostEnv),
    shell: false,
    // Its own process group, so a cancel reaches everything it started.
    detached: true,
    windowsHide: true,
    stdio: [spec.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  let stopReason: 'timed-out' | 'cancelled' | null = null;
  let killTimer: TimerHandle | null = null;
  let isPaused = false;

  const streams = [child.stdout, child.stderr].filter((stream) => stream !== null);
  for (const stream of streams) {
    stream.on('data', (chunk: Buffer) => {
      capture.push(chunk);
      options.onOutput(chunk);
    });
  }
  if (spec.stdin !== undefined && child.stdin) {
    // A program that exits without reading its input closes the pipe: not an error of ours.
    child.stdin.on('error', () => undefined);
    child.stdin.end(spec.stdin);
  }

  const stop = (reason: 'timed-out' | 'cancelled') => {
    if (stopReason !== null) return;
    stopReason = reason;
    // Whatever is left in the pipes must drain, or the child cannot finish dying.
    resume();
    signalGroup(child, 'SIGTERM');
    killTimer = clock.setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  };
  const timeout = clock.setTimeout(() => stop('timed-out'), spec.timeoutSeconds * 1000);

  child.on('exit', () => {
    // The leader is gone; stragglers of its group would keep the pipes open.
    signalGroup(child, 'SIGTERM');
  });

  const done = new Promise<CommandResult>((resolve) => {
    const finish = (result: Omit<CommandResult, 'durationMs' | 'output'>) => {
      clock.clearTimeout(timeout);
      if (killTimer) clock.clearTimeout(killTimer);
      resolve({ ...result, durationMs: Math.max(0, clock.now() - started), output: capture.result() });
    };
    child.on('error', (error) => {
      if (child.pid === undefined)
        finish({ outcome: 'spawn-failed', exitCode: null, signal: null, error: error.message });
    });
    child.on('close', (code, signal) => {
      if (child.pid === undefined) return;
      const outcome: CommandOutcome =
        stopReason ?? (code === spec.expectExit && signal === null ? 'ok' : 'unexpected-exit');
      finish({ outcome, exitCode: code, signal });
    });
  });

  function pause(): void {
    if (isPaused || stopReason !== null) return;
    isPaused = true;
    for (const stream of streams) stream.pause();
  }
  function resume(): void {
    if (!isPaused) return;
    isPaused = false;
    for (const stream of streams) stream.resume();
  }

  return { pid: child.pid, pause, resume, cancel: () => stop('cancelled'), done };
}
