// Where the built app sits. Bundled code may run from out/main/ or from a shared
// chunk below it, so the root is found by walking up to the app's package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findAppRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'out'))) return dir;
    if (dirname(dir) === dir) return join(start, '..', '..');
  }
}

export const APP_ROOT = findAppRoot(__dirname);
export const RENDERER_DIR = join(APP_ROOT, 'out', 'renderer');

export function appVersion(root: string = APP_ROOT): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const version = (parsed as { version?: unknown }).version;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
