import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../services/logger';
import { DEFAULT_SETTINGS, openSettingsStore } from './settings-store';

const silent = createLogger('test', () => undefined);
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warroom-settings-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('settings store', () => {
  it('starts from defaults and keeps updates across reopening', async () => {
    const store = await openSettingsStore(dir, silent);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    await store.update({ locale: 'fr' });
    await store.update({ displayName: 'Alice' });
    const reopened = await openSettingsStore(dir, silent);
    expect(reopened.get()).toEqual({ locale: 'fr', displayName: 'Alice' });
  });

  it('applies quick successive updates in order', async () => {
    const store = await openSettingsStore(dir, silent);
    await Promise.all([
      store.update({ displayName: 'one' }),
      store.update({ displayName: 'two' }),
      store.update({ displayName: 'three' }),
    ]);
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).displayName).toBe('three');
  });

  it('sets a damaged file aside instead of overwriting it', async () => {
    await writeFile(join(dir, 'settings.json'), '{"locale": "fr", "displayName": ');
    const store = await openSettingsStore(dir, silent);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    const files = await readdir(dir);
    const aside = files.find((name) => name.startsWith('settings.json.damaged-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('{"locale": "fr", "displayName": ');
  });

  it('refuses an invalid update and keeps the previous value', async () => {
    const store = await openSettingsStore(dir, silent);
    await store.update({ locale: 'en' });
    await expect(store.update({ locale: 'xx' as never })).rejects.toThrow();
    expect(store.get().locale).toBe('en');
  });
});
