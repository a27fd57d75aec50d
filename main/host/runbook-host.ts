// The runbook runner wired into the host: bridge handlers for running,
// cancelling and acknowledging output, output streamed to every window as host
// events, and evidence appended to the host's own record, so it lands even when
// the window that asked has closed.
import type { EventDraft } from '../../common/events/event';
import type { EventLog } from '../../common/sync/event-log';
import { systemClock, type Clock } from '../services/clock';
import type { Logger } from '../services/logger';
import { RunbookRunner } from '../services/runbook/runbook-runner';
import type { Handlers, HostEvents } from './bridge-router';
import type { SecretStore } from './secret-store';

type RunbookCalls = 'runbook:run-step' | 'runbook:cancel' | 'runbook:ack-output';

export interface RunbookHostOptions {
  readonly dataDir: string;
  readonly log: () => Promise<EventLog>;
  readonly events: HostEvents;
  readonly secrets: SecretStore;
  /** Tells the windows and the hub that the record grew. */
  readonly onAppended: (log: EventLog) => Promise<void>;
  readonly logger: Logger;
  readonly clock?: Clock;
}

export interface RunbookHost {
  readonly handlers: Pick<Handlers, RunbookCalls>;
  readonly runner: RunbookRunner;
  close(): Promise<void>;
}

/** A log this host can write its own events to: PGlite's (append) or the tests' in-memory one (write). */
interface Appendable {
  append?: (drafts: readonly EventDraft[], nowMs: number) => Promise<{ ok: boolean; error?: { message: string } }>;
  write?: (drafts: readonly EventDraft[], nowMs: number) => unknown;
}

async function appendOwn(log: EventLog, drafts: readonly EventDraft[], nowMs: number): Promise<void> {
  const target = log as EventLog & Appendable;
  if (typeof target.append === 'function') {
    const result = await target.append(drafts, nowMs);
    if (!result.ok) throw new Error(`the host refused its own event: ${result.error?.message ?? 'invalid'}`);
    return;
  }
  if (typeof target.write === 'function') {
    target.write(drafts, nowMs);
    return;
  }
  throw new Error('this host store cannot record events of its own');
}

export function createRunbookHost(options: RunbookHostOptions): RunbookHost {
  const clock = options.clock ?? systemClock;
  const runner = new RunbookRunner({
    clock,
    logger: options.logger,
    defaultCwd: options.dataDir,
    secret: (name) => options.secrets.get(name),
    record: async (drafts) => {
      const log = await options.log();
      await appendOwn(log, drafts, clock.now());
      await options.onAppended(log);
    },
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
