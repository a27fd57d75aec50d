// The runbook runner wired into the host: bridge handlers for running,
// cancelling and acknowledging output, output streamed to every window as host
// events, and evidence appended to the host's own record, so it lands even when
// the window that asked has closed.
import type { EventDraft } from '../../common/events/event';
import { systemClock, type Clock } from '../services/clock';
import type { Logger } from '../services/logger';
import { RunbookRunner } from '../services/runbook/runbook-runner';
import type { Handlers, HostEvents } from './bridge-router';
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
}

export interface RunbookHost {
  readonly handlers: Pick<Handlers, RunbookCalls>;
  readonly runner: RunbookRunner;
  close(): Promise<void>;
}

export function createRunbookHost(options: RunbookHostOptions): RunbookHost {
  const clock = options.clock ?? systemClock;
  const runner = new RunbookRunner({
    clock,
    logger: options.logger,
    defaultCwd: options.dataDir,
    secret: (name) => options.secrets.get(name),
    record: (drafts) => options.append(drafts),
    onOutput: (execId, seq, chunk) =>
      options.events.emit('runbook:output', { execId, seq, data: chunk.toString('base64') }),
    onEnded: (ended) => options.events.emit('runbook:ended', ended),
  });
  return {
    runner,
    handlers: {
      'runbook:run-step': async (request) => {
        options.logger.info(
          `${request.actor} runs step ${request.stepId} of run ${request.runId}${request.dryRun ? ' (dry run)' : ''}`,
        );
        await runner.start(request);
        return { execId: request.execId };
      },
      'runbook:cancel': async ({ execId }) => ({ isCancelled: runner.cancel(execId) }),
      'runbook:ack-output': async ({ execId, bytes }) => {
        runner.ack(execId, bytes);
        return {};
      },
    },
    close: () => runner.close(),
  };
}
