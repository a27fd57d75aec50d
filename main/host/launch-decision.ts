// Whether `npm start` can run the Electron app here, and if not, the one-line
// reason it gives before starting browser mode instead.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Why Electron cannot run; each has a sentence in the catalogues (`cli.reason.*`). */
export type FallbackReason = 'asked' | 'no-package' | 'no-binary' | 'no-display';

export type LaunchDecision = { mode: 'electron'; binary: string } | { mode: 'browser'; reason: FallbackReason };

export interface LaunchFacts {
  /** Folder of the installed electron package, or null when it is not installed. */
  readonly packageDir: string | null;
  /** Contents of the package's path.txt, written once its binary was downloaded. */
  readonly pathTxt: string | null;
  readonly binaryExists: (path: string) => boolean;
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
}

export function decideLaunch(facts: LaunchFacts): LaunchDecision {
  if (facts.env.WARROOM_BROWSER_MODE === '1') return { mode: 'browser', reason: 'asked' };
  if (!facts.packageDir) return { mode: 'browser', reason: 'no-package' };
  const relative = facts.pathTxt?.trim();
  const binary = relative ? join(facts.packageDir, 'dist', relative) : null;
  if (!binary || !facts.binaryExists(binary)) return { mode: 'browser', reason: 'no-binary' };
  if (facts.platform === 'linux' && !facts.env.DISPLAY && !facts.env.WAYLAND_DISPLAY) {
    return { mode: 'browser', reason: 'no-display' };
  }
  return { mode: 'electron', binary };
}

export function readLaunchFacts(): LaunchFacts {
  let packageDir: string | null = null;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    packageDir = null;
  }
  let pathTxt: string | null = null;
  if (packageDir) {
    try {
      pathTxt = readFileSync(join(packageDir, 'path.txt'), 'utf8');
    } catch {
      pathTxt = null;
    }
  }
  return { packageDir, pathTxt, binaryExists: existsSync, platform: process.platform, env: process.env };
}
