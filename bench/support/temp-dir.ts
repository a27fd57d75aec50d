// A temporary directory for the length of one callback, removed afterwards
// whatever the callback does.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function withTempDir<T>(prefix: string, use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), `warroom-bench-${prefix}-`));
  try {
    return await use(dir);
  } finally {
    // Retries cover a child process that is still letting go of its files.
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}
