// The host's runbook runner: runs the acting steps of checklists (commands and
// HTTP calls) that a person confirmed, streams their output to the windows with
// flow control, and writes what happened to the incident's timeline as
// evidence: who ran what, exactly, for how long, how it ended, and the output
// (bounded, with the hash of all of it). In exercises these steps are dry runs.
import { createHash } from 'node:crypto';
import type { EventDraft } from '../../../common/events/event';
import type { Evidence, Outcome, StepStatus } from '../../../common/runbooks/run-payloads';
import { statusOfOutcome } from '../../../common/runbooks/run-state';
import type { StepAction } from '../../../common/runbooks/step-authority';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { startCommand } from './command-runner';
import { startHttpAction } from './http-action';
import type { InFlightEntry, InFlightJournal } from './in-flight';
import { startWait, type MonitorWatch } from './monitor-wait';
import type { CapturedOutput } from './output-capture';

export type { StepAction };

export interface RunStepRequest {
  /** Chosen by the window, so it can listen before the first byte arrives. */
  readonly execId: string;
  readonly incidentId: string;
  readonly runId: string;
  readonly stepId: string;
  /** The person who confirmed the exact command. */
  readonly actor: string;
  readonly dryRun: boolean;
  readonly action: StepAction;
}

export interface ExecEnded {
  readonly execId: string;
  readonly status: StepStatus;
  readonly evidence: Evidence;
}

export interface RunbookRunnerOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly defaultCwd: string;
  readonly secret: (name: string) => Promise<string | null>;
  /** Appends to the host's own record; the windows get it by sync. */
  readonly record: (drafts: readonly EventDraft[]) => Promise<void>;
  readonly onOutput: (execId: string, seq: number, chunk: Buffer) => void;
  readonly onEnded: (ended: ExecEnded) => void;
  /** Output sent but not yet acknowledged by a window above which the producer is paused. */
  readonly highWaterBytes?: number;
  /** …and below which it resumes. */
  readonly lowWaterBytes?: number;
  /** The host's environment, of which commands see only PATH, HOME, LANG and TZ. */
  readonly hostEnv?: NodeJS.ProcessEnv;
  /** The host's monitors, for waits; without them every wait ends as `no-monitor`. */
  readonly monitors?: MonitorWatch;
  /** Where steps under way are written down, so a host that dies mid-step can say so when it restarts. */
  readonly journal?: InFlightJournal;
}

/**
 * xterm.js advises keeping well under 500 KB buffered in the terminal; in
 * flight counts the bridge as well, and a window this size keeps the pipe busy.
 */
export const HIGH_WATER_BYTES = 512 * 1024;
export const LOW_WATER_BYTES = 128 * 1024;

interface Execution {
  readonly request: RunStepRequest;
  sent: number;
  acked: number;
  seq: number;
  isPaused: boolean;
  pause(): void;
  resume(): void;
  cancel(): void;
  readonly finished: Promise<void>;
}

const EMPTY_SHA256 = createHash('sha256').digest('hex');

export class ExecutionRefused extends Error {}

export class RunbookRunner {
  private readonly executions = new Map<string, Execution>();
  /** Every execution id seen, so a retried request never runs a command twice. */
  private readonly started = new Set<string>();
  private readonly high: number;
  private readonly low: number;

  constructor(private readonly options: RunbookRunnerOptions) {
    this.high = options.highWaterBytes ?? HIGH_WATER_BYTES;
    this.low = options.lowWaterBytes ?? LOW_WATER_BYTES;
  }

  /**
   * Starts a step at once; its start and its end are recorded in that order,
   * without the process waiting for the store (whose first opening can take
   * seconds).
   */
  async start(request: RunStepRequest): Promise<void> {
    if (this.executions.has(request.execId) || this.started.has(request.execId))
      throw new ExecutionRefused(`execution ${request.execId} exists already`);
    this.started.add(request.execId);
    // A wait only watches, so it is never a dry run.
    if (request.dryRun && request.action.kind !== 'wait') {
      await this.recordDryRun(request, request.action);
      return;
    }
    // Written down before anything acts; a full disk must not stop a command in a crisis.
    await this.options.journal
      ?.add(inFlightEntry(request, this.options.clock.now()))
      .catch((error: unknown) =>
        this.options.logger.error(`${request.execId} could not be written down as in flight`, error),
      );
    const recorded = this.record(request, 'running').catch((error: unknown) =>
      this.options.logger.error(`the start of ${request.execId} could not be recorded`, error),
    );
    this.executions.set(request.execId, this.launch(request, recorded));
  }

