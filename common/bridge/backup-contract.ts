// The workspace backup part of the bridge contract. A backup file can exceed
// one bridge frame, so it crosses in chunks: the host writes the file and the
// window reads it piece by piece; a restore uploads pieces, then asks the host
// to check and restore them as one file.
import { z } from 'zod';

/** Bytes of file per chunk: base64 makes it 4/3 larger, well inside a frame. */
export const BACKUP_CHUNK_BYTES = 2 * 1024 * 1024;
/** The largest file a window may upload for a restore. */
export const MAX_RESTORE_UPLOAD_BYTES = 1024 * 1024 * 1024;
export const MIN_BACKUP_PASSPHRASE = 8;

const transferId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'an id of letters, digits and dashes');
const chunkData = z
  .string()
  .max(Math.ceil((BACKUP_CHUNK_BYTES * 4) / 3) + 4)
  .regex(/^[A-Za-z0-9+/]*=*$/, 'base64');
const passphrase = z.string().min(MIN_BACKUP_PASSPHRASE).max(1_000).nullable();

export const backupCreateSchema = z.strictObject({ passphrase });

export const backupCreatedSchema = z.strictObject({
  backupId: transferId,
  fileName: z.string().max(200),
  bytes: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
  devices: z.number().int().nonnegative(),
  isEncrypted: z.boolean(),
});
export type BackupCreated = z.infer<typeof backupCreatedSchema>;

export const backupReadSchema = z.strictObject({
  backupId: transferId,
  offset: z.number().int().nonnegative(),
});
export const backupChunkSchema = z.strictObject({ data: chunkData, isLast: z.boolean() });

export const backupUploadSchema = z.strictObject({
  uploadId: transferId,
  /** Where this chunk goes: chunks arrive in order, each right after the last. */
  offset: z.number().int().nonnegative().max(MAX_RESTORE_UPLOAD_BYTES),
  data: chunkData,
});
export const backupUploadedSchema = z.strictObject({ bytes: z.number().int().nonnegative() });

export const BACKUP_REFUSAL_REASONS = [
  'not-a-backup',
  'unsupported-version',
  'too-large',
  'truncated',
  'corrupted',
  'passphrase-required',
  'wrong-passphrase',
  'broken-chain',
  'wrong-workspace',
  'conflict',
  /** The record's own checks refused it (a signature, a person, a clock, a revoked device). */
  'refused',
  'no-upload',
] as const;
export type BackupRefusalCode = (typeof BACKUP_REFUSAL_REASONS)[number];

export const backupRestoreSchema = z.strictObject({
  uploadId: transferId,
  passphrase: z.string().max(1_000).nullable(),
});

/** A restore either lands whole or is refused with the reason; a refusal changes nothing. */
export const backupRestoredSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    events: z.number().int().nonnegative(),
    devices: z.number().int().nonnegative(),
    stored: z.number().int().nonnegative(),
    createdAt: z.number().int().nonnegative(),
  }),
  z.strictObject({ ok: z.literal(false), reason: z.enum(BACKUP_REFUSAL_REASONS), detail: z.string().max(1_000) }),
]);
export type BackupRestored = z.infer<typeof backupRestoredSchema>;
