// Settings: back up the whole workspace to one file, and restore one. The file
// crosses the bridge in chunks (it may exceed one frame); in both modes the
// browser's own download and file picker are the way in and out.
import { useRef, useState, type FormEvent } from 'react';
import {
  BACKUP_CHUNK_BYTES,
  MIN_BACKUP_PASSPHRASE,
  type BackupCreated,
  type BackupRefusalCode,
  type BackupRestored,
} from '../../../common/bridge/backup-contract';
import { syncWith } from '../../../common/sync/exchange';
import { getBridge } from '../../bridge';
import { getEventStore } from '../../db';
import { useLocale, useT } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { createLogger } from '../../log';
import { base64ToBytes, bytesToBase64 } from './base64';

const log = createLogger('backup');

const TECHNICAL_REFUSALS: ReadonlySet<BackupRefusalCode> = new Set([
  'truncated',
  'corrupted',
  'too-large',
  'unsupported-version',
  'broken-chain',
  'conflict',
]);

type Outcome = { kind: 'ok'; text: string; note?: string } | { kind: 'error'; text: string; detail?: string };

/** Sends this window's own unsynced events to the host first, so the backup holds them. */
async function flushToHost(): Promise<void> {
  await syncWith(getEventStore(), async (request) => {
    const result = await getBridge().call('sync:exchange', request);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  });
}

async function downloadBackup(created: BackupCreated): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (;;) {
    const result = await getBridge().call('backup:read', { backupId: created.backupId, offset });
    if (!result.ok) throw new Error(result.error.message);
    const bytes = base64ToBytes(result.value.data);
    parts.push(bytes);
    offset += bytes.length;
    if (result.value.isLast) return new Blob(parts, { type: 'application/octet-stream' });
  }
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function uploadFile(file: Blob): Promise<string> {
  const uploadId = crypto.randomUUID();
  let offset = 0;
  do {
    const chunk = new Uint8Array(await file.slice(offset, offset + BACKUP_CHUNK_BYTES).arrayBuffer());
    const result = await getBridge().call('backup:upload', { uploadId, offset, data: bytesToBase64(chunk) });
    if (!result.ok) throw new Error(result.error.message);
    offset += chunk.length;
  } while (offset < file.size);
  return uploadId;
}

function OutcomeView({ outcome, testId }: { outcome: Outcome | null; testId: string }) {
  if (!outcome) return null;
  if (outcome.kind === 'ok')
    return (
      <p className="muted" role="status" data-testid={testId}>
        {outcome.text}
        {outcome.note && <> {outcome.note}</>}
      </p>
    );
  return (
    <div className="error" role="alert" data-testid={`${testId}-error`}>
      <p>{outcome.text}</p>
      {outcome.detail && <p className="muted">{outcome.detail}</p>}
    </div>
  );
}

