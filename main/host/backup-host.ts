// The workspace backup wired into the host: bridge handlers that write a backup
// file for a window to read in chunks, take an upload in chunks, and restore it
// into the host's record. Files in transit live under the data dir and are
// removed once read or restored; secrets and settings are never read here.
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rm, stat, open } from 'node:fs/promises';
import { join } from 'node:path';
import { BACKUP_CHUNK_BYTES, MAX_RESTORE_UPLOAD_BYTES, type BackupRestored } from '../../common/bridge/backup-contract';
import type { EventLog } from '../../common/sync/event-log';
import { BACKUP_EXTENSION, BackupRefusal } from '../services/backup/backup-file';
import { createBackup, restoreBackup } from '../services/backup/workspace-backup';
import type { Logger } from '../services/logger';
import type { Handlers } from './bridge-router';

type BackupCalls = 'backup:create' | 'backup:read' | 'backup:upload' | 'backup:restore';

export interface BackupHostOptions {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly log: () => Promise<EventLog>;
  /** Tells windows and the hub that the record grew. */
  readonly onRestored: (log: EventLog) => Promise<void>;
  readonly logger: Logger;
  readonly now?: () => number;
}

export interface BackupHost {
  readonly handlers: Pick<Handlers, BackupCalls>;
}

function fileStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

export function createBackupHost(options: BackupHostOptions): BackupHost {
  const outbox = join(options.dataDir, 'backups');
  const inbox = join(options.dataDir, 'restore-uploads');
  const now = options.now ?? Date.now;
  const outgoing = (backupId: string) => join(outbox, `${backupId}${BACKUP_EXTENSION}`);
  const incoming = (uploadId: string) => join(inbox, `${uploadId}.part`);
  // One restore at a time: two would race on the conflict check.
  let restoring: Promise<unknown> = Promise.resolve();

  return {
    handlers: {
      'backup:create': async ({ passphrase }) => {
        const log = await options.log();
        const createdAt = now();
        const { file, summary } = await createBackup(log, {
          passphrase,
          now: createdAt,
          appVersion: options.appVersion,
        });
        // A backup left over from a window that never finished reading is of no use: one at a time.
        await rm(outbox, { recursive: true, force: true });
        await mkdir(outbox, { recursive: true, mode: 0o700 });
        const backupId = randomUUID();
        const handle = await open(outgoing(backupId), 'w', 0o600);
        try {
          await handle.writeFile(file);
        } finally {
          await handle.close();
        }
        options.logger.info(
          `backup written: ${summary.events} events of ${summary.devices} devices, ${summary.bytes} bytes${summary.isEncrypted ? ', encrypted' : ''}`,
        );
        return {
          backupId,
          fileName: `warroom-${log.workspace}-${fileStamp(createdAt)}${BACKUP_EXTENSION}`,
          ...summary,
        };
      },
      'backup:read': async ({ backupId, offset }) => {
        const path = outgoing(backupId);
        const handle = await open(path, 'r').catch(() => null);
        if (!handle) throw new Error('this backup is no longer available: make a new one');
        let chunk: Buffer;
        let size: number;
        try {
          size = (await handle.stat()).size;
          const length = Math.max(0, Math.min(BACKUP_CHUNK_BYTES, size - offset));
          chunk = Buffer.alloc(length);
          if (length > 0) await handle.read(chunk, 0, length, offset);
        } finally {
          await handle.close();
        }
        const isLast = offset + chunk.length >= size;
        if (isLast) await rm(path, { force: true });
        return { data: chunk.toString('base64'), isLast };
      },
      'backup:upload': async ({ uploadId, offset, data }) => {
        const path = incoming(uploadId);
        await mkdir(inbox, { recursive: true, mode: 0o700 });
        if (offset === 0) {
          // A new upload: forget unfinished ones, they are of no use now.
          for (const name of await readdir(inbox)) await rm(join(inbox, name), { force: true });
        }
        const size =
          offset === 0
            ? 0
            : await stat(path).then(
                (info) => info.size,
                () => -1,
              );
        if (size !== offset)
          throw new Error(`upload out of order: ${size < 0 ? 'no upload' : `${size} bytes`} held, chunk at ${offset}`);
        const chunk = Buffer.from(data, 'base64');
        if (offset + chunk.length > MAX_RESTORE_UPLOAD_BYTES) {
          await rm(path, { force: true });
          throw new Error('the file is larger than any backup can be');
        }
        await appendFile(path, chunk, { mode: 0o600 });
        return { bytes: offset + chunk.length };
      },
      'backup:restore': ({ uploadId, passphrase }) => {
        const run = async (): Promise<BackupRestored> => {
          const path = incoming(uploadId);
          const file = await readFile(path).catch(() => null);
          if (!file) return { ok: false, reason: 'no-upload', detail: 'no file was uploaded under this id' };
          try {
            const log = await options.log();
            const summary = await restoreBackup(log, file, passphrase);
            options.logger.info(`backup restored: ${summary.stored} of ${summary.events} events were new`);
            if (summary.stored > 0) await options.onRestored(log);
            return { ok: true, ...summary };
          } catch (error) {
            if (error instanceof BackupRefusal) {
              options.logger.warn(`backup refused (${error.reason}): ${error.detail}`);
              return { ok: false, reason: error.reason, detail: error.detail.slice(0, 1_000) };
            }
            throw error;
          } finally {
            await rm(path, { force: true });
          }
        };
        const result = restoring.then(run, run);
        restoring = result.catch(() => undefined);
        return result;
      },
    },
  };
}
