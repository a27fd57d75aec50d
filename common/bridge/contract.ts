// The bridge contract: every call the renderer may make to its host and every
// event the host may push, each with a zod schema. Both transports (Electron IPC
// and WebSocket) and the renderer client derive their types from this file; the
// host validates every message against it.
import { z } from 'zod';
import type { ChainBreak, RecordReport } from '../events/chain';
import { outboxSchema, sendMessageRequestSchema } from '../comms/comms-bridge';
import { LOCALES } from '../i18n/locales';
import { runStepRequestSchema, stepEndedSchema, stepOutputSchema } from '../runbooks/runbook-bridge';
import { exchangeRequestSchema, exchangeResponseSchema, SYNC_ERROR_CODES, vectorSchema } from '../sync/protocol';
import {
  monitorHistorySchema,
  monitorBoardSchema,
  monitorIdRequestSchema,
  notificationSchema,
  secretNamesSchema,
  secretSetSchema,
} from './monitor-contract';
import {
  backupChunkSchema,
  backupCreatedSchema,
  backupCreateSchema,
  backupReadSchema,
  backupRestoredSchema,
  backupRestoreSchema,
  backupUploadedSchema,
  backupUploadSchema,
} from './backup-contract';
import type { CallName, EventName } from './channels';
import { accessSchema } from './access-contract';
import { deviceRevokedSchema, deviceRevokeSchema } from './devices-contract';
import { exerciseControlSchema, exerciseInjectRequestSchema, exerciseStartSchema } from './exercise-contract';
import { personRefSchema, workspaceSchema } from '../events/event';
import { shellCommandSchema, takeOpenedFileResponseSchema } from './shell-contract';

export { CALL_NAMES, EVENT_NAMES, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, isCallName, isEventName } from './channels';
export type { CallName, EventName } from './channels';

export const windowIdentitySchema = z.strictObject({
  sponsor: z.string().min(1).max(64),
  kind: z.enum(['window', 'lan']),
  person: personRefSchema.nullable(),
});
export type WindowIdentity = z.infer<typeof windowIdentitySchema>;

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

/** Where this host stands with its team hub, for the sync indicator. */
export const syncStatusSchema = z.strictObject({
  /** disabled: no hub joined; offline: unreachable, retrying; refused: the hub said no (see error). */
  state: z.enum(['disabled', 'connecting', 'syncing', 'online', 'offline', 'refused']),
  hubUrl: z.string().nullable(),
  workspace: z.string(),
  /** Events this host holds that the hub has not acknowledged. */
  waiting: z.number().int().nonnegative(),
  lastSyncedAt: z.number().nullable(),
  error: z.string().nullable(),
  /** Why the hub refused, as a code the window words in its language (common/sync/protocol.ts). */
  refusal: z.enum(SYNC_ERROR_CODES).nullable().optional(),
  /**
   * This computer's clock minus the hub's, in ms (positive: ahead), as measured on the last
   * exchange; null until a hub has told its time.
   */
  clockOffsetMs: z.number().nullable(),
  /**
   * The clock stands between this computer and the hub: it is off by more than a receiver
   * tolerates (MAX_CLOCK_AHEAD_MS), or the hub refused its events as `clock-ahead`. Its events
   * stay queued here and go out once the clock is right; the window says so.
   */
  isClockOff: z.boolean(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const hubJoinSchema = z.strictObject({
  url: z
    .string()
    .trim()
    .max(2_000)
    .refine((value) => /^https?:\/\/[^\s]+$/.test(value), 'an http:// or https:// address'),
  token: z.string().trim().min(8).max(500),
  workspace: workspaceSchema.optional(),
});

/** A call about one workspace; absent, the real record's. */
export const workspaceRequestSchema = z.strictObject({ workspace: workspaceSchema.optional() });

const short = z.string().max(200);
const chainBreakSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('malformed'),
    index: z.number().int().nonnegative(),
    problem: z.enum(['not-an-object', 'missing-field', 'invalid-field', 'unreadable', 'invalid-content']),
    field: short.optional(),
    deviceId: short.optional(),
    seq: z.number().optional(),
    eventId: short.optional(),
  }),
  z.strictObject({ kind: z.literal('gap'), deviceId: short, expectedSeq: z.number(), foundSeq: z.number() }),
  z.strictObject({ kind: z.literal('duplicate'), deviceId: short, seq: z.number(), eventId: short.optional() }),
  z.strictObject({ kind: z.literal('truncated'), deviceId: short, lastSeq: z.number(), headSeq: z.number() }),
  z.strictObject({ kind: z.literal('bad-hash'), deviceId: short, seq: z.number(), eventId: short }),
  z.strictObject({ kind: z.literal('broken-link'), deviceId: short, seq: z.number(), eventId: short }),
]) satisfies z.ZodType<ChainBreak>;

/** The host's replica checked chain by chain (common/events/chain.ts verifyRecord). */
export const recordReportSchema = z.strictObject({
  checked: z.number().int().nonnegative(),
  devices: z
    .array(
      z.strictObject({
        deviceId: short,
        events: z.number().int().nonnegative(),
        verifiedThrough: z.number().int().nonnegative(),
      }),
    )
    .readonly(),
  breaks: z.array(chainBreakSchema).readonly(),
}) satisfies z.ZodType<RecordReport>;

const empty = z.strictObject({});