  /** Kills a running step's whole process group (or aborts its HTTP call). */
  cancel(execId: string): boolean {
    const execution = this.executions.get(execId);
    if (!execution) return false;
    execution.cancel();
    return true;
  }

  /** A window wrote `bytes` of this execution's output in all; the producer resumes below the low-water mark. */
  ack(execId: string, bytes: number): void {
    const execution = this.executions.get(execId);
    if (!execution) return;
    execution.acked = Math.max(execution.acked, Math.min(bytes, execution.sent));
    if (execution.isPaused && execution.sent - execution.acked <= this.low) {
      execution.isPaused = false;
      execution.resume();
    }
  }

  get running(): number {
    return this.executions.size;
  }

  /** Cancels everything still running and waits for the evidence to be written. */
  async close(): Promise<void> {
    const pending = [...this.executions.values()];
    for (const execution of pending) execution.cancel();
    await Promise.all(pending.map((execution) => execution.finished));
  }

  private launch(request: RunStepRequest, recorded: Promise<void>): Execution {
    const { clock } = this.options;
    // Assigned below; output callbacks only fire after this function returns.
    let execution: Execution | undefined;
    const onOutput = (chunk: Buffer) => {
      const current = execution;
      if (!current) return;
      current.seq += 1;
      current.sent += chunk.length;
      this.options.onOutput(request.execId, current.seq, chunk);
      if (!current.isPaused && current.sent - current.acked > this.high) {
        current.isPaused = true;
        current.pause();
      }
    };
    const { action } = request;
    if (action.kind === 'command') {
      const running = startCommand(action.command, {
        clock,
        defaultCwd: this.options.defaultCwd,
        onOutput,
        hostEnv: this.options.hostEnv,
      });
      const finished = running.done.then((result) =>
        this.finish(
          request,
          {
            kind: 'command',
            outcome: result.outcome,
            program: action.command.program,
            args: [...action.command.args],
            ...(action.command.cwd !== undefined ? { cwd: action.command.cwd } : {}),
            exitCode: result.exitCode,
            ...(result.signal ? { signal: result.signal } : {}),
            ...(result.error ? { error: result.error.slice(0, 1_000) } : {}),
            ...outputEvidence(result.output, result.durationMs),
          },
          recorded,
        ),
      );
      execution = {
        request,
        sent: 0,
        acked: 0,
        seq: 0,
        isPaused: false,
        pause: running.pause,
        resume: running.resume,
        cancel: running.cancel,
        finished,
      };
      return execution;
    }
    if (action.kind === 'wait') {
      const waiting = startWait(action.wait, { clock, monitors: this.options.monitors, onOutput });
      const finished = waiting.done.then((result) =>
        this.finish(
          request,
          {
            kind: 'wait',
            outcome: result.outcome,
            monitor: result.monitorName,
            until: action.wait.until,
            ...outputEvidence(result.output, result.durationMs),
          },
          recorded,
        ),
      );
      execution = {
        request,
        sent: 0,
        acked: 0,
        seq: 0,
        isPaused: false,
        pause: () => undefined,
        resume: () => undefined,
        cancel: waiting.cancel,
        finished,
      };
      return execution;
    }
    const running = startHttpAction(action.http, { clock, secret: this.options.secret, onOutput });
    const finished = running.done.then((result) =>
      this.finish(
        request,
        {
          kind: 'http',
          outcome: result.outcome,
          method: action.http.method,
          url: action.http.url,
          ...(result.status !== null ? { httpStatus: result.status } : {}),
          ...(result.error ? { error: result.error.slice(0, 1_000) } : {}),
          ...outputEvidence(result.output, result.durationMs),
        },
        recorded,
      ),
    );
    // An HTTP body is small and bounded: no pause, but the same acknowledgements.
    execution = {
      request,
      sent: 0,
      acked: 0,
      seq: 0,
      isPaused: false,
      pause: () => undefined,
      resume: () => undefined,
      cancel: running.cancel,
      finished,
    };
    return execution;
  }

