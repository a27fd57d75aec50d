// Opening a runbook or scenario file with the app (double-click, "Open with",
// the command line): which argument is such a file, and reading it with a size
// cap. The window then imports it with the runbook importer, which checks it.
import { open } from 'node:fs/promises';
import { basename, extname, isAbsolute, resolve } from 'node:path';
import { MAX_OPENED_FILE_BYTES, type OpenedFile } from '../../common/bridge/shell-contract';

export const OPENABLE_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.md'];

export function isOpenableFileName(path: string): boolean {
  return OPENABLE_EXTENSIONS.includes(extname(path).toLowerCase());
}

/**
 * The file a command line asks the app to open, as an absolute path, or null.
 * Options (`--data-dir x`), Chromium's switches, the executable and the app
 * folder are not files to open; neither is a URL, nor a name with a NUL in it.
 */
export function openableFileFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = argv.length - 1; i >= 1; i -= 1) {
    const arg = argv[i] ?? '';
    const previous = argv[i - 1] ?? '';
    if (arg.startsWith('-') || arg.includes('\0') || /^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) continue;
    // The value of an option given as two arguments.
    if (previous.startsWith('--') && !previous.includes('=')) continue;
    if (!isOpenableFileName(arg)) continue;
    return isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return null;
}

/** Reads a file the system asked us to open, or explains why not. */
export async function readOpenedFile(path: string): Promise<OpenedFile> {
  if (!isOpenableFileName(path)) throw new Error(`not a runbook or scenario file: ${basename(path)}`);
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`not a file: ${basename(path)}`);
    if (info.size > MAX_OPENED_FILE_BYTES)
      throw new Error(`${basename(path)} is larger than any runbook (${info.size} bytes)`);
    const text = await handle.readFile('utf8');
    return { name: basename(path).slice(0, 255), text };
  } finally {
    await handle.close();
  }
}
