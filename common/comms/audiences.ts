// Who an incident message is for, and how it travels. Closed sets: the
// composer, the cadence policy and the outbox all switch over them.
import { z } from 'zod';

export const AUDIENCES = [
  'status-page',
  'customers',
  'internal',
  'executives',
  'partners',
  'regulator',
  'social',
] as const;
export const audienceSchema = z.enum(AUDIENCES);
export type Audience = z.infer<typeof audienceSchema>;

/** The channels the outbox delivers to; `clipboard` is a message copied by hand and recorded. */
export const CHANNEL_KINDS = ['slack', 'teams', 'mattermost', 'webhook', 'email'] as const;
export const channelKindSchema = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof channelKindSchema>;

export const MESSAGE_CHANNELS = [...CHANNEL_KINDS, 'clipboard'] as const;
export const messageChannelSchema = z.enum(MESSAGE_CHANNELS);
export type MessageChannel = z.infer<typeof messageChannelSchema>;

/** Where a message stands: copied by hand, waiting in an outbox, delivered, or given up. */
export type MessageStatus = 'copied' | 'queued' | 'sent' | 'failed';

export const SUBJECT_MAX = 300;
export const MESSAGE_MAX = 20_000;
export const REASON_TEXT_MAX = 1_000;