function CreateBackup() {
  const t = useT();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (passphrase !== '' && passphrase.length < MIN_BACKUP_PASSPHRASE)
      return setOutcome({ kind: 'error', text: t('shell.backup.passphraseTooShort', { min: MIN_BACKUP_PASSPHRASE }) });
    // The confirmation field is hidden with no passphrase: what it held no longer counts.
    if (passphrase !== '' && passphrase !== confirm)
      return setOutcome({ kind: 'error', text: t('shell.backup.passphraseMismatch') });
    setIsBusy(true);
    setOutcome(null);
    try {
      await flushToHost();
      const result = await getBridge().call('backup:create', { passphrase: passphrase === '' ? null : passphrase });
      if (!result.ok) throw new Error(result.error.message);
      saveBlob(await downloadBackup(result.value), result.value.fileName);
      setOutcome({
        kind: 'ok',
        text: t('shell.backup.created', {
          count: result.value.events,
          devices: t('shell.backup.devices', { count: result.value.devices }),
          file: result.value.fileName,
        }),
        note: t(result.value.isEncrypted ? 'shell.backup.encrypted' : 'shell.backup.notEncrypted'),
      });
      setPassphrase('');
      setConfirm('');
    } catch (error) {
      log.warn('backup failed', error instanceof Error ? error.message : error);
      setOutcome({
        kind: 'error',
        text: t('shell.backup.failed', { message: error instanceof Error ? error.message : String(error) }),
      });
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <form className="backup-form" onSubmit={create} noValidate>
      <label className="field">
        <span>{t('shell.backup.passphrase')}</span>
        <input
          type="password"
          autoComplete="new-password"
          data-testid="backup-passphrase"
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
        />
        <small className="muted">{t('shell.backup.passphraseHint')}</small>
      </label>
      {passphrase !== '' && (
        <label className="field">
          <span>{t('shell.backup.passphraseConfirm')}</span>
          <input
            type="password"
            autoComplete="new-password"
            data-testid="backup-passphrase-confirm"
            value={confirm}
            onChange={(event) => setConfirm(event.target.value)}
          />
        </label>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={isBusy} data-testid="backup-create">
          {isBusy ? t('shell.backup.creating') : t('shell.backup.create')}
        </button>
      </div>
      <OutcomeView outcome={outcome} testId="backup-created" />
    </form>
  );
}

function RestoreBackup() {
  const t = useT();
  const locale = useLocale();
  const fileInput = useRef<HTMLInputElement>(null);
  const [passphrase, setPassphrase] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const restore = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) return setOutcome({ kind: 'error', text: t('shell.backup.noFile') });
    setIsBusy(true);
    setOutcome(null);
    try {
      const uploadId = await uploadFile(file);
      const result = await getBridge().call('backup:restore', {
        uploadId,
        passphrase: passphrase === '' ? null : passphrase,
      });
      if (!result.ok) throw new Error(result.error.message);
      const restored: BackupRestored = result.value;
      if (restored.ok) {
        setOutcome({
          kind: 'ok',
          text: t('shell.backup.restored', {
            count: restored.events,
            stored: restored.stored,
            when: formatDateTime(restored.createdAt, locale),
          }),
        });
        setPassphrase('');
        if (fileInput.current) fileInput.current.value = '';
      } else {
        setOutcome({
          kind: 'error',
          text: `${t(`shell.backup.refused.${restored.reason}`)} ${t('shell.backup.refusedFooter')}`,
          // The host's technical detail (a device, a seq, a byte count) helps only where the file itself is at fault.
          ...(TECHNICAL_REFUSALS.has(restored.reason)
            ? { detail: t('shell.backup.refusedDetail', { detail: restored.detail }) }
            : {}),
        });
      }
    } catch (error) {
      setOutcome({
        kind: 'error',
        text: t('shell.backup.failed', { message: error instanceof Error ? error.message : String(error) }),
      });
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <form className="backup-form" onSubmit={restore} noValidate>
      <h3>{t('shell.backup.restoreHeading')}</h3>
      <p className="muted">{t('shell.backup.restoreIntro')}</p>
      <label className="field">
        <span>{t('shell.backup.file')}</span>
        <input
          ref={fileInput}
          type="file"
          accept=".warroom-backup,application/octet-stream"
          data-testid="restore-file"
          onChange={() => setOutcome(null)}
        />
      </label>
      <label className="field">
        <span>{t('shell.backup.restorePassphrase')}</span>
        <input
          type="password"
          autoComplete="off"
          data-testid="restore-passphrase"
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
        />
      </label>
      <div className="actions">
        <button type="submit" disabled={isBusy} data-testid="restore-submit">
          {isBusy ? t('shell.backup.restoring') : t('shell.backup.restore')}
        </button>
      </div>
      <OutcomeView outcome={outcome} testId="restore-outcome" />
    </form>
  );
}

export function BackupPanel() {
  const t = useT();
  return (
    <div className="panel backup-panel" data-testid="backup-panel">
      <h2>{t('shell.backup.heading')}</h2>
      <p className="muted">{t('shell.backup.intro')}</p>
      <CreateBackup />
      <RestoreBackup />
    </div>
  );
}
