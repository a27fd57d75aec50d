// Secrets (the hub token for now) live on this host only, never in the event
// log: a 0600 JSON file in the data dir. The Electron shell can move this to
// safeStorage later without changing callers.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../services/atomic-file';

const secretsSchema = z.record(z.string(), z.string());

export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string | null): Promise<void>;
  /** The names held, never the values. */
  names(): Promise<string[]>;
}

export function openSecretStore(dataDir: string): SecretStore {
  const path = join(dataDir, 'secrets.json');
  const read = async (): Promise<Record<string, string>> => {
    try {
      return secretsSchema.parse(JSON.parse(await readFile(path, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(
        `the secret store ${path} is unreadable: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    get: async (name) => (await read())[name] ?? null,
    names: async () => Object.keys(await read()).sort(),
    set(name, value) {
      const write = queue.then(async () => {
        const secrets = new Map(Object.entries(await read()));
        if (value === null) secrets.delete(name);
        else secrets.set(name, value);
        await writeFileAtomic(path, `${JSON.stringify(Object.fromEntries(secrets), null, 2)}\n`);
      });
      queue = write.catch(() => undefined);
      return write;
    },
  };
}
