// Who may use browser mode. By default the host listens on loopback only and
// serves only requests addressed to loopback (no DNS rebinding), and its bridge
// only to pages it served (the Origin is checked). With `--lan` it listens
// beyond loopback, and every request must carry the join token: once in the
// address (`?join=`), which sets a cookie, then in that cookie.
import { timingSafeEqual } from 'node:crypto';
import type { LanRefusal, WindowAccess } from '../../common/bridge/access-contract';
import type { CallName } from '../../common/bridge/contract';

export const JOIN_COOKIE = 'warroom_join';

export interface AccessPolicy {
  /** Null: loopback only. A string: LAN mode, and the token every browser must present. */
  readonly lanToken: string | null;
  readonly port: number;
}

export interface RequestFacts {
  readonly host: string | undefined;
  readonly url: string | undefined;
  readonly cookie: string | undefined;
  readonly origin?: string | undefined;
}

export type Access =
  | { kind: 'allow' }
  | { kind: 'join'; location: string; setCookie: string }
  | { kind: 'deny'; status: 401 | 403 | 421; reason: string };

function loopbackHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

function sameToken(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

function parseUrl(url: string | undefined): URL | null {
  try {
    return new URL(url ?? '/', 'http://x');
  } catch {
    return null;
  }
}

export function checkPageRequest(request: RequestFacts, policy: AccessPolicy): Access {
  if (policy.lanToken === null) {
    return loopbackHosts(policy.port).has(request.host ?? '')
      ? { kind: 'allow' }
      : { kind: 'deny', status: 421, reason: 'browser mode answers on loopback only' };
  }
  const url = parseUrl(request.url);
  if (!url) return { kind: 'deny', status: 403, reason: 'malformed address' };
  const offered = url.searchParams.get('join');
  if (offered !== null) {
    if (!sameToken(offered, policy.lanToken)) return { kind: 'deny', status: 401, reason: 'wrong join token' };
    url.searchParams.delete('join');
    return {
      kind: 'join',
      location: `${url.pathname}${url.search}`,
      setCookie: `${JOIN_COOKIE}=${encodeURIComponent(offered)}; HttpOnly; SameSite=Strict; Path=/`,
    };
  }
  return sameToken(cookieValue(request.cookie, JOIN_COOKIE), policy.lanToken)
    ? { kind: 'allow' }
    : { kind: 'deny', status: 401, reason: 'this war-room needs its join token: open the address with ?join=…' };
}

export function checkBridgeUpgrade(request: RequestFacts, policy: AccessPolicy): Access {
  const page = checkPageRequest({ ...request, url: '/' }, policy);
  if (page.kind !== 'allow')
    return page.kind === 'join' ? { kind: 'deny', status: 401, reason: 'no join token' } : page;
  // Only a page this host served may open the bridge: its origin is this host.
  if (request.origin !== `http://${request.host ?? ''}`) {
    return { kind: 'deny', status: 403, reason: `refused a bridge connection from origin "${request.origin ?? ''}"` };
  }
  return { kind: 'allow' };
}

/**
 * Calls that act on this laptop itself — running a command, storing a secret,
 * joining or leaving a hub, its own settings — or steer an exercise, whose
 * clock runs here, answer only the person at it. A teammate's browser in LAN
 * mode reads and writes the shared record, nothing more.
 */
export const LOCAL_ONLY_CALLS: ReadonlySet<CallName> = new Set<CallName>([
  'runbook:run-step',
  'runbook:cancel',
  'secret:set',
  'secret:list',
  'hub:join',
  'hub:leave',
  // The outbox sends from this laptop with its secrets: only the person at it queues or retries.
  'comms:send',
  'comms:retry',
  // The whole record leaves, or a whole record comes in: the person at the laptop decides.
  'backup:create',
  'backup:read',
  'backup:upload',
  'backup:restore',
  // The facilitator at this laptop starts, steers (pause, speed, live actions, end) and feeds the drill;
  // its events are written with this host's device, the session's clock, so they would count.
  'exercise:start',
  'exercise:control',
  'exercise:inject',
  // This laptop's language and name are its owner's: a teammate's browser keeps its own.
  'settings:update',
  // Revoking signs with this laptop's key: the person at it decides who it lets go.
  'devices:revoke',
]);

/** The sentence the first local-only calls answered with, before refusals carried a reason code. */
const LAN_REFUSAL =
  'Only the person at this laptop can do that: running commands, secrets and the hub stay local in LAN mode.';

const LAN_REFUSAL_REASONS: ReadonlyMap<CallName, LanRefusal> = new Map<CallName, LanRefusal>([
  ['exercise:start', 'exercise-laptop-only'],
  ['exercise:control', 'exercise-laptop-only'],
  ['exercise:inject', 'exercise-laptop-only'],
  ['settings:update', 'settings-laptop-only'],
  ['devices:revoke', 'devices-laptop-only'],
]);

/** What a LAN browser is told for a local-only call: a reason code the window words, or the older sentence. */
export function lanRefusal(channel: CallName): string {
  return LAN_REFUSAL_REASONS.get(channel) ?? LAN_REFUSAL;
}

/** Whether a socket's peer is this machine. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

export function isCallAllowed(channel: string, isLocalPeer: boolean): boolean {
  return isLocalPeer || !(LOCAL_ONLY_CALLS as ReadonlySet<string>).has(channel);
}

/** What a window is told about itself, so that it does not offer what it would be refused. */
export function accessOf(isAtLaptop: boolean): WindowAccess {
  return { isAtLaptop, laptopOnly: isAtLaptop ? [] : [...LOCAL_ONLY_CALLS] };
}
