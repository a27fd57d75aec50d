// The workspace backup at 100,000 events from 4 devices, as the host runs it:
// read every event from its PGlite store, gzip, encrypt (scrypt at the shipped
// cost + AES-256-GCM), and restore into a fresh PGlite store with every chain
// verified first. Targets: a backup in under 10 s and a restore in under 60 s
// on a laptop, so that backing up before a risky change is something people do.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openPgliteClient } from '../main/host/store/pglite-client';
import { SqlEventStore } from '../main/host/store/sql-event-log';
import { noteDrafts } from '../main/host/store/test-storage';
import { signedDevice } from '../test/support/signed-device';
import { createBackup, restoreBackup } from '../main/services/backup/workspace-backup';
import type { Figure } from './figure';
import { withTempDir } from './support/temp-dir';

const EVENTS = 100_000;
const DEVICES = 4;
const WORKSPACE = 'default';
const PASSPHRASE = 'bench passphrase, long enough';

export default async function backupBench(): Promise<Figure[]> {
  return withTempDir('backup', async (dir) => {
    const sourceClient = await openPgliteClient(join(dir, 'source'));
    const targetClient = await openPgliteClient(join(dir, 'target'));
    try {
      const source = (await SqlEventStore.open(sourceClient)).log(WORKSPACE);
      const writers = Array.from({ length: DEVICES }, (_, i) => signedDevice(`person ${i}`, { workspace: WORKSPACE }));
      const perDevice = EVENTS / DEVICES;
      for (let from = 0; from < perDevice; from += 1_250) {
        for (const [i, writer] of writers.entries()) {
          const drafts = noteDrafts(1_250, from, (n) => `device ${i} note ${n}: checkout latency back to normal`);
          const applied = await source.apply(writer.write(drafts, 1_000_000 + from));
          if (!applied.ok) throw new Error(applied.error.message);
        }
      }
      let started = performance.now();
      const { file, summary } = await createBackup(source, {
        passphrase: PASSPHRASE,
        now: Date.now(),
        appVersion: 'bench',
      });
      const backupMs = performance.now() - started;
      // Each device's chain opens with its enrolment.
      if (summary.events !== EVENTS + DEVICES) throw new Error(`backed up ${summary.events} events`);

      const target = (await SqlEventStore.open(targetClient)).log(WORKSPACE);
      started = performance.now();
      const restored = await restoreBackup(target, file, PASSPHRASE);
      const restoreMs = performance.now() - started;
      if (restored.stored !== EVENTS + DEVICES) throw new Error(`restored ${restored.stored} events`);
      const note = `${EVENTS.toLocaleString('en')} events, ${DEVICES} devices, encrypted, PGlite`;
      return [
        {
          name: 'backup of 100k events (read, gzip, encrypt)',
          value: backupMs,
          unit: 'ms',
          target: 10_000,
          better: 'lower',
          note,
        },
        {
          name: 'restore of 100k events (decrypt, verify, store)',
          value: restoreMs,
          unit: 'ms',
          target: 60_000,
          better: 'lower',
          note,
        },
        {
          name: 'backup file size for 100k events',
          value: file.length / (1024 * 1024),
          unit: 'MB',
          target: null,
          better: 'lower',
        },
      ];
    } finally {
      await sourceClient.close();
      await targetClient.close();
    }
  });
}
