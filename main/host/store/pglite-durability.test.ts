// An acknowledged event survives the host being killed: a child process appends
// and acknowledges, we SIGKILL it right after an acknowledgement, reopen the
// store and find every acknowledged event, chains intact.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../../../common/events/chain';
import { generateDeviceKey, verifyEd25519 } from '../../services/identity/device-key';
import { DirLockedError } from './dir-lock';
import { hasPgliteDatabase, openPgliteClient } from './pglite-client';
import { SqlEventStore } from './sql-event-log';

const FIXTURE = join(__dirname, 'append-child.fixture.ts');
/** The appender's device key, the same on every start, as a host keeps its own. */
const KEY = generateDeviceKey();

interface Acknowledged {
  readonly lastSeq: number;
  /** fsync calls from the first append to the last acknowledgement. */
  readonly fsyncs: number;
}

/** Starts the appender and kills it (SIGKILL) as soon as it has acknowledged `count` events. */
function appendThenKill(dir: string, count: number, onReady: () => Promise<void>): Promise<Acknowledged> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dir, KEY.exported], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let acknowledged: Acknowledged = { lastSeq: 0, fsyncs: 0 };
    let seen = 0;
    let fsyncsAtReady = 0;
    let isKilled = false;
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const ready = /^ready fsyncs (\d+)$/.exec(line);
      if (ready) {
        fsyncsAtReady = Number(ready[1]);
        onReady().catch((error: unknown) => {
          child.kill('SIGKILL');
          reject(error);
        });
        return;
      }
      const match = /^ack (\d+) fsyncs (\d+)$/.exec(line);
      if (!match || isKilled) return;
      acknowledged = { lastSeq: Number(match[1]), fsyncs: Number(match[2]) - fsyncsAtReady };
      seen += 1;
      if (seen >= count) {
        // Killed right after the acknowledgement, before anything else can run.
        isKilled = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && isKilled) resolve(acknowledged);
      else reject(new Error(`the appender stopped on its own (${code ?? signal}): ${stderr}`));
    });
  });
}

describe('PGlite store durability', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warroom-durability-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged event across kill -9, and flushes commits to the disk', async () => {
    const db = join(dir, 'db');
    expect(await hasPgliteDatabase(db)).toBe(false);
    for (const [round, count] of [5, 37, 120].entries()) {
      const acknowledged = await appendThenKill(db, count, async () => {
        // While the appender runs, nobody else may open its database.
        await expect(openPgliteClient(db)).rejects.toBeInstanceOf(DirLockedError);
      });
      // Every commit was flushed with a real fsync before it was acknowledged.
      expect(acknowledged.fsyncs, `round ${round}`).toBeGreaterThanOrEqual(count);
      expect(await hasPgliteDatabase(db)).toBe(true);
      const client = await openPgliteClient(db);
      try {
        const store = await SqlEventStore.open(client);
        const log = store.log('durability');
        const held = (await log.vector())[store.deviceId] ?? 0;
        expect(held, `round ${round}`).toBeGreaterThanOrEqual(acknowledged.lastSeq);
        const all = await log.all();
        expect(verifyChains(all)).toEqual([]);
        // One device across the restarts: enrolled once, every event signed with its key.
        expect(all.filter((event) => event.type === 'device.enrolled')).toHaveLength(1);
        expect(all.every((event) => event.sig && verifyEd25519(KEY.publicKey, event.hash, event.sig))).toBe(true);
      } finally {
        await client.close();
      }
    }
  }, 120_000);
});
