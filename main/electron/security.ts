// Security decisions of the Electron shell, as small pure functions. The app is
// served from app://warroom/; nothing else may be loaded, navigated to, or talk
// to the main process.
import { resolveStaticPath } from '../host/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'warroom';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

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
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username;
}

/** IPC is answered only for frames showing the app (not an iframe of anything else). */
export function isTrustedSender(frameUrl: string | undefined | null): boolean {
  return isAppUrl(frameUrl);
}

/** The window never navigates away from the app; links open nowhere inside it. */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/** The renderer file an app:// request names, or null (wrong host, traversal, bad encoding). */
export function resolveAppFile(url: string, rendererDir: string): string | null {
  const parsed = parse(url);
  if (!parsed || !isAppUrl(url)) return null;
  return resolveStaticPath(rendererDir, parsed.pathname);
}