interface CallSpec {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

export const calls = {
  'app:get-info': { request: empty, response: appInfoSchema },
  // Whether this window is the person at the laptop, and which calls it will be refused (common/bridge/access-contract.ts).
  'app:get-access': { request: empty, response: accessSchema },
  'settings:get': { request: empty, response: settingsSchema },
  'settings:update': { request: settingsSchema.partial(), response: settingsSchema },
  // The window's replica exchanging with the host's: the same protocol as host ⇄ hub.
  'sync:exchange': { request: exchangeRequestSchema, response: exchangeResponseSchema },
  // Each workspace (the real record, the exercises) syncs with the hub under its own token.
  'sync:get-status': { request: workspaceRequestSchema, response: syncStatusSchema },
  'hub:join': { request: hubJoinSchema, response: syncStatusSchema },
  'hub:leave': { request: workspaceRequestSchema, response: syncStatusSchema },
  // Checks every device's hash chain in the host's replica.
  'record:verify': { request: empty, response: recordReportSchema },
  // How a window enrols in a workspace's record: as which kind of device, sponsored by which host,
  // for which person (the laptop's, at the laptop; a teammate's browser names its own).
  'record:identity': { request: workspaceRequestSchema, response: windowIdentitySchema },
  // The person at the laptop lets go of a device this laptop let in: the host writes its revocation
  // (common/bridge/devices-contract.ts); refused with a reason code for any other device.
  'devices:revoke': { request: deviceRevokeSchema, response: deviceRevokedSchema },
  // The host's monitors as it sees them now; their definitions are `monitor` documents.
  'monitor:snapshot': { request: empty, response: monitorBoardSchema },
  'monitor:history': { request: monitorIdRequestSchema, response: monitorHistorySchema },
  'monitor:check-now': { request: monitorIdRequestSchema, response: z.strictObject({ isKnown: z.boolean() }) },
  // Secret NAMES only: a value goes in and never comes back to a window.
  'secret:list': { request: empty, response: secretNamesSchema },
  'secret:set': { request: secretSetSchema, response: secretNamesSchema },
  // Runs a command or HTTP step exactly as the person confirmed it (common/runbooks/runbook-bridge.ts).
  'runbook:run-step': { request: runStepRequestSchema, response: z.strictObject({ execId: z.string() }) },
  'runbook:cancel': {
    request: z.strictObject({ execId: z.string().min(1).max(64) }),
    response: z.strictObject({ isCancelled: z.boolean() }),
  },
  /** Flow control: the window has written this many bytes of the execution's output in all. */
  'runbook:ack-output': {
    request: z.strictObject({ execId: z.string().min(1).max(64), bytes: z.number().int().nonnegative() }),
    response: empty,
  },
  // Records a message told to an audience; with a channel, queues it in this host's outbox (common/comms).
  // In the exercise workspace it is recorded and never delivered: `rehearsed`.
  'comms:send': {
    request: sendMessageRequestSchema,
    response: z.strictObject({ status: z.enum(['copied', 'queued', 'rehearsed']) }),
  },
  'comms:outbox': { request: empty, response: outboxSchema },
  'comms:retry': { request: z.strictObject({ messageId: z.string().min(1).max(64) }), response: outboxSchema },
  // The whole workspace to one file and back (common/bridge/backup-contract.ts).
  'backup:create': { request: backupCreateSchema, response: backupCreatedSchema },
  'backup:read': { request: backupReadSchema, response: backupChunkSchema },
  'backup:upload': { request: backupUploadSchema, response: backupUploadedSchema },
  'backup:restore': { request: backupRestoreSchema, response: backupRestoredSchema },
  // A runbook or scenario file the system asked the desktop app to open (common/bridge/shell-contract.ts).
  'shell:take-opened-file': { request: empty, response: takeOpenedFileResponseSchema },
  // The facilitator's host writes the session's events, so its clock fires the injects (common/bridge/exercise-contract.ts).
  'exercise:start': { request: exerciseStartSchema, response: z.strictObject({ sessionId: z.string() }) },
  'exercise:control': { request: exerciseControlSchema, response: empty },
  'exercise:inject': { request: exerciseInjectRequestSchema, response: empty },
} as const satisfies Record<CallName, CallSpec>;

export const events = {
  'settings:changed': settingsSchema,
  /** The host's record of a workspace grew: that workspace's windows pull. */
  'sync:changed': z.strictObject({ workspace: z.string(), vector: vectorSchema }),
  'sync:status': syncStatusSchema,
  /** The monitor board changed (a status, a check's latency, an incoming alert). */
  'monitor:changed': monitorBoardSchema,
  /** A desktop notification for the window to show (browser mode's notifier). */
  'app:notify': notificationSchema,
  'runbook:output': stepOutputSchema,
  'runbook:ended': stepEndedSchema,
  /** The outbox changed: a message queued, sent, failed or retried. */
  'comms:outbox-changed': outboxSchema,
  /** The application menu, the tray or the global shortcut asks the window for something. */
  'shell:command': shellCommandSchema,
  /** A file waits to be taken with `shell:take-opened-file`. */
  'shell:file-opened': empty,
} as const satisfies Record<EventName, z.ZodType>;

export type CallRequest<C extends CallName> = z.infer<(typeof calls)[C]['request']>;
export type CallResponse<C extends CallName> = z.infer<(typeof calls)[C]['response']>;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
