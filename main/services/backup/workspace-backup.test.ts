// The backup file and the restore, against hostile files: cut off, bit-flipped,
// forged chains, a wrong passphrase, sizes that would exhaust memory. A refused
// file leaves the target record exactly as it was.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { hashEvent } from '../../../common/events/chain';
import type { EventDraft, WarEvent } from '../../../common/events/event';
import type { ApplyOptions, ApplyResult } from '../../../common/sync/event-log';
import { MemoryEventLog } from '../../../common/sync/memory-log';
import { MAX_BATCH_EVENTS } from '../../../common/sync/protocol';
import { SignedLaptop } from '../../../test/support/signed-peers';
import { BackupRefusal, decodeBackup, encodeBackup, readBackupHeader, type BackupRefusalReason } from './backup-file';
import { createBackup, restoreBackup } from './workspace-backup';

/** A cheap scrypt cost so the suite stays fast; the file records the cost, and decoding honours it. */
const FAST = { N: 2 ** 14, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery staple';

function newLog(deviceId: string, workspace = 'default'): MemoryEventLog {
  let ids = 0;
  return new MemoryEventLog(workspace, deviceId, () => `${deviceId}-${(ids += 1)}`);
}

/** The sample's first laptop: its device id is made from its key. */
let laptopA = '';

/** Two signed devices' chains (each opened by its enrolment): an incident, notes, and a workspace document. */
async function sampleRecord(): Promise<MemoryEventLog> {
  const laptop = new SignedLaptop('default', 'laptop-a', 'Alice');
  laptopA = laptop.deviceId;
  const declared = (
    await laptop.write(
      [
        {
          type: 'incident.declared',
          actor: 'Alice',
          payload: { title: 'Checkout fails <script>alert(1)</script>', severity: 'SEV1', kind: 'technical-failure' },
        },
      ],
      1_000,
    )
  ).at(-1);
  const incidentId = declared!.id;
  const notes: EventDraft[] = Array.from({ length: 10 }, (_, i) => ({
    type: 'incident.note-added',
    incidentId,
    actor: 'Alice',
    payload: { text: `note ${i} — é ✓` },
  }));
  await laptop.write(notes, 2_000);
  const other = new SignedLaptop('default', 'laptop-b', 'Bob');
  await other.log.apply(await laptop.log.eventsBeyond({}, 1_000));
  await other.write(
    [
      {
        type: 'doc.put',
        actor: 'Bob',
        payload: { collection: 'incident-type', docId: 'payments', body: { name: 'Payments' } },
      },
    ],
    3_000,
  );
  await laptop.log.apply(await other.log.eventsBeyond(await laptop.log.vector(), 1_000));
  return laptop.log;
}

/** Events in the record: the 12 written and each device's enrolment. */
const SAMPLE_EVENTS = 12 + 2;

async function refusal(promise: Promise<unknown>): Promise<BackupRefusalReason> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BackupRefusal) return error.reason;
    throw error;
  }
  throw new Error('the file was accepted');
}

/** A plain backup file holding exactly these objects as its events. */
async function plainFileOf(events: readonly unknown[]): Promise<Buffer> {
  return encodeBackup({ workspace: 'default', appVersion: 't', events, devices: 1 }, { passphrase: null, now: 1 });
}

