// The host's settings (language, display name), one JSON file in the data dir.
// A damaged file is set aside, never silently overwritten, and defaults apply.
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { settingsSchema, type Settings } from '../../common/bridge/contract';
import { writeFileAtomic } from '../services/atomic-file';
import type { Logger } from '../services/logger';

export const DEFAULT_SETTINGS: Settings = { locale: null, displayName: null };

export interface SettingsStore {
  get(): Settings;
  update(patch: Partial<Settings>): Promise<Settings>;
}

export async function openSettingsStore(dataDir: string, log: Logger): Promise<SettingsStore> {
  const path = join(dataDir, 'settings.json');
  let current = DEFAULT_SETTINGS;
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (parsed.success) {
      current = parsed.data;
    } else {
      throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      const aside = `${path}.damaged-${Date.now()}`;
      log.warn(`settings file unreadable, kept as ${aside}; using defaults`, error);
      await rename(path, aside).catch(() => undefined);
    }
  }
  // Updates are serialised so two quick changes cannot write out of order.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    get: () => current,
    update(patch) {
      // Each patch applies to the latest saved value; a refused one changes nothing.
      const write = queue.then(async () => {
        const next = settingsSchema.parse({ ...current, ...patch });
        await writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`);
        current = next;
        return next;
      });
      queue = write.catch(() => undefined);
      return write;
    },
  };
}
