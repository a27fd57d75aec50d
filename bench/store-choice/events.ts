// The rows the store-choice benchmark writes: events in the shape of the host's
// `events` table (workspace, device, seq, clock, hash, body), each body a signed
// note as the app stores it: JSON of 540 to 690 bytes, the size of a real one
// (ids, two chain hashes and two signatures make 450 of them, then a few words).
// Made from the event's index alone, so every candidate stores the same bytes and
// a 1M record can be made batch by batch without holding it in memory. Hashes
// and signatures are pseudo-random text of the right length: the stores never
// check them, and hashing them for real would only slow the making of the rows.

export const WORKSPACE = 'default';
export const DEVICES = 8;

export interface EventRow {
  readonly deviceId: string;
  readonly seq: number;
  readonly hlc: string;
  readonly hash: string;
  readonly body: string;
}

/** The last row of a device among the rows written: what the `heads` table keeps. */
export interface HeadRow {
  readonly deviceId: string;
  readonly seq: number;
  readonly hash: string;
  readonly hlc: string;
  readonly sig: string;
}

const BASE_MS = 1_780_000_000_000;
const HEX = '0123456789abcdef';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const WORDS = [
  'checkout',
  'latency',
  'back',
  'to',
  'normal',
  'rolled',
  'the',
  'canary',
  'paging',
  'database',
  'primary',
  'failover',
  'customers',
  'see',
  'errors',
  'on',
  'payment',
  'retry',
  'queue',
  'draining',
];

/** A 32-bit generator (mulberry32) seeded per event and purpose: the same text for the same event, always. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function text(alphabet: string, length: number, seed: number): string {
  const next = generator(seed);
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[next() % alphabet.length];
  return out;
}

export function deviceIdOf(device: number): string {
  return `dev-${text(HEX, 32, 7_000_001 + device)}`;
}

const DEVICE_IDS = Array.from({ length: DEVICES }, (_, device) => deviceIdOf(device));

function hashOf(index: number): string {
  return text(HEX, 64, index * 4 + 1);
}

function sigOf(index: number): string {
  return text(BASE64URL, 86, index * 4 + 2);
}

function hlcOf(index: number): string {
  // Devices take turns, a few milliseconds apart: clock order interleaves the chains.
  return `${String(BASE_MS + index * 7).padStart(15, '0')}:00000`;
}

/** The event at `index` (0-based): device `index % DEVICES`, the next seq of that device's chain. */
export function eventRow(index: number): EventRow {
  const device = index % DEVICES;
  const seq = Math.floor(index / DEVICES) + 1;
  const deviceId = DEVICE_IDS[device] ?? deviceIdOf(device);
  const hlc = hlcOf(index);
  const hash = hashOf(index);
  const next = generator(index * 4 + 3);
  const words = Array.from({ length: 1 + (next() % 7) }, () => WORDS[next() % WORDS.length]).join(' ');
  const previous = index - DEVICES;
  const event = {
    id: `${text(HEX, 8, index * 4 + 4)}-${text(HEX, 4, index)}-4${text(HEX, 3, index + 1)}-8${text(HEX, 3, index + 2)}-${text(HEX, 12, index + 3)}`,
    workspace: WORKSPACE,
    deviceId,
    seq,
    hlc,
    incidentId: `inc-${text(HEX, 12, Math.floor(index / 5_000))}`,
    actor: `Person ${device}`,
    prevHash: previous >= 0 ? hashOf(previous) : '0'.repeat(64),
    hash,
    wall: BASE_MS + index * 7,
    ...(previous >= 0 ? { prevSig: sigOf(previous) } : {}),
    sig: sigOf(index),
    type: 'incident.note-added',
    payload: { text: `${words}.` },
  };
  return { deviceId, seq, hlc, hash, body: JSON.stringify(event) };
}

export function eventRows(from: number, count: number): EventRow[] {
  return Array.from({ length: count }, (_, offset) => eventRow(from + offset));
}

/** Each device's last row among `rows`. */
export function headsOf(rows: readonly EventRow[]): HeadRow[] {
  const last = new Map<string, EventRow>();
  for (const row of rows) {
    const held = last.get(row.deviceId);
    if (!held || row.seq > held.seq) last.set(row.deviceId, row);
  }
  return [...last.values()].map((row) => ({
    deviceId: row.deviceId,
    seq: row.seq,
    hash: row.hash,
    hlc: row.hlc,
    sig: (JSON.parse(row.body) as { sig: string }).sig,
  }));
}
