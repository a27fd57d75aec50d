// The workspace backup file: every event of every device in one file, gzip'd,
// optionally encrypted with a passphrase (scrypt + AES-256-GCM). Reading it
// trusts nothing: sizes are checked against hard caps before any allocation,
// the header is authenticated with the body, and a wrong passphrase, a flipped
// bit or a cut-off file each get their own refusal.
//
// Layout (all of it authenticated):
//   "WARROOM-BACKUP 1\n"            magic and format version
//   <header JSON>\n                 at most MAX_HEADER_BYTES, see headerSchema
//   <payload>                       exactly header.payloadBytes bytes
//   <trailer>                       encrypted: the 16-byte GCM tag (header lines as AAD);
//                                   plain: SHA-256 of everything before it (32 bytes)
// The payload is gzip(NDJSON of the events, oldest first), encrypted or not.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { z } from 'zod';
import type { BackupRefusalCode } from '../../../common/bridge/backup-contract';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_MAGIC = 'WARROOM-BACKUP';
export const BACKUP_EXTENSION = '.warroom-backup';
const MAGIC_LINE = `${BACKUP_MAGIC} ${BACKUP_FORMAT_VERSION}\n`;
/** Longest first line worth reading: the magic and a version number. */
const MAX_MAGIC_LINE = 32;
export const MAX_HEADER_BYTES = 16 * 1024;
/** The largest backup file read or written: far beyond any real record, far below memory limits. */
export const MAX_BACKUP_BYTES = 1024 * 1024 * 1024;
/** The largest uncompressed payload accepted; V8 cannot hold one string beyond ~512 MB anyway. */
export const MAX_PLAIN_BYTES = 1024 * 1024 * 1024;
export const MAX_BACKUP_EVENTS = 5_000_000;
export const MIN_PASSPHRASE_LENGTH = 8;
const GCM_TAG_BYTES = 16;
const SHA256_BYTES = 32;
/** scrypt cost: 2^17 takes ~0.3 s and 128 MiB, OWASP's floor for interactive use. */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
/** What a file may ask of us: a hostile header must not make us burn minutes or gigabytes. */
const MAX_SCRYPT_N = 2 ** 20;
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;
const KEY_CHECK_LABEL = 'warroom-backup key check';

const base64 = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+=*$/)
    .refine((value) => Buffer.from(value, 'base64').length === bytes, `${bytes} bytes`);

const encryptionSchema = z
  .strictObject({
    cipher: z.literal('aes-256-gcm'),
    kdf: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(MAX_SCRYPT_N)
      .refine((value) => (value & (value - 1)) === 0, 'a power of two'),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
    salt: base64(16),
    iv: base64(12),
    /** HMAC of a fixed label under a second derived key: tells a wrong passphrase from a damaged file. */
    keyCheck: base64(32),
  })
  .refine(
    // scrypt takes 128·N·r bytes: at most 256 MiB, twice the cost this version writes.
    (encryption) => 128 * encryption.N * encryption.r <= MAX_SCRYPT_MEMORY,
    { message: 'a key derivation cost beyond what any backup uses', path: ['N'] },
  );

export const headerSchema = z.strictObject({
  format: z.literal('warroom-backup'),
  version: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.number().int().nonnegative(),
  workspace: z.string().min(1).max(64),
  appVersion: z.string().max(64),
  events: z.number().int().nonnegative().max(MAX_BACKUP_EVENTS),
  devices: z.number().int().nonnegative().max(MAX_BACKUP_EVENTS),
  compression: z.literal('gzip'),
  payloadBytes: z.number().int().nonnegative().max(MAX_BACKUP_BYTES),
  plainBytes: z.number().int().nonnegative().max(MAX_PLAIN_BYTES),
  encryption: encryptionSchema.nullable(),
});
export type BackupHeader = z.infer<typeof headerSchema>;

/** Why a file is refused; the window shows each in the user's language. */
export type BackupRefusalReason = Exclude<BackupRefusalCode, 'no-upload'>;

