// Where the war-room keeps its data by default: the platform's usual app-data
// folder, the same one Electron's `userData` uses, so both modes share it.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'warroom';

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
    case 'darwin':
      return join(home, 'Library', 'Application Support', APP_DIR_NAME);
    default:
      return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_DIR_NAME);
  }
}
