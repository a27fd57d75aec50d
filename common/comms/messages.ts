// The messages of an incident as the fold keeps them: what was said, to whom,
// how, and where its delivery stands. The first record of a message id wins;
// a delivery is only believed for a message this replica holds.
import type { Audience, MessageChannel, MessageStatus } from './audiences';
import type { DeliveryChangedPayload, MessageRecordedPayload } from './message-payloads';

export interface IncidentMessage {
  readonly id: string;
  readonly audience: Audience;
  readonly channel: MessageChannel;
  readonly destination?: string;
  readonly templateId?: string;
  readonly subject?: string;
  readonly text: string;
  readonly recordedAt: number;
  readonly recordedBy: string;
  readonly status: MessageStatus;
  /** When it reached its audience: delivered by an outbox, or copied by hand. */
  readonly deliveredAt?: number;
  readonly attempts?: number;
  readonly reason?: string;
}

export function recordMessage(payload: MessageRecordedPayload, actor: string, at: number): IncidentMessage {
  const { messageId, audience, channel, destination, templateId, subject, text } = payload;
  const isCopied = channel === 'clipboard';
  return {
    id: messageId,
    audience,
    channel,
    ...(destination !== undefined ? { destination } : {}),
    ...(templateId !== undefined ? { templateId } : {}),
    ...(subject ? { subject } : {}),
    text,
    recordedAt: at,
    recordedBy: actor,
    status: isCopied ? 'copied' : 'queued',
    ...(isCopied ? { deliveredAt: at } : {}),
  };
}

/** A delivery outcome applied to its message; once sent, a late failure report changes nothing. */
export function deliver(message: IncidentMessage, payload: DeliveryChangedPayload, at: number): IncidentMessage {
  if (message.status === 'sent' || message.status === 'copied') return message;
  const { status, attempts, reason } = payload;
  return {
    ...message,
    status,
    attempts,
    ...(status === 'sent' ? { deliveredAt: at } : {}),
    ...(reason !== undefined ? { reason } : {}),
  };
}

/** When each audience was last told something, from the messages that reached it. */
export function deliveredAtByAudience(messages: Iterable<IncidentMessage>): Map<Audience, number[]> {
  const byAudience = new Map<Audience, number[]>();
  for (const message of messages) {
    if (message.deliveredAt === undefined) continue;
    const list = byAudience.get(message.audience) ?? [];
    list.push(message.deliveredAt);
    byAudience.set(message.audience, list);
  }
  return byAudience;
}
