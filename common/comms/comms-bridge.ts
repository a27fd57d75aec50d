// What crosses the bridge for communications: a message to record (and, with
// a channel, to queue in this host's outbox), and the outbox as the host sees it.
import { z } from 'zod';
import { audienceSchema, MESSAGE_MAX, REASON_TEXT_MAX, SUBJECT_MAX } from './audiences';
import { channelSchema } from './comms-docs';
import { workspaceSchema } from '../events/event';

const id = z.string().min(1).max(64);

export const sendMessageRequestSchema = z.strictObject({
  /** Chosen by the window: the idempotency key of every delivery attempt. */
  messageId: id,
  incidentId: id,
  actor: z.string().trim().min(1).max(120),
  audience: audienceSchema,
  templateId: id.optional(),
  subject: z.string().trim().max(SUBJECT_MAX),
  text: z.string().trim().min(1).max(MESSAGE_MAX),
  /** The channel as the workspace defines it now; absent: copied to the clipboard by hand. */
  channel: channelSchema.optional(),
  /** Absent: the real record. In the exercise workspace nothing is delivered. */
  workspace: workspaceSchema.optional(),
});
export type SendMessageRequest = z.infer<typeof sendMessageRequestSchema>;

export const OUTBOX_STATUSES = ['queued', 'sent', 'failed'] as const;

export const outboxItemSchema = z.strictObject({
  messageId: id,
  incidentId: id,
  audience: audienceSchema,
  channelName: z.string(),
  channelKind: z.string(),
  subject: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int().nonnegative(),
  createdAt: z.number(),
  nextAttemptAt: z.number().nullable(),
  sentAt: z.number().nullable(),
  reason: z.string().max(REASON_TEXT_MAX).nullable(),
});
export type OutboxItemView = z.infer<typeof outboxItemSchema>;
export const outboxSchema = z.strictObject({ items: z.array(outboxItemSchema) });
export type OutboxView = z.infer<typeof outboxSchema>;
