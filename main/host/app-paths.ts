// Where the built app sits, seen from a bundled entry in out/main/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const APP_ROOT = join(__dirname, '..', '..');
export const RENDERER_DIR = join(__dirname, '..', 'renderer');

export function appVersion(root: string = APP_ROOT): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const version = (parsed as { version?: unknown }).version;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
