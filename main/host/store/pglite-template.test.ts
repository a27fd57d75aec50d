// A first start copies the empty database made at build time instead of running
// initdb: the copy opens, takes the store's schema and events, and is its own
// (the template is never written to); a data dir that holds a database already,
// or a copy cut short, is handled without losing anything.
import { mkdtemp, readdir, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceKey } from '../../services/identity/device-key';
import type { Logger } from '../../services/logger';
import { hasPgliteDatabase, makePgliteTemplate, openPgliteClient } from './pglite-client';
import { SqlEventStore } from './sql-event-log';
import { noteDrafts } from './test-storage';

let root: string;
let template: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'warroom-template-'));
  template = join(root, 'template');
  await makePgliteTemplate(template);
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

// Each test opens PGlite once or twice (one of them runs initdb): seconds on a busy machine.
/** Every file of a directory tree with its size and modification time. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path);
    out.set(path, `${info.size}:${info.mtimeMs}`);
  }
  return out;
}

describe('the empty database made at build time', () => {
  it('is what a first start copies: the store opens on it, writes, and reopens with its events; the template is untouched', async () => {
    const before = await snapshot(template);
    const dir = join(root, 'first-start');
    expect(await hasPgliteDatabase(dir)).toBe(false);
    const key = generateDeviceKey();
    const said: string[] = [];
    const log: Logger = { debug: () => {}, info: (message) => said.push(message), warn: () => {}, error: () => {} };
    const open = async () => {
      const client = await openPgliteClient(dir, log, { template });
      const store = await SqlEventStore.open(client, {
        signer: { kind: 'host', key, person: () => ({ name: 'Alice' }) },
      });
      return { client, log: store.log('default') };
    };
    const first = await open();
    expect(said).toEqual(['created the record from the empty database made at build time']);
    expect(await first.log.all()).toEqual([]);
    const written = await first.log.append(noteDrafts(3), Date.now());
    expect(written.ok).toBe(true);
    await first.client.close();
    const again = await open();
    expect(said).toHaveLength(1); // copied once, on the first start only
    expect(await again.log.all()).toHaveLength(4); // the enrolment and three notes
    await again.client.close();
    expect(await snapshot(template)).toEqual(before);
    expect(await readdir(dir)).not.toContain('pgdata.copying');
  }, 120_000);

  it('leaves a data dir that holds a database alone', async () => {
    const dir = join(root, 'existing');
    const client = await openPgliteClient(dir, undefined, { template: null });
    await client.query('CREATE TABLE kept (x int)');
    await client.query('INSERT INTO kept VALUES (42)');
    await client.close();
    const reopened = await openPgliteClient(dir, undefined, { template });
    expect(await reopened.query<{ x: number }>('SELECT x FROM kept')).toEqual([{ x: 42 }]);
    await reopened.close();
  }, 120_000);

  it('redoes a copy cut short: the scratch copy is never taken for a database', async () => {
    const dir = join(root, 'cut-short');
    // What a start killed in the middle of its copy leaves: a scratch dir with some of the files.
    await mkdir(join(dir, 'pgdata.copying', 'base'), { recursive: true });
    await writeFile(join(dir, 'pgdata.copying', 'PG_VERSION'), '17\n');
    const client = await openPgliteClient(dir, undefined, { template });
    expect(await client.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await client.close();
    expect(await readdir(dir)).not.toContain('pgdata.copying');
  }, 120_000);
});