  private async finish(request: RunStepRequest, evidence: Evidence, recorded: Promise<void>): Promise<void> {
    this.executions.delete(request.execId);
    await recorded;
    const status = statusOfOutcome(evidence.outcome);
    const withId: Evidence = { ...evidence, execId: request.execId };
    try {
      await this.record(request, status, withId);
      // Left in the journal when the evidence could not be written: the next start says it was interrupted.
      await this.options.journal
        ?.settle(request.execId)
        .catch((error: unknown) =>
          this.options.logger.error(`${request.execId} stays written down as in flight`, error),
        );
    } catch (error) {
      this.options.logger.error(`evidence of ${request.execId} could not be recorded`, error);
    }
    this.options.onEnded({ execId: request.execId, status, evidence: withId });
  }

  private async recordDryRun(
    request: RunStepRequest,
    action: Extract<StepAction, { kind: 'command' | 'http' }>,
  ): Promise<void> {
    const evidence: Evidence = {
      kind: action.kind,
      outcome: 'dry-run',
      ...(action.kind === 'command'
        ? {
            program: action.command.program,
            args: [...action.command.args],
            ...(action.command.cwd !== undefined ? { cwd: action.command.cwd } : {}),
          }
        : { method: action.http.method, url: action.http.url }),
      durationMs: 0,
      outputBytes: 0,
      outputSha256: EMPTY_SHA256,
      output: '',
      isTruncated: false,
      execId: request.execId,
    };
    await this.record(request, 'done', evidence);
    this.options.onEnded({ execId: request.execId, status: 'done', evidence });
  }

  private record(request: RunStepRequest, status: StepStatus, evidence?: Evidence): Promise<void> {
    return this.options.record([
      {
        type: 'runbook.step-changed',
        incidentId: request.incidentId,
        actor: request.actor,
        payload: { runId: request.runId, stepId: request.stepId, status, ...(evidence ? { evidence } : {}) },
      },
    ]);
  }
}

function outputEvidence(output: CapturedOutput, durationMs: number) {
  return {
    durationMs: Math.round(durationMs),
    outputBytes: output.bytes,
    outputSha256: output.sha256,
    output: output.text,
    isTruncated: output.isTruncated,
  };
}

export type { Outcome };

function inFlightEntry(request: RunStepRequest, startedAt: number): InFlightEntry {
  const { action } = request;
  const base = {
    execId: request.execId,
    incidentId: request.incidentId,
    runId: request.runId,
    stepId: request.stepId,
    actor: request.actor,
    startedAt,
  };
  switch (action.kind) {
    case 'command':
      return { ...base, kind: 'command', program: action.command.program, args: [...action.command.args] };
    case 'http':
      return { ...base, kind: 'http', method: action.http.method, url: action.http.url };
    case 'wait':
      return { ...base, kind: 'wait', monitor: action.wait.monitor, until: action.wait.until };
  }
}

/** The evidence of a step the host was running when it stopped: how it ended and its output are unknown. */
export function interruptedEvidence(entry: InFlightEntry): Evidence {
  return {
    kind: entry.kind,
    outcome: 'interrupted',
    ...(entry.program !== undefined ? { program: entry.program, args: entry.args ?? [] } : {}),
    ...(entry.method !== undefined ? { method: entry.method } : {}),
    ...(entry.url !== undefined ? { url: entry.url } : {}),
    ...(entry.monitor !== undefined ? { monitor: entry.monitor } : {}),
    ...(entry.until !== undefined ? { until: entry.until } : {}),
    durationMs: 0,
    outputBytes: 0,
    outputSha256: EMPTY_SHA256,
    output: '',
    isTruncated: false,
    execId: entry.execId,
  };
}
