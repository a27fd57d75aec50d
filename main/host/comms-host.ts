// The comms outbox wired into the host: `comms:send` records a message copied
// by hand at once, or queues it in the outbox, which records it and its
// delivery in this device's own chain; the outbox's changes are pushed to
// every window. The queue is resumed when the host starts.
import { EXERCISE_WORKSPACE, type EventDraft } from '../../common/events/event';
import { systemClock, type Clock } from '../services/clock';
import { Outbox, type Deliver } from '../services/comms/outbox';
import type { Logger } from '../services/logger';
import type { Handlers, HostEvents } from './bridge-router';

type CommsCalls = 'comms:send' | 'comms:outbox' | 'comms:retry';

export interface CommsHostOptions {
  readonly dataDir: string;
  readonly append: (drafts: readonly EventDraft[]) => Promise<void>;
  readonly events: HostEvents;
  /** A secret by the name people gave it (the same names `secret:set` stores). */
  readonly secret: (name: string) => Promise<string | null>;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly deliver?: Deliver;
  /** Writes into the exercise workspace, where messages are recorded and never delivered. */
  readonly appendExercise?: (drafts: readonly EventDraft[]) => Promise<void>;
}

export interface CommsHost {
  readonly handlers: Pick<Handlers, CommsCalls>;
  readonly outbox: Outbox;
  /** Loads the queue left by the last run and resumes it; the first call to the outbox does it too. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createCommsHost(options: CommsHostOptions): CommsHost {
  const outbox = new Outbox({
    dataDir: options.dataDir,
    clock: options.clock ?? systemClock,
    logger: options.logger,
    secret: options.secret,
    record: options.append,
    onChange: (view) => options.events.emit('comms:outbox-changed', view),
    ...(options.deliver ? { deliver: options.deliver } : {}),
  });
  // Started late (see host.ts): resuming a queue opens the record, which must wait for the window.
  let starting: Promise<void> | null = null;
  const start = () => {
    starting ??= outbox.start().catch((error: unknown) => {
      options.logger.error('the outbox could not start', error);
      starting = null;
      throw error;
    });
    return starting;
  };
  return {
    outbox,
    start,
    handlers: {
      'comms:send': async (request) => {
        const { messageId, incidentId, actor, audience, templateId, subject, text, channel, workspace } = request;
        if (workspace === EXERCISE_WORKSPACE) {
          if (!options.appendExercise) throw new Error('this host keeps no exercise workspace');
          // What was told to whom is part of the drill; the channel is named, and nothing leaves the laptop.
          await options.appendExercise([
            {
              type: 'comms.message-recorded',
              incidentId,
              actor,
              payload: {
                messageId,
                audience,
                channel: 'clipboard',
                ...(channel ? { destination: channel.name } : {}),
                ...(templateId ? { templateId } : {}),
                ...(subject ? { subject } : {}),
                text,
              },
            },
          ]);
          return { status: 'rehearsed' };
        }
        // A rehearsed message never touches the outbox; a real one waits for it to have resumed.
        await start();
        if (!channel) {
          await options.append([
            {
              type: 'comms.message-recorded',
              incidentId,
              actor,
              payload: {
                messageId,
                audience,
                channel: 'clipboard',
                ...(templateId ? { templateId } : {}),
                ...(subject ? { subject } : {}),
                text,
              },
            },
          ]);
          return { status: 'copied' };
        }
        await outbox.enqueue({ messageId, incidentId, actor, audience, templateId, channel, subject, text });
        return { status: 'queued' };
      },
      'comms:outbox': async () => {
        await start();
        return outbox.view();
      },
      'comms:retry': async ({ messageId }) => {
        await start();
        await outbox.retry(messageId);
        return outbox.view();
      },
    },
    close: () => outbox.close(),
  };
}
