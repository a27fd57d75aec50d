// A teammate's browser on the LAN keeps its own language and name, in the
// browser: the host's settings are the laptop owner's, and the host takes them
// only from the person at the laptop. Kept per browser, so a reload or the
// next day opens in the same language under the same name.
import { settingsSchema, type Settings } from '../../common/bridge/contract';
import { createLogger } from '../log';

const KEY = 'warroom.window-settings';
const NONE: Settings = { locale: null, displayName: null };
const log = createLogger('window-settings');

/** The settings this browser keeps; none when storage is unavailable or holds something else. */
export function readWindowSettings(storage: Pick<Storage, 'getItem'> = localStorage): Settings {
  try {
    const kept = storage.getItem(KEY);
    if (kept === null) return NONE;
    const parsed = settingsSchema.safeParse(JSON.parse(kept));
    return parsed.success ? parsed.data : NONE;
  } catch {
    return NONE;
  }
}

/** Keeps a change in this browser; the window already uses it. */
export function saveWindowSettings(
  patch: Partial<Settings>,
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
): Settings {
  const next = { ...readWindowSettings(storage), ...patch };
  try {
    storage.setItem(KEY, JSON.stringify(next));
  } catch (error) {
    // Private browsing may refuse storage: the choice still holds in this window.
    log.warn('language and name not kept in this browser', error);
  }
  return next;
}
