// The names of the bridge's calls and events, without their schemas, so that the
// preload script can carry them without bundling zod.
export const CALL_NAMES = [
  'app:get-info',
  'app:get-access',
  'settings:get',
  'settings:update',
  'sync:exchange',
  'sync:get-status',
  'hub:join',
  'hub:leave',
  'record:verify',
  'record:identity',
  'devices:revoke',
  'monitor:snapshot',
  'monitor:history',
  'monitor:check-now',
  'secret:list',
  'secret:set',
  'runbook:run-step',
  'runbook:cancel',
  'runbook:ack-output',
  'comms:send',
  'comms:outbox',
  'comms:retry',
  'backup:create',
  'backup:read',
  'backup:upload',
  'backup:restore',
  'shell:take-opened-file',
  'exercise:start',
  'exercise:control',
  'exercise:inject',
] as const;
export const EVENT_NAMES = [
  'settings:changed',
  'sync:changed',
  'sync:status',
  'monitor:changed',
  'app:notify',
  'runbook:output',
  'runbook:ended',
  'comms:outbox-changed',
  'shell:command',
  'shell:file-opened',
] as const;

export type CallName = (typeof CALL_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

export function isCallName(value: unknown): value is CallName {
  return typeof value === 'string' && (CALL_NAMES as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}

/** The single Electron IPC channels the preload facade uses; never written elsewhere. */
export const IPC_CALL_CHANNEL = 'warroom:call';
export const IPC_EVENT_CHANNEL = 'warroom:event';
