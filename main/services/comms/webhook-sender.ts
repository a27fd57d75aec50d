// Posts a message to a Slack, Teams or Mattermost incoming webhook, or to any
// JSON webhook. Every attempt of one message carries the same Idempotency-Key,
// so a receiver that keeps keys drops a copy the outbox could not know it had
// already delivered (a crash between the receiver's answer and our disk).
import type { ChannelKind } from '../../../common/comms/audiences';
import { webhookBody, type OutgoingMessage } from '../../../common/comms/format';
import { reasonOf, type Attempt } from './delivery';

const TIMEOUT_MS = 15_000;

export async function postWebhook(
  kind: Exclude<ChannelKind, 'email'>,
  url: string,
  message: OutgoingMessage,
): Promise<Attempt> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'refused', reason: 'the webhook address in the secret is not a URL' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return { kind: 'refused', reason: `a webhook address is http or https, not ${parsed.protocol}` };
  let response: Response;
  try {
    response = await fetch(parsed, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'idempotency-key': message.messageId,
        'user-agent': 'war-room',
      },
      body: webhookBody(kind, message),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return { kind: 'retry', reason: reasonOf(error), isNetwork: true };
  }
  // The answer's body is not needed; reading it frees the connection.
  const body = (await response.text().catch(() => '')).slice(0, 200);
  if (response.ok) return { kind: 'sent' };
  const reason = `HTTP ${response.status}${body ? `: ${body}` : ''}`;
  if (response.status === 408 || response.status === 429 || response.status >= 500)
    return { kind: 'retry', reason, isNetwork: false };
  return { kind: 'refused', reason };
}
