// The team hub's HTTP surface, shared by the server and the host's client:
//
//   GET  /v1/health                       200 {ok: true, storage} when the database answers, else 503
//   POST /v1/workspaces/:id/sync          one sync exchange (common/sync/protocol.ts)
//        Authorization: Bearer <token>    body: ExchangeRequest JSON, at most MAX_BATCH_BYTES
//        200 {ok: true, answer} | 4xx {ok: false, error: {code, message, eventId?}}
//   GET  /v1/workspaces/:id/live          WebSocket; the hub sends a LiveMessage on connecting
//                                         and each time it stores new events of the workspace
//
// The live socket takes the token either as `Authorization: Bearer <token>` (Node
// clients such as the host) or, for clients that cannot set headers (browsers), as
// a subprotocol `bearer.<token>` offered beside `warroom-live.v1`; the hub then
// answers with `warroom-live.v1`. Never in the URL, where proxies would log it.
import { z } from 'zod';
import { vectorSchema, type SyncErrorCode } from '../../../common/sync/protocol';

export const HEALTH_PATH = '/v1/health';
export const LIVE_PROTOCOL = 'warroom-live.v1';
export const BEARER_PROTOCOL_PREFIX = 'bearer.';

/** Workspace ids the hub serves: they appear in paths and in logs, so plain ones. */
export const WORKSPACE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function syncPath(workspace: string): string {
  return `/v1/workspaces/${encodeURIComponent(workspace)}/sync`;
}

export function livePath(workspace: string): string {
  return `/v1/workspaces/${encodeURIComponent(workspace)}/live`;
}

/** Which workspace route a path names, if any. */
export function matchWorkspaceRoute(pathname: string): { workspace: string; action: 'sync' | 'live' } | null {
  const match = /^\/v1\/workspaces\/([^/]+)\/(sync|live)$/.exec(pathname);
  if (!match?.[1] || !match[2]) return null;
  let workspace: string;
  try {
    workspace = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  if (!WORKSPACE_ID_PATTERN.test(workspace)) return null;
  return { workspace, action: match[2] === 'sync' ? 'sync' : 'live' };
}

export const liveMessageSchema = z.strictObject({ kind: z.literal('changed'), vector: vectorSchema });
export type LiveMessage = z.infer<typeof liveMessageSchema>;

/** The HTTP status of each refusal, so that plain HTTP tools tell them apart too. */
export const REFUSAL_STATUS: Record<SyncErrorCode, number> = {
  malformed: 400,
  'wrong-workspace': 400,
  'bad-hash': 422,
  'broken-chain': 422,
  'seq-gap': 409,
  'seq-conflict': 409,
  oversized: 413,
  // 401 for no or an unknown token; the server answers 403 for a token of another workspace.
  unauthorized: 401,
  unsigned: 422,
  'bad-signature': 422,
  'wrong-device-key': 403,
  'wrong-actor': 403,
  'not-enrolled': 403,
  'not-allowed': 403,
  'device-revoked': 403,
  'clock-ahead': 422,
};

/** Hub failures that are not refusals of a batch (the client retries them later). */
export const HUB_FAILURE_CODES = ['not-found', 'method-not-allowed', 'unavailable'] as const;
export type HubFailureCode = (typeof HUB_FAILURE_CODES)[number];
