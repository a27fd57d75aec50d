// Sends a message by email over SMTP with nodemailer. The Message-ID is the
// message's id, the same on every attempt, so a mail system that sees a copy
// twice can tell it is one message.
import nodemailer from 'nodemailer';
import type { EmailSettings } from '../../../common/comms/comms-docs';
import { emailHtml, type OutgoingMessage } from '../../../common/comms/format';
import { reasonOf, type Attempt } from './delivery';

const TIMEOUT_MS = 15_000;

export function messageIdHeader(messageId: string): string {
  return `<${messageId}@war-room.invalid>`;
}

export async function sendEmail(
  settings: EmailSettings,
  password: string | null,
  message: OutgoingMessage,
): Promise<Attempt> {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user ? { auth: { user: settings.user, pass: password ?? '' } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    await transport.sendMail({
      from: settings.from,
      to: settings.to,
      subject: message.subject || message.text.split('\n')[0]?.slice(0, 120) || 'Incident',
      text: message.text,
      html: emailHtml(message),
      messageId: messageIdHeader(message.messageId),
    });
    return { kind: 'sent' };
  } catch (error) {
    const code = (error as { responseCode?: unknown }).responseCode;
    // 5xx is the server's final no (unknown mailbox, refused sender); 4xx says try later.
    if (typeof code === 'number' && code >= 500) return { kind: 'refused', reason: reasonOf(error) };
    return { kind: 'retry', reason: reasonOf(error), isNetwork: typeof code !== 'number' };
  } finally {
    transport.close();
  }
}
