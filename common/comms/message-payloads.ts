// The payloads of the communication events, registered in events/event.ts.
// `comms.message-recorded` says what was told to whom, when and how;
// `comms.delivery-changed` is written by the host whose outbox delivered it.
import { z } from 'zod';
import { audienceSchema, messageChannelSchema, MESSAGE_MAX, REASON_TEXT_MAX, SUBJECT_MAX } from './audiences';

const id = z.string().min(1).max(64);

export const messageRecordedSchema = z.strictObject({
  messageId: id,
  audience: audienceSchema,
  channel: messageChannelSchema,
  /** The channel document's name, as people know it ("#incidents", "Customers list"). */
  destination: z.string().trim().min(1).max(120).optional(),
  templateId: id.optional(),
  subject: z.string().trim().max(SUBJECT_MAX).optional(),
  text: z.string().trim().min(1).max(MESSAGE_MAX),
});
export type MessageRecordedPayload = z.infer<typeof messageRecordedSchema>;

export const deliveryChangedSchema = z.strictObject({
  messageId: id,
  status: z.enum(['sent', 'failed']),
  attempts: z.number().int().min(1).max(10_000),
  reason: z.string().max(REASON_TEXT_MAX).optional(),
});
export type DeliveryChangedPayload = z.infer<typeof deliveryChangedSchema>;
