// One rendered message, written for each output it goes to. Template text is
// plain text typed by anyone with write access to the workspace, so every
// output escapes it for its own syntax: nothing a template says can become
// markup, a link, a mention or a script on the receiving side.
import type { ChannelKind } from './audiences';

export interface OutgoingMessage {
  readonly messageId: string;
  readonly subject: string;
  readonly text: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** Paragraphs and line breaks of plain text, as escaped HTML. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/**
 * Slack's mrkdwn: `&`, `<` and `>` are its only control characters (links,
 * mentions, `<!channel>`); escaped, they show as typed.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Markdown (Mattermost, Teams): every punctuation Markdown reads is backslash-escaped, and raw HTML too. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, '\\$&');
}

/** JSON whose strings never close a `<script>` or open a tag when a receiver pastes it into a page. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function withSubject(message: OutgoingMessage, escape: (text: string) => string, bold: (text: string) => string) {
  return message.subject ? `${bold(escape(message.subject))}\n\n${escape(message.text)}` : escape(message.text);
}

/** The HTTP body a webhook channel posts, as the service expects it. */
export function webhookBody(kind: Exclude<ChannelKind, 'email'>, message: OutgoingMessage): string {
  switch (kind) {
    case 'slack':
      return safeJson({ text: withSubject(message, escapeSlack, (text) => `*${text}*`) });
    case 'mattermost':
      return safeJson({ text: withSubject(message, escapeMarkdown, (text) => `**${text}**`) });
    case 'teams':
      // The legacy connector card: Teams renders `text` as Markdown.
      return safeJson({
        '@type': 'MessageCard',
        '@context': 'https://schema.org/extensions',
        summary: message.subject || message.text.slice(0, 80),
        ...(message.subject ? { title: escapeMarkdown(message.subject) } : {}),
        text: escapeMarkdown(message.text).replace(/\n/g, '\n\n'),
      });
    case 'webhook':
      // Raw values: a JSON consumer gets the text as written, and the encoding keeps it inert.
      return safeJson({ id: message.messageId, subject: message.subject, text: message.text });
  }
}

/** An email's HTML part: the text escaped, in a minimal document with no script and no remote content. */
export function emailHtml(message: OutgoingMessage): string {
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"></head><body>',
    textToHtml(message.text),
    '</body></html>',
  ].join('\n');
}