export class BackupRefusal extends Error {
  constructor(
    readonly reason: BackupRefusalReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

export interface BackupContent {
  readonly workspace: string;
  readonly appVersion: string;
  readonly createdAt: number;
  /** Events as stored, oldest first; each is checked again on restore. */
  readonly events: readonly unknown[];
  readonly devices: number;
}

interface DerivedKeys {
  readonly key: Buffer;
  readonly keyCheck: Buffer;
}

async function deriveKeys(
  passphrase: string,
  salt: Buffer,
  cost: { N: number; r: number; p: number },
): Promise<DerivedKeys> {
  // scrypt needs 128·N·r bytes; leave room so Node does not refuse a legal cost.
  const maxmem = 256 * cost.N * cost.r + 16 * 1024 * 1024;
  const material = await scryptAsync(passphrase.normalize('NFC'), salt, 64, { ...cost, maxmem });
  const key = material.subarray(0, 32);
  const keyCheck = createHmac('sha256', material.subarray(32)).update(KEY_CHECK_LABEL).digest();
  return { key, keyCheck };
}

function toNdjson(events: readonly unknown[]): Buffer {
  const parts: Buffer[] = [];
  for (const event of events) parts.push(Buffer.from(`${JSON.stringify(event)}\n`, 'utf8'));
  return Buffer.concat(parts);
}

export interface EncodeOptions {
  readonly passphrase: string | null;
  readonly now: number;
  /** Test hook: a cheaper scrypt cost (the file records the cost it used). */
  readonly scryptCost?: { N: number; r: number; p: number };
}

/** Writes a backup of `content` as the bytes of one file. */
export async function encodeBackup(content: Omit<BackupContent, 'createdAt'>, options: EncodeOptions): Promise<Buffer> {
  if (options.passphrase !== null && options.passphrase.length < MIN_PASSPHRASE_LENGTH)
    throw new Error(`a passphrase has at least ${MIN_PASSPHRASE_LENGTH} characters`);
  const plain = toNdjson(content.events);
  if (plain.length > MAX_PLAIN_BYTES) throw new Error('the record is too large for one backup file');
  const compressed = await gzipAsync(plain);
  const base = {
    format: 'warroom-backup' as const,
    version: 1 as const,
    createdAt: options.now,
    workspace: content.workspace,
    appVersion: content.appVersion,
    events: content.events.length,
    devices: content.devices,
    compression: 'gzip' as const,
    payloadBytes: compressed.length,
    plainBytes: plain.length,
  };
  if (options.passphrase === null) {
    const head = Buffer.from(`${MAGIC_LINE}${JSON.stringify({ ...base, encryption: null })}\n`, 'utf8');
    const digest = createHash('sha256').update(head).update(compressed).digest();
    return Buffer.concat([head, compressed, digest]);
  }
  const cost = options.scryptCost ?? SCRYPT;
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const keys = await deriveKeys(options.passphrase, salt, cost);
  const header: BackupHeader = {
    ...base,
    encryption: {
      cipher: 'aes-256-gcm',
      kdf: 'scrypt',
      ...cost,
      salt: salt.toString('base64'),
      iv: iv.toString('base64'),
      keyCheck: keys.keyCheck.toString('base64'),
    },
  };
  const head = Buffer.from(`${MAGIC_LINE}${JSON.stringify(header)}\n`, 'utf8');
  const cipher = createCipheriv('aes-256-gcm', keys.key, iv);
  cipher.setAAD(head);
  const sealed = Buffer.concat([cipher.update(compressed), cipher.final()]);
  return Buffer.concat([head, sealed, cipher.getAuthTag()]);
}

/** The header of a backup file, checked, with where its payload starts. */
export function readBackupHeader(file: Buffer): { header: BackupHeader; payloadStart: number } {
  if (file.length > MAX_BACKUP_BYTES) throw new BackupRefusal('too-large', `${file.length} bytes`);
  const magicEnd = file.subarray(0, MAX_MAGIC_LINE).indexOf(0x0a);
  const magicLine = magicEnd < 0 ? '' : file.subarray(0, magicEnd).toString('latin1');
  const [magic, version] = magicLine.split(' ');
  if (magic !== BACKUP_MAGIC) {
    // A cut-off copy of a real backup still starts with the magic.
    if (file.length < MAGIC_LINE.length && MAGIC_LINE.startsWith(file.toString('latin1')) && file.length > 0)
      throw new BackupRefusal('truncated', 'the file ends inside its first line');
    throw new BackupRefusal('not-a-backup', 'the file does not start as a war-room backup');
  }
  if (version !== String(BACKUP_FORMAT_VERSION))
    throw new BackupRefusal('unsupported-version', `format version ${String(version).slice(0, 16)}`);
  const headerStart = magicEnd + 1;
  const headerEnd = file.subarray(headerStart, headerStart + MAX_HEADER_BYTES + 1).indexOf(0x0a);
  if (headerEnd < 0) {
    if (file.length - headerStart <= MAX_HEADER_BYTES)
      throw new BackupRefusal('truncated', 'the file ends inside its header');
    throw new BackupRefusal('corrupted', 'the header is too long');
  }
  let json: unknown;
  try {
    json = JSON.parse(file.subarray(headerStart, headerStart + headerEnd).toString('utf8'));
  } catch {
    throw new BackupRefusal('corrupted', 'the header is not JSON');
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    const isSize = ['payloadBytes', 'plainBytes', 'events', 'devices'].includes(field) && issue?.code === 'too_big';
    throw new BackupRefusal(isSize ? 'too-large' : 'corrupted', `header ${field || '(header)'}: ${issue?.message}`);
  }
  return { header: parsed.data, payloadStart: headerStart + headerEnd + 1 };
}

function parseNdjson(plain: Buffer, header: BackupHeader): unknown[] {
  const events: unknown[] = [];
  let start = 0;
  while (start < plain.length) {
    const end = plain.indexOf(0x0a, start);
    if (end < 0) throw new BackupRefusal('corrupted', 'the last event is cut off');
    if (events.length >= header.events)
      throw new BackupRefusal('corrupted', `more events than the ${header.events} the header announces`);
    try {
      events.push(JSON.parse(plain.subarray(start, end).toString('utf8')));
    } catch {
      throw new BackupRefusal('corrupted', `event ${events.length + 1} is not JSON`);
    }
    start = end + 1;
  }
  if (events.length !== header.events)
    throw new BackupRefusal('corrupted', `${events.length} events where the header announces ${header.events}`);
  return events;
}

/**
 * Reads a backup file back into its events. Checks the container only (sizes,
 * authenticity, decompression); the events' chains are the restorer's to verify.
 */
export async function decodeBackup(file: Buffer, passphrase: string | null): Promise<BackupContent> {
  const { header, payloadStart } = readBackupHeader(file);
  const trailerBytes = header.encryption ? GCM_TAG_BYTES : SHA256_BYTES;
  const expected = payloadStart + header.payloadBytes + trailerBytes;
  if (file.length < expected)
    throw new BackupRefusal('truncated', `${file.length} bytes where the header announces ${expected}`);
  if (file.length > expected)
    throw new BackupRefusal('corrupted', `${file.length - expected} unexpected trailing bytes`);
  const head = file.subarray(0, payloadStart);
  const payload = file.subarray(payloadStart, payloadStart + header.payloadBytes);
  const trailer = file.subarray(payloadStart + header.payloadBytes);
  let compressed: Buffer;
  if (header.encryption === null) {
    const digest = createHash('sha256').update(head).update(payload).digest();
    if (!timingSafeEqual(digest, trailer)) throw new BackupRefusal('corrupted', 'the checksum does not match');
    compressed = payload;
  } else {
    if (passphrase === null || passphrase === '')
      throw new BackupRefusal('passphrase-required', 'this backup is encrypted');
    const { N, r, p } = header.encryption;
    const keys = await deriveKeys(passphrase, Buffer.from(header.encryption.salt, 'base64'), { N, r, p });
    if (!timingSafeEqual(keys.keyCheck, Buffer.from(header.encryption.keyCheck, 'base64')))
      throw new BackupRefusal('wrong-passphrase', 'the passphrase does not open this backup');
    const decipher = createDecipheriv('aes-256-gcm', keys.key, Buffer.from(header.encryption.iv, 'base64'));
    decipher.setAAD(head);
    decipher.setAuthTag(trailer);
    try {
      compressed = Buffer.concat([decipher.update(payload), decipher.final()]);
    } catch {
      throw new BackupRefusal('corrupted', 'the encrypted content was altered');
    }
  }
  let plain: Buffer;
  try {
    // The cap stops a small file from inflating into gigabytes.
    plain = await gunzipAsync(compressed, { maxOutputLength: Math.max(1, header.plainBytes) });
  } catch {
    throw new BackupRefusal('corrupted', 'the content does not decompress to its announced size');
  }
  if (plain.length !== header.plainBytes)
    throw new BackupRefusal(
      'corrupted',
      `${plain.length} bytes of content where the header announces ${header.plainBytes}`,
    );
  return {
    workspace: header.workspace,
    appVersion: header.appVersion,
    createdAt: header.createdAt,
    events: parseNdjson(plain, header),
    devices: header.devices,
  };
}
