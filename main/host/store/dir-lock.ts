// One process at a time per embedded database. PGlite runs PostgreSQL in
// single-user mode inside this process: a second process opening the same files
// would corrupt them, and PostgreSQL's own lock file cannot tell (inside WASM,
// every process has the same pid). So a lock file beside the database names the
// owner's pid; a lock left behind by a process that died (kill -9, power loss) is
// taken over.
import { open, readFile, unlink } from 'node:fs/promises';

export class DirLockedError extends Error {
  readonly code = 'locked';
  constructor(
    readonly path: string,
    readonly ownerPid: number,
  ) {
    super(`${path} is held by process ${ownerPid}; stop it first (one process per embedded database)`);
  }
}

export interface DirLock {
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function ownerOf(path: string): Promise<number | null> {
  try {
    const pid = Number((await readFile(path, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Takes the lock at `path` for this process, or throws DirLockedError naming the live owner. */
export async function acquireDirLock(path: string): Promise<DirLock> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(`${process.pid}\n`, 'utf8');
      } finally {
        await handle.close();
      }
      return {
        release: async () => {
          // Only our own lock is removed: a successor may hold it after a takeover.
          if ((await ownerOf(path)) === process.pid) await unlink(path).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await ownerOf(path);
    if (owner !== null && owner !== process.pid && isAlive(owner)) throw new DirLockedError(path, owner);
    if (owner === process.pid) throw new DirLockedError(path, owner);
    // The owner is gone (or the file is empty, cut short by a crash): take over.
    await unlink(path).catch(() => undefined);
  }
  throw new Error(`could not take the lock ${path}`);
}