describe('workspace backup', () => {
  it('round-trips every event of every device, plain and encrypted, into a fresh record', async () => {
    const source = await sampleRecord();
    for (const passphrase of [null, PASSPHRASE]) {
      const { file, summary } = await createBackup(source, {
        passphrase,
        now: 5_000,
        appVersion: '1.0.0',
        scryptCost: FAST,
      });
      expect(summary).toMatchObject({
        events: SAMPLE_EVENTS,
        devices: 2,
        isEncrypted: passphrase !== null,
        bytes: file.length,
      });
      const target = newLog('fresh-machine');
      const restored = await restoreBackup(target, file, passphrase);
      expect(restored).toEqual({ events: SAMPLE_EVENTS, devices: 2, stored: SAMPLE_EVENTS, createdAt: 5_000 });
      expect(await target.vector()).toEqual(await source.vector());
      expect(await target.eventsBeyond({}, 1_000)).toEqual(await source.eventsBeyond({}, 1_000));
      // Restoring again is harmless: everything is already held.
      expect((await restoreBackup(target, file, passphrase)).stored).toBe(0);
    }
  });

  it('keeps the content unreadable without the passphrase', async () => {
    const { file } = await createBackup(await sampleRecord(), {
      passphrase: PASSPHRASE,
      now: 1,
      appVersion: '1',
      scryptCost: FAST,
    });
    expect(file.includes(Buffer.from('Checkout fails'))).toBe(false);
    expect(file.includes(Buffer.from('Payments'))).toBe(false);
    expect(await refusal(decodeBackup(file, null))).toBe('passphrase-required');
    expect(await refusal(decodeBackup(file, 'not the passphrase'))).toBe('wrong-passphrase');
    // Unicode passphrases are compared in one normal form, whichever way they were typed.
    const accented = await encodeBackup(
      { workspace: 'default', appVersion: '1', events: [], devices: 0 },
      { passphrase: 'phrase d’accès é', now: 1, scryptCost: FAST },
    );
    expect((await decodeBackup(accented, 'phrase d’accès e\u0301')).events).toEqual([]);
  });

  it('refuses a passphrase too short to protect anything', async () => {
    await expect(createBackup(newLog('a'), { passphrase: 'short', now: 1, appVersion: '1' })).rejects.toThrow(
      /at least 8/,
    );
  });

  it('refuses every truncation of a file, plain or encrypted, and changes nothing', async () => {
    const source = await sampleRecord();
    for (const passphrase of [null, PASSPHRASE]) {
      const { file } = await createBackup(source, { passphrase, now: 1, appVersion: '1', scryptCost: FAST });
      const target = newLog('fresh');
      const cuts = [1, 5, 17, 40, file.length - 600, file.length - 17, file.length - 1];
      for (const cut of cuts) {
        const reason = await refusal(restoreBackup(target, file.subarray(0, cut), passphrase));
        expect(['truncated', 'corrupted'], `cut at ${cut}`).toContain(reason);
      }
      expect(await refusal(restoreBackup(target, file.subarray(0, file.length - 1), passphrase))).toBe('truncated');
      expect(await target.vector()).toEqual({});
    }
  });

  // Each flip of an encrypted file costs a key derivation: several seconds in all.
  it('refuses a single flipped bit anywhere, and changes nothing', async () => {
    const source = await sampleRecord();
    for (const passphrase of [null, PASSPHRASE]) {
      const { file } = await createBackup(source, { passphrase, now: 1, appVersion: '1', scryptCost: FAST });
      const target = newLog('fresh');
      // Every 37th byte, so the header, the payload and the trailer all get hit.
      for (let offset = 0; offset < file.length; offset += 37) {
        const damaged = Buffer.from(file);
        damaged[offset] = damaged[offset]! ^ 0x04;
        const reason = await refusal(restoreBackup(target, damaged, passphrase));
        expect(reason, `bit flipped at ${offset}`).not.toBe('wrong-workspace');
      }
      expect(await target.vector()).toEqual({});
    }
  }, 30_000);

  it('refuses forged chains even when the file itself is well-formed', async () => {
    const events = (await (await sampleRecord()).eventsBeyond({}, 1_000)) as WarEvent[];
    const altered = events.map((event) =>
      event.seq === 3 && event.deviceId === laptopA ? { ...event, actor: 'Mallory' } : event,
    );
    const target = newLog('fresh');
    await expect(restoreBackup(target, await plainFileOf(altered), null)).rejects.toThrow(/does not match its hash/);
    // Rehashed so the event is self-consistent: the next event no longer follows on from it.
    const rehashed = altered.map((event) =>
      event.seq === 3 && event.deviceId === laptopA ? { ...event, hash: hashEvent(event) } : event,
    );
    await expect(restoreBackup(target, await plainFileOf(rehashed), null)).rejects.toThrow(/does not follow/);
    // An event dropped from the middle of a chain.
    const dropped = events.filter((event) => !(event.seq === 7 && event.deviceId === laptopA));
    expect(await refusal(restoreBackup(target, await plainFileOf(dropped), null))).toBe('broken-chain');
    // Not an event at all.
    expect(await refusal(restoreBackup(target, await plainFileOf([...events, { hello: 'world' }]), null))).toBe(
      'broken-chain',
    );
    // Events of another workspace.
    const foreign = newLog('other', 'exercise-1');
    foreign.write([{ type: 'incident.note-added', incidentId: 'x', actor: 'A', payload: { text: 'n' } }], 1);
    expect(await refusal(restoreBackup(target, await plainFileOf(foreign.all()), null))).toBe('wrong-workspace');
    expect(await target.vector()).toEqual({});
  });

  it('refuses a backup of another history than the record holds, and changes nothing', async () => {
    const source = await sampleRecord();
    const { file } = await createBackup(source, { passphrase: null, now: 1, appVersion: '1' });
    // Same device id, a different first event: a fork.
    const target = newLog(laptopA);
    target.write([{ type: 'incident.note-added', incidentId: 'x', actor: 'Eve', payload: { text: 'fork' } }], 1);
    const before = await target.eventsBeyond({}, 100);
    expect(await refusal(restoreBackup(target, file, null))).toBe('conflict');
    expect(await target.eventsBeyond({}, 100)).toEqual(before);
  });

  it('merges into a record that already holds part of it', async () => {
    const source = await sampleRecord();
    const { file } = await createBackup(source, { passphrase: null, now: 1, appVersion: '1' });
    const target = newLog('laptop-c');
    await target.apply((await source.eventsBeyond({}, 5)).slice(0, 5));
    target.write([{ type: 'incident.note-added', incidentId: 'x', actor: 'Zoé', payload: { text: 'mine' } }], 9_000);
    const restored = await restoreBackup(target, file, null);
    expect(restored.stored).toBe(SAMPLE_EVENTS - 5);
    expect(await target.vector()).toEqual({ ...(await source.vector()), 'laptop-c': 1 });
  });

  it('applies the whole file in one batch, and a refusal by the record leaves it as it was', async () => {
    // More events than one sync batch: the whole file is still one transaction.
    const source = new SignedLaptop('default', 'laptop-a', 'Alice');
    const notes: EventDraft[] = Array.from({ length: MAX_BATCH_EVENTS + 500 }, (_, i) => ({
      type: 'incident.note-added',
      incidentId: 'x',
      actor: 'Alice',
      payload: { text: `note ${i}` },
    }));
    await source.write(notes, 1_000);
    const { file } = await createBackup(source.log, { passphrase: null, now: 1, appVersion: '1' });
    const model = newLog('fresh');
    const calls: { events: number; options: ApplyOptions | undefined }[] = [];
    let refuse = true;
    const target = {
      workspace: model.workspace,
      deviceId: model.deviceId,
      vector: () => model.vector(),
      eventsBeyond: (vector: Record<string, number>, limit: number) => model.eventsBeyond(vector, limit),
      apply: async (events: readonly unknown[], options?: ApplyOptions): Promise<ApplyResult> => {
        calls.push({ events: events.length, options });
        if (refuse) return { ok: false, error: { code: 'wrong-device-key', message: 'a signature does not hold' } };
        return model.apply(events, options);
      },
    };
    const refused = restoreBackup(target, file, null);
    await expect(refused).rejects.toThrow(/refused the backup: wrong-device-key: a signature does not hold/);
    expect(await refusal(restoreBackup(target, file, null))).toBe('refused');
    expect(calls.map((call) => call.events)).toEqual([MAX_BATCH_EVENTS + 501, MAX_BATCH_EVENTS + 501]);
    expect(await model.vector()).toEqual({});
    refuse = false;
    expect(await restoreBackup(target, file, null)).toMatchObject({ stored: MAX_BATCH_EVENTS + 501 });
    expect(await model.vector()).toEqual({ [source.deviceId]: MAX_BATCH_EVENTS + 501 });
  });

  it('refuses what is not a backup, or a version it does not know', async () => {
    const target = newLog('fresh');
    for (const text of ['', 'hello', '{"format":"warroom-backup"}', 'PK\u0003\u0004zip']) {
      expect(await refusal(restoreBackup(target, Buffer.from(text), null)), JSON.stringify(text)).toBe('not-a-backup');
    }
    expect(await refusal(restoreBackup(target, Buffer.from('WARROOM-BACKUP 2\n{}\n'), null))).toBe(
      'unsupported-version',
    );
    expect(await refusal(restoreBackup(target, Buffer.from('WARROOM-BACKUP 1\n{not json}\n'), null))).toBe('corrupted');
    expect(await refusal(restoreBackup(target, Buffer.from(`WARROOM-BACKUP 1\n${'x'.repeat(20_000)}`), null))).toBe(
      'corrupted',
    );
  });

  it('refuses huge claimed sizes and decompression bombs before allocating them', async () => {
    const file = await plainFileOf([]);
    const { header, payloadStart } = readBackupHeader(file);
    const withHeader = (
      patch: Record<string, unknown>,
      payload = file.subarray(payloadStart, payloadStart + header.payloadBytes),
    ) => {
      const head = Buffer.from(`WARROOM-BACKUP 1\n${JSON.stringify({ ...header, ...patch })}\n`);
      return Buffer.concat([head, payload, createHash('sha256').update(head).update(payload).digest()]);
    };
    expect(await refusal(decodeBackup(withHeader({ payloadBytes: 2 ** 40 }), null))).toBe('too-large');
    expect(await refusal(decodeBackup(withHeader({ plainBytes: 2 ** 40 }), null))).toBe('too-large');
    expect(await refusal(decodeBackup(withHeader({ events: 1e12 }), null))).toBe('too-large');
    // A claimed size the file does not have.
    expect(await refusal(decodeBackup(withHeader({ payloadBytes: 1_000_000 }), null))).toBe('truncated');
    // 64 MB of zeros in a few KB: it must stop at the announced size.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(
      await refusal(decodeBackup(withHeader({ payloadBytes: bomb.length, plainBytes: 10, events: 1 }, bomb), null)),
    ).toBe('corrupted');
    // A hostile scrypt cost: refused from the header, before any key derivation.
    const encrypted = await encodeBackup(
      { workspace: 'default', appVersion: '1', events: [], devices: 0 },
      { passphrase: PASSPHRASE, now: 1, scryptCost: FAST },
    );
    const text = encrypted.toString('latin1').replace(`"N":${FAST.N}`, `"N":${2 ** 30}`);
    expect(await refusal(decodeBackup(Buffer.from(text, 'latin1'), PASSPHRASE))).toBe('corrupted');
    // Within each bound, but 2 GiB of memory together: refused too.
    const costly = encrypted.toString('latin1').replace(`"N":${FAST.N},"r":8`, `"N":${2 ** 20},"r":16`);
    expect(costly).not.toBe(encrypted.toString('latin1'));
    await expect(decodeBackup(Buffer.from(costly, 'latin1'), PASSPHRASE)).rejects.toThrow(/key derivation cost/);
  });
});
