// The runbook runner wired into the host: bridge handlers for running,
// cancelling and acknowledging output, output streamed to every window as host
// events, and evidence appended to the host's own record, so it lands even when
// the window that asked has closed.
import type { EventDraft } from '../../common/events/event';
import { authoriseStep } from '../../common/runbooks/step-authority';
import { systemClock, type Clock } from '../services/clock';
import type { Logger } from '../services/logger';
import { InFlightJournal } from '../services/runbook/in-flight';
import type { MonitorWatch } from '../services/runbook/monitor-wait';
import { interruptedEvidence, RunbookRunner } from '../services/runbook/runbook-runner';
import { CallRefused, type Handlers, type HostEvents } from './bridge-router';
import type { RecordView } from './record-view';
import type { SecretStore } from './secret-store';

type RunbookCalls = 'runbook:run-step' | 'runbook:cancel' | 'runbook:ack-output';

export interface RunbookHostOptions {
  readonly dataDir: string;
  /** Writes the host's own events into its record and tells windows and the hub. */
  readonly append: (drafts: readonly EventDraft[]) => Promise<void>;
  readonly events: HostEvents;
  readonly secrets: SecretStore;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** The host's own reading of its record, which decides what may run. */
  readonly view: RecordView;
  readonly monitors?: MonitorWatch;
  /** The workspace whose runs this host runs: in the exercise one, the session decides what may act. */
  readonly workspace?: string;
}

/** How long the host waits for a window's latest changes to reach it by sync. */
export const CATCH_UP_MS = 10_000;

export interface RunbookHost {
  readonly handlers: Pick<Handlers, RunbookCalls>;
  readonly runner: RunbookRunner;
  /**
   * Records as failed, interrupted, each step a previous run of this host left
   * running; resolves to how many. Call it once, before any window runs a step.
   */
  recoverInterrupted(): Promise<number>;
  close(): Promise<void>;
}

export function createRunbookHost(options: RunbookHostOptions): RunbookHost {
  const clock = options.clock ?? systemClock;
  const journal = new InFlightJournal(options.dataDir, options.logger);
  const runner = new RunbookRunner({
    clock,
    logger: options.logger,
    defaultCwd: options.dataDir,
    secret: (name) => options.secrets.get(name),
    record: (drafts) => options.append(drafts),
    onOutput: (execId, seq, chunk) => options.events.emit('runbook:output', { execId, seq, data: chunk }),
    onEnded: (ended) => {
      inFlight.delete(ended.execId);
      options.events.emit('runbook:ended', ended);
    },
    ...(options.monitors ? { monitors: options.monitors } : {}),
    journal,
  });
  // Run and step of each execution under way: two windows pressing "run" at
  // once start one execution, since the record shows "running" only a moment later.
  const inFlight = new Map<string, string>();
  return {
    runner,
    handlers: {
      'runbook:run-step': async ({ after, ...request }) => {
        const state = await options.view.covering(after, CATCH_UP_MS);
        if (!state) throw new CallRefused('behind');
        const authority = authoriseStep(state, request, options.workspace);
        if (!authority.ok) throw new CallRefused(authority.refusal);
        const key = `${request.runId}/${request.stepId}`;
        if ([...inFlight.values()].includes(key)) throw new CallRefused('running');
        options.logger.info(
          `${request.actor} runs step ${request.stepId} of run ${request.runId}${authority.dryRun ? ' (dry run)' : ''}`,
        );
        inFlight.set(request.execId, key);
        try {
          await runner.start({ ...request, dryRun: authority.dryRun });
        } catch (error) {
          inFlight.delete(request.execId);
          throw error;
        }
        return { execId: request.execId };
      },
      'runbook:cancel': async ({ execId }) => ({ isCancelled: runner.cancel(execId) }),
      'runbook:ack-output': async ({ execId, bytes }) => {
        runner.ack(execId, bytes);
        return {};
      },
    },
    async recoverInterrupted() {
      const left = await journal.takeLeftOver();
      if (left.length === 0) return 0;
      const state = await options.view.current();
      // Only steps the record still shows running: an end that did land stands.
      const stuck = left.filter(
        (entry) =>
          state.incidents.get(entry.incidentId)?.runs.get(entry.runId)?.steps.get(entry.stepId)?.status === 'running',
      );
      if (stuck.length > 0) {
        await options.append(
          stuck.map((entry) => ({
            type: 'runbook.step-changed' as const,
            incidentId: entry.incidentId,
            actor: entry.actor,
            payload: {
              runId: entry.runId,
              stepId: entry.stepId,
              status: 'failed',
              evidence: interruptedEvidence(entry),
            },
          })),
        );
        options.logger.warn(`${stuck.length} step(s) were running when the host stopped; recorded as interrupted`);
      }
      for (const entry of left) await journal.settle(entry.execId);
      return stuck.length;
    },
    close: () => runner.close(),
  };
}
