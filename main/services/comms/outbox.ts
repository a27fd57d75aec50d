// The outbox of one host: messages queued by the person at this device, kept
// in a file of the data dir so they survive a restart, and delivered when the
// receiver answers, with retries and backoff on the injected clock.
//
// Exactly one copy: an item is written to disk before anything is sent, and
// marked sent on disk as soon as the receiver accepts it, before the record
// hears of it; a restart resumes from the file, so a queued message is sent
// once and a sent one never again. The one window left (a crash between the
// receiver's answer and our write) is covered by the message id sent as
// Idempotency-Key and Message-ID on every attempt. The record is told twice
// per message (recorded, then sent or failed); each is remembered in the file
// too, so a restart neither forgets nor repeats an event.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { audienceSchema } from '../../../common/comms/audiences';
import type { OutboxView } from '../../../common/comms/comms-bridge';
import { channelSchema, type Channel } from '../../../common/comms/comms-docs';
import type { OutgoingMessage } from '../../../common/comms/format';
import type { EventDraft } from '../../../common/events/event';
import { writeFileAtomic } from '../atomic-file';
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../logger';
import type { Attempt } from './delivery';
import { sendEmail } from './smtp-sender';
import { postWebhook } from './webhook-sender';

const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;
/** Receivers that answer with an error get this many attempts; an unreachable network is waited out. */
export const MAX_ANSWERED_ATTEMPTS = 12;
/** Finished messages kept for the outbox list; the record keeps every one anyway. */
export const KEPT_FINISHED = 500;

const itemSchema = z.strictObject({
  messageId: z.string().min(1).max(64),
  incidentId: z.string().min(1).max(64),
  actor: z.string().min(1).max(120),
  audience: audienceSchema,
  templateId: z.string().min(1).max(64).optional(),
  channel: channelSchema,
  subject: z.string(),
  text: z.string(),
  createdAt: z.number(),
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: z.number().int().nonnegative(),
  answeredFailures: z.number().int().nonnegative(),
  nextAttemptAt: z.number(),
  sentAt: z.number().nullable(),
  reason: z.string().nullable(),
  /** The `comms.message-recorded` event is in the record. */
  isRecorded: z.boolean(),
  /** The `comms.delivery-changed` event of the final status is in the record. */
  isOutcomeRecorded: z.boolean(),
});
export type OutboxItem = z.infer<typeof itemSchema>;
const fileSchema = z.strictObject({ version: z.literal(1), items: z.array(itemSchema) });

export type Deliver = (channel: Channel, message: OutgoingMessage) => Promise<Attempt>;

export interface OutboxOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly secret: (name: string) => Promise<string | null>;
  /** Appends this host's events to its record. */
  readonly record: (drafts: readonly EventDraft[]) => Promise<void>;
  readonly onChange?: (view: OutboxView) => void;
  /** The real senders unless a test swaps them. */
  readonly deliver?: Deliver;
}

export interface NewMessage {
  readonly messageId: string;
  readonly incidentId: string;
  readonly actor: string;
  readonly audience: OutboxItem['audience'];
  readonly templateId?: string | undefined;
  readonly channel: Channel;
  readonly subject: string;
  readonly text: string;
}

export function backoffMs(failures: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
}

export class Outbox {
  private readonly path: string;
  private items: OutboxItem[] = [];
  private timer: TimerHandle | null = null;
  private pumping: Promise<void> | null = null;
  private isPumpWanted = false;
  private isClosed = false;
  private writes: Promise<void> = Promise.resolve();
  private readonly deliver: Deliver;

  constructor(private readonly options: OutboxOptions) {
    this.path = join(options.dataDir, 'comms-outbox.json');
    this.deliver = options.deliver ?? ((channel, message) => this.send(channel, message));
  }

