// The bridge contract: every call the renderer may make to its host and every
// event the host may push, each with a zod schema. Both transports (Electron IPC
// and WebSocket) and the renderer client derive their types from this file; the
// host validates every message against it.
import { z } from 'zod';
import { LOCALES } from '../i18n/locales';
import type { CallName, EventName } from './channels';

export { CALL_NAMES, EVENT_NAMES, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, isCallName, isEventName } from './channels';
export type { CallName, EventName } from './channels';

export const settingsSchema = z.strictObject({
  locale: z.enum(LOCALES).nullable(),
  displayName: z.string().trim().min(1).max(120).nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const appInfoSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  platform: z.string(),
  systemLocale: z.string(),
  userName: z.string(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

const empty = z.strictObject({});

interface CallSpec {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

export const calls = {
  'app:get-info': { request: empty, response: appInfoSchema },
  'settings:get': { request: empty, response: settingsSchema },
  'settings:update': { request: settingsSchema.partial(), response: settingsSchema },
} as const satisfies Record<CallName, CallSpec>;

export const events = {
  'settings:changed': settingsSchema,
} as const satisfies Record<EventName, z.ZodType>;

export type CallRequest<C extends CallName> = z.infer<(typeof calls)[C]['request']>;
export type CallResponse<C extends CallName> = z.infer<(typeof calls)[C]['response']>;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
