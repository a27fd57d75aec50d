// Security decisions of the Electron shell, as small pure functions. The app is
// served from app://warroom/; nothing else may be loaded, navigated to, or talk
// to the main process. main.ts only wires these to Electron's events, so every
// decision is unit-tested against hostile input without an Electron binary.
import { resolveStaticPath } from '../host/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'warroom';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
/** Longer than any link worth following; a huge URL is someone's payload. */
const MAX_EXTERNAL_URL = 2_048;

function parse(url: string | undefined | null): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for pages of the app itself. */
export function isAppUrl(url: string | undefined | null): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    !parsed.username &&
    !parsed.password &&
    !parsed.port
  );
}

/** Who sent an IPC message, as Electron's event describes it. */
export interface IpcSenderFacts {
  /** `event.senderFrame.url`; undefined when the frame is gone. */
  readonly frameUrl: string | undefined | null;
  /** The frame has no parent: not an iframe, whatever it shows. */
  readonly isTopFrame: boolean;
  /** `event.sender.id`: which web contents the message came from. */
  readonly webContentsId: number;
}

/**
 * IPC is answered only for the top frame of one of the app's own windows,
 * showing the app: not an iframe, not a window the app did not create.
 */
export function isTrustedSender(sender: IpcSenderFacts, appWebContents: ReadonlySet<number>): boolean {
  return sender.isTopFrame && appWebContents.has(sender.webContentsId) && isAppUrl(sender.frameUrl);
}

/** The window never navigates away from the app; links open nowhere inside it. */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/**
 * The address a link may be opened at in the system browser, or null: http(s)
 * only, no credentials in it (a classic way to disguise a host), nothing huge.
 * `file:`, `javascript:`, `data:`, `app:` and every other scheme stay closed.
 */
export function externalLinkTarget(url: string | undefined | null): string | null {
  if (!url || url.length > MAX_EXTERNAL_URL) return null;
  const parsed = parse(url);
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return null;
  if (parsed.username || parsed.password || !parsed.hostname) return null;
  return parsed.href;
}

/** What Electron tells a window-open handler. */
export interface WindowOpenFacts {
  readonly url: string;
  readonly disposition: 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other';
  /** The page asking: only the app's own pages may send a link out. */
  readonly openerUrl: string | undefined | null;
}

export interface WindowOpenDecision {
  /** No window is ever created inside the app. */
  readonly action: 'deny';
  /** A link to hand to the system browser, or null. */
  readonly openExternally: string | null;
}

/**
 * A new window is always denied. A link the user clicked (target=_blank, or a
 * middle/ctrl click: a tab disposition) to an http(s) address goes to the system
 * browser. Script-made popups (`new-window`, `other`) and anything not opened
 * from the app's own page go nowhere: the strict CSP keeps foreign script out,
 * and this keeps a bug from opening arbitrary windows.
 */
export function decideWindowOpen(facts: WindowOpenFacts): WindowOpenDecision {
  const isLinkClick = facts.disposition === 'foreground-tab' || facts.disposition === 'background-tab';
  const target = isLinkClick && isAppUrl(facts.openerUrl) ? externalLinkTarget(facts.url) : null;
  return { action: 'deny', openExternally: target };
}

/** Copy buttons (a command's output) write to the clipboard; nothing else is ever granted. */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/**
 * Permission requests (camera, microphone, geolocation, notifications, MIDI,
 * HID, serial, pointer lock, openExternal…) are denied, except writing to the
 * clipboard from the app's own page.
 */
export function isPermissionGranted(permission: string, requestingUrl: string | undefined | null): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/** The renderer file an app:// request names, or null (wrong host, traversal, bad encoding, not a read). */
export function resolveAppFile(url: string, rendererDir: string, method = 'GET'): string | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  const parsed = parse(url);
  if (!parsed || !isAppUrl(url)) return null;
  return resolveStaticPath(rendererDir, parsed.pathname);
}