  /** Reads the queue left by the last run and resumes it. */
  async start(): Promise<void> {
    try {
      const parsed = fileSchema.parse(JSON.parse(await readFile(this.path, 'utf8')));
      this.items = parsed.items;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        // Never silently drop a queue: keep the unreadable file aside and say so.
        this.options.logger.error(`the outbox file ${this.path} is unreadable; it is left as it is`, error);
        throw error;
      }
    }
    const waiting = this.items.filter((item) => item.status === 'queued').length;
    if (waiting > 0) this.options.logger.info(`${waiting} message(s) waiting in the outbox`);
    this.kick();
  }

  view(): OutboxView {
    return {
      items: this.items
        .map((item) => ({
          messageId: item.messageId,
          incidentId: item.incidentId,
          audience: item.audience,
          channelName: item.channel.name,
          channelKind: item.channel.kind,
          subject: item.subject,
          status: item.status,
          attempts: item.attempts,
          createdAt: item.createdAt,
          nextAttemptAt: item.status === 'queued' ? item.nextAttemptAt : null,
          sentAt: item.sentAt,
          reason: item.reason,
        }))
        .reverse(),
    };
  }

  /** Queues a message: on disk before this returns, sent as soon as possible. A known id is not queued twice. */
  async enqueue(message: NewMessage): Promise<void> {
    if (this.items.some((item) => item.messageId === message.messageId)) return;
    const now = this.options.clock.now();
    this.items.push({
      ...message,
      ...(message.templateId === undefined ? {} : { templateId: message.templateId }),
      createdAt: now,
      status: 'queued',
      attempts: 0,
      answeredFailures: 0,
      nextAttemptAt: now,
      sentAt: null,
      reason: null,
      isRecorded: false,
      isOutcomeRecorded: false,
    });
    await this.persist();
    this.kick();
  }

  /** Puts a failed or waiting message back at the head of the queue. */
  async retry(messageId: string): Promise<void> {
    const item = this.items.find((candidate) => candidate.messageId === messageId);
    if (!item || item.status === 'sent') return;
    this.replace(item, {
      status: 'queued',
      nextAttemptAt: this.options.clock.now(),
      answeredFailures: 0,
      // The record hears of the new outcome too: sent after failed is a change worth a line.
      isOutcomeRecorded: false,
    });
    await this.persist();
    this.kick();
  }

  /** Resolves once nothing is in flight (tests wait on it after moving the clock). */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.idle();
    await this.writes;
  }

  private replace(item: OutboxItem, change: Partial<OutboxItem>): OutboxItem {
    const next = { ...item, ...change };
    this.items = this.items.map((candidate) => (candidate === item ? next : candidate));
    return next;
  }

  private persist(): Promise<void> {
    this.prune();
    const content = `${JSON.stringify({ version: 1, items: this.items }, null, 1)}\n`;
    const write = this.writes.then(() => writeFileAtomic(this.path, content));
    this.writes = write.catch((error: unknown) => this.options.logger.error('the outbox could not be saved', error));
    this.options.onChange?.(this.view());
    return write;
  }

  /** Drops the oldest finished messages beyond KEPT_FINISHED, so the file (rewritten on every change) stays small. */
  private prune(): void {
    const isFinished = (item: OutboxItem) => item.status !== 'queued' && item.isRecorded && item.isOutcomeRecorded;
    let excess = this.items.filter(isFinished).length - KEPT_FINISHED;
    if (excess <= 0) return;
    this.items = this.items.filter((item) => {
      if (excess > 0 && isFinished(item)) {
        excess -= 1;
        return false;
      }
      return true;
    });
  }

  private kick(): void {
    if (this.isClosed) return;
    if (this.pumping) {
      this.isPumpWanted = true;
      return;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
      if (this.isPumpWanted) {
        this.isPumpWanted = false;
        this.kick();
      } else this.schedule();
    });
  }

  private schedule(): void {
    if (this.isClosed) return;
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    const due = this.items.filter((item) => item.status === 'queued').map((item) => item.nextAttemptAt);
    const hasUnrecorded = this.items.some(
      (item) => !item.isRecorded || (item.status !== 'queued' && !item.isOutcomeRecorded),
    );
    if (due.length === 0 && !hasUnrecorded) return;
    const at = due.length > 0 ? Math.min(...due) : this.options.clock.now() + FIRST_RETRY_MS;
    this.timer = this.options.clock.setTimeout(
      () => {
        this.timer = null;
        this.kick();
      },
      Math.max(0, at - this.options.clock.now()),
    );
  }

  private async pump(): Promise<void> {
    for (const original of [...this.items]) {
      if (this.isClosed) return;
      let item = this.items.find((candidate) => candidate.messageId === original.messageId);
      if (!item) continue;
      if (!item.isRecorded && !(await this.recordMessage(item))) continue;
      item = this.items.find((candidate) => candidate.messageId === original.messageId) ?? item;
      if (item.status === 'queued' && item.nextAttemptAt <= this.options.clock.now()) item = await this.attempt(item);
      if (item.status !== 'queued' && !item.isOutcomeRecorded) await this.recordOutcome(item);
    }
  }

  private async recordMessage(item: OutboxItem): Promise<boolean> {
    try {
      await this.options.record([
        {
          type: 'comms.message-recorded',
          incidentId: item.incidentId,
          actor: item.actor,
          payload: {
            messageId: item.messageId,
            audience: item.audience,
            channel: item.channel.kind,
            destination: item.channel.name,
            ...(item.templateId ? { templateId: item.templateId } : {}),
            ...(item.subject ? { subject: item.subject } : {}),
            text: item.text,
          },
        },
      ]);
    } catch (error) {
      // Not sent before the record says it was said: it waits for the record.
      this.options.logger.warn(`message ${item.messageId} could not be recorded yet`, error);
      return false;
    }
    this.replace(item, { isRecorded: true });
    await this.persist();
    return true;
  }

  private async attempt(item: OutboxItem): Promise<OutboxItem> {
    const message: OutgoingMessage = { messageId: item.messageId, subject: item.subject, text: item.text };
    let result: Attempt;
    try {
      result = await this.deliver(item.channel, message);
    } catch (error) {
      result = { kind: 'retry', reason: error instanceof Error ? error.message : String(error), isNetwork: false };
    }
    const now = this.options.clock.now();
    const attempts = item.attempts + 1;
    let next: OutboxItem;
    if (result.kind === 'sent') {
      next = this.replace(item, { status: 'sent', attempts, sentAt: now, reason: null });
      this.options.logger.info(`message ${item.messageId} delivered to ${item.channel.name} (attempt ${attempts})`);
    } else if (result.kind === 'refused') {
      next = this.replace(item, { status: 'failed', attempts, reason: result.reason });
      this.options.logger.warn(`message ${item.messageId} refused by ${item.channel.name}: ${result.reason}`);
    } else {
      const answeredFailures = item.answeredFailures + (result.isNetwork ? 0 : 1);
      const hasGivenUp = answeredFailures >= MAX_ANSWERED_ATTEMPTS;
      next = this.replace(item, {
        status: hasGivenUp ? 'failed' : 'queued',
        attempts,
        answeredFailures,
        reason: result.reason,
        nextAttemptAt: now + backoffMs(attempts),
      });
      this.options.logger.info(`message ${item.messageId} not delivered yet (attempt ${attempts}): ${result.reason}`);
    }
    // Sent is on disk before anything else happens: a restart now never sends it again.
    await this.persist();
    return next;
  }

  private async recordOutcome(item: OutboxItem): Promise<void> {
    if (item.status === 'queued') return;
    try {
      await this.options.record([
        {
          type: 'comms.delivery-changed',
          incidentId: item.incidentId,
          actor: item.actor,
          payload: {
            messageId: item.messageId,
            status: item.status,
            attempts: Math.max(1, item.attempts),
            ...(item.status === 'failed' && item.reason ? { reason: item.reason.slice(0, 1_000) } : {}),
          },
        },
      ]);
    } catch (error) {
      this.options.logger.warn(`the delivery of ${item.messageId} could not be recorded yet`, error);
      return;
    }
    const current = this.items.find((candidate) => candidate.messageId === item.messageId);
    if (current) this.replace(current, { isOutcomeRecorded: true });
    await this.persist();
  }

  private async send(channel: Channel, message: OutgoingMessage): Promise<Attempt> {
    if (channel.kind === 'email') {
      if (!channel.email) return { kind: 'refused', reason: 'this email channel has no server settings' };
      const password = channel.secret ? await this.options.secret(channel.secret) : null;
      return sendEmail(channel.email, password, message);
    }
    const url = channel.secret ? await this.options.secret(channel.secret) : null;
    if (!url) return { kind: 'refused', reason: `the secret "${channel.secret ?? ''}" is not set on this device` };
    return postWebhook(channel.kind, url, message);
  }
}
