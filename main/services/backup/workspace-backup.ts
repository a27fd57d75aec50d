// Backing up and restoring a whole workspace through the EventLog every replica
// offers. A backup is the record itself (every event of every device, which
// carries the documents), never the secrets or settings that live beside it.
// A restore verifies every chain and every event, and checks the file against
// what is already held, before it writes anything.
import { verifyRecord, type ChainBreak } from '../../../common/events/chain';
import type { WarEvent } from '../../../common/events/event';
import { compareEvents } from '../../../common/domain/order';
import type { EventLog } from '../../../common/sync/event-log';
import { MAX_BATCH_EVENTS } from '../../../common/sync/protocol';
import { BackupRefusal, decodeBackup, encodeBackup, MAX_BACKUP_EVENTS, type EncodeOptions } from './backup-file';

export interface BackupSummary {
  readonly events: number;
  readonly devices: number;
  readonly bytes: number;
  readonly isEncrypted: boolean;
}

export interface RestoreSummary {
  readonly events: number;
  readonly devices: number;
  /** Events that were not held yet. */
  readonly stored: number;
  readonly createdAt: number;
}

/** Reads every event in the log, oldest first, in pages the log serves well. */
async function readAll(log: EventLog, pageSize = 10_000): Promise<WarEvent[]> {
  const all: WarEvent[] = [];
  const vector: Record<string, number> = {};
  for (;;) {
    const page = await log.eventsBeyond(vector, pageSize);
    for (const event of page) {
      all.push(event);
      vector[event.deviceId] = event.seq;
    }
    if (page.length < pageSize) return all;
    if (all.length > MAX_BACKUP_EVENTS) throw new Error('the record is too large for one backup file');
  }
}

export async function createBackup(
  log: EventLog,
  options: EncodeOptions & { appVersion: string },
): Promise<{ file: Buffer; summary: BackupSummary }> {
  const events = await readAll(log);
  const devices = new Set(events.map((event) => event.deviceId)).size;
  const file = await encodeBackup(
    { workspace: log.workspace, appVersion: options.appVersion, events, devices },
    options,
  );
  return {
    file,
    summary: { events: events.length, devices, bytes: file.length, isEncrypted: options.passphrase !== null },
  };
}

function describeBreak(fault: ChainBreak): string {
  switch (fault.kind) {
    case 'malformed':
      return `object ${fault.index + 1} is not a valid event (${fault.problem}${fault.field ? ` at ${fault.field}` : ''})`;
    case 'gap':
      return `device ${fault.deviceId} jumps from seq ${fault.expectedSeq - 1} to ${fault.foundSeq}`;
    case 'duplicate':
      return `device ${fault.deviceId} has seq ${fault.seq} twice`;
    case 'truncated':
      return `device ${fault.deviceId} ends at seq ${fault.lastSeq} before ${fault.headSeq}`;
    case 'bad-hash':
      return `event ${fault.eventId} (device ${fault.deviceId}, seq ${fault.seq}) does not match its hash`;
    case 'broken-link':
      return `event ${fault.eventId} (device ${fault.deviceId}, seq ${fault.seq}) does not follow the one before`;
  }
}

/**
 * Checks a decoded file's events as a peer checks a batch, all at once: the
 * verified, typed events oldest first, or a refusal.
 */
export function verifyBackupEvents(raw: readonly unknown[], workspace: string): WarEvent[] {
  const report = verifyRecord(raw);
  const [first] = report.breaks;
  if (first) {
    const more = report.breaks.length > 1 ? ` (and ${report.breaks.length - 1} more)` : '';
    throw new BackupRefusal('broken-chain', `${describeBreak(first)}${more}`);
  }
  // verifyRecord parsed each event against the contract: they are events now.
  const events = raw as WarEvent[];
  const foreign = events.find((event) => event.workspace !== workspace);
  if (foreign)
    throw new BackupRefusal('wrong-workspace', `an event of workspace "${foreign.workspace}", not "${workspace}"`);
  return [...events].sort(compareEvents);
}

/**
 * Restores a backup file into `log`. Nothing is written unless the whole file
 * is intact, opens with the passphrase, and agrees with what `log` already
 * holds (the same event at every position both have). Events already held are
 * skipped, so restoring twice, or into a replica that synced part of it, is harmless.
 */
export async function restoreBackup(log: EventLog, file: Buffer, passphrase: string | null): Promise<RestoreSummary> {
  const content = await decodeBackup(file, passphrase);
  if (content.workspace !== log.workspace)
    throw new BackupRefusal('wrong-workspace', `a backup of "${content.workspace}", not "${log.workspace}"`);
  const events = verifyBackupEvents(content.events, log.workspace);
  const held = new Map<string, string>();
  const vector = await log.vector();
  const overlapping = events.some((event) => event.seq <= (vector[event.deviceId] ?? 0));
  if (overlapping) for (const event of await readAll(log)) held.set(`${event.deviceId}:${event.seq}`, event.hash);
  let stored = 0;
  const toStore: WarEvent[] = [];
  for (const event of events) {
    const heldHash = held.get(`${event.deviceId}:${event.seq}`);
    if (heldHash === undefined) toStore.push(event);
    else if (heldHash !== event.hash)
      throw new BackupRefusal(
        'conflict',
        `this record holds another event at device ${event.deviceId}, seq ${event.seq}: the backup comes from a different history`,
      );
  }
  // One transaction for the whole file, after every check a peer makes (hashes,
  // chains, signatures, persons, clocks, revocations): a refusal leaves the record as it was.
  if (toStore.length > 0) {
    const applied = await log.apply(toStore, { maxEvents: Math.max(toStore.length, MAX_BATCH_EVENTS) });
    if (!applied.ok)
      throw new BackupRefusal(
        'refused',
        `the record refused the backup: ${applied.error.code}: ${applied.error.message}`,
      );
    stored = applied.stored;
  }
  return {
    events: events.length,
    devices: new Set(events.map((event) => event.deviceId)).size,
    stored,
    createdAt: content.createdAt,
  };
}
