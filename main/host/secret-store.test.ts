import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSecretStore } from './secret-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warroom-secrets-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('secret store', () => {
  it('keeps secrets in a file only its owner can read, and forgets them on request', async () => {
    const secrets = openSecretStore(dir);
    expect(await secrets.get('hub-token')).toBeNull();
    await secrets.set('hub-token', 's3cret-token');
    expect(await openSecretStore(dir).get('hub-token')).toBe('s3cret-token');
    if (process.platform !== 'win32') expect((await stat(join(dir, 'secrets.json'))).mode & 0o777).toBe(0o600);
    await secrets.set('hub-token', null);
    expect(await secrets.get('hub-token')).toBeNull();
    expect(await readFile(join(dir, 'secrets.json'), 'utf8')).not.toContain('s3cret');
  });

  it('says clearly when the file is damaged instead of treating it as empty', async () => {
    await writeFile(join(dir, 'secrets.json'), '{"hub-token": ');
    await expect(openSecretStore(dir).get('hub-token')).rejects.toThrow(/unreadable/);
  });
});
