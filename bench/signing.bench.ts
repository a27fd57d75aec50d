// Signing and verifying event hashes: what every write and every receiver now
// pays. Node's OpenSSL (the host, the hub, restore), @noble/curves (pure
// JavaScript, the audited alternative) and WebCrypto in Chromium (the window,
// a LAN browser), each over the same 32-byte hashes, three samples each. One
// core: everything runs on the one thread of its process or page.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519';
import { bytesToHex } from '@noble/hashes/utils';
import { chromium } from 'playwright-core';
import type { DeviceRecord } from '../common/events/devices';
import { planBatch } from '../common/sync/plan';
import { generateDeviceKey, verifyEd25519 } from '../main/services/identity/device-key';
import { signedDevice } from '../test/support/signed-device';
import { chromiumLaunchOptions } from './support/chromium';
import { serveStatic } from './support/static-server';
import { withTempDir } from './support/temp-dir';
import type { Figure } from './figure';

const EVENTS = 20_000;
const NOBLE_EVENTS = 2_000;
const SAMPLES = 3;
const TARGET = 20_000;

function spread(rates: readonly number[]): { median: number; note: string } {
  const sorted = [...rates].sort((a, b) => a - b);
  const fmt = (value: number) => Math.round(value).toLocaleString('en-US');
  return {
    median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    note: `${sorted.length} samples, min ${fmt(sorted[0] ?? 0)}, max ${fmt(sorted.at(-1) ?? 0)}`,
  };
}

function rate(count: number, run: () => void): number {
  const started = performance.now();
  run();
  return count / ((performance.now() - started) / 1000);
}

function figure(name: string, rates: readonly number[], extra: string, target: number | null = TARGET): Figure {
  const { median, note } = spread(rates);
  return { name, value: Math.round(median), unit: 'events/s', target, better: 'higher', note: `${note}; ${extra}` };
}

function nodeFigures(): Figure[] {
  const key = generateDeviceKey();
  const hashes = Array.from({ length: EVENTS }, () => randomBytes(32).toString('hex'));
  const sign: number[] = [];
  const verify: number[] = [];
  const both: number[] = [];
  for (let sample = 0; sample < SAMPLES; sample += 1) {
    let signatures: string[] = [];
    sign.push(rate(EVENTS, () => (signatures = hashes.map((hash) => key.sign(hash)))));
    verify.push(
      rate(EVENTS, () => {
        for (let i = 0; i < EVENTS; i += 1)
          if (!verifyEd25519(key.publicKey, hashes[i] ?? '', signatures[i] ?? '')) throw new Error('bad signature');
      }),
    );
    both.push(1 / (1 / (sign.at(-1) ?? 1) + 1 / (verify.at(-1) ?? 1)));
  }
  return [
    figure('Node (OpenSSL): sign an event hash', sign, `${EVENTS} hashes`),
    figure('Node (OpenSSL): verify an event signature', verify, `${EVENTS} signatures`),
    figure('Node (OpenSSL): sign + verify, one event each', both, 'from the two rates above'),
  ];
}

function nobleFigures(): Figure[] {
  const secret = ed25519.utils.randomPrivateKey();
  const publicKey = ed25519.getPublicKey(secret);
  const hashes = Array.from({ length: NOBLE_EVENTS }, () => randomBytes(32));
  const sign: number[] = [];
  const verify: number[] = [];
  for (let sample = 0; sample < SAMPLES; sample += 1) {
    let signatures: Uint8Array[] = [];
    sign.push(rate(NOBLE_EVENTS, () => (signatures = hashes.map((hash) => ed25519.sign(hash, secret)))));
    verify.push(
      rate(NOBLE_EVENTS, () => {
        for (let i = 0; i < NOBLE_EVENTS; i += 1)
          if (!ed25519.verify(signatures[i] ?? new Uint8Array(), hashes[i] ?? new Uint8Array(), publicKey))
            throw new Error('bad signature');
      }),
    );
  }
  return [
    figure(
      '@noble/curves (pure JS), sign',
      sign,
      `${NOBLE_EVENTS} hashes; not used: OpenSSL and WebCrypto are faster`,
      null,
    ),
    figure('@noble/curves (pure JS), verify', verify, `${NOBLE_EVENTS} signatures`, null),
  ];
}

function chromiumFigures(): Promise<Figure[]> {
  return withTempDir('signing-bench', chromiumIn);
}

async function chromiumIn(dir: string): Promise<Figure[]> {
  // WebCrypto needs a secure context: a page on loopback is one.
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>signing</title>');
  const server = await serveStatic(dir);
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}index.html`);
    const hashes = Array.from({ length: EVENTS }, () => bytesToHex(randomBytes(32)));
    const samples = await page.evaluate(
      async ({ hashes, samples }) => {
        const bytes = hashes.map((hex) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16)));
        const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
        const out: { sign: number; verify: number }[] = [];
        for (let sample = 0; sample < samples; sample += 1) {
          let started = performance.now();
          // One signature at a time, as a window signs a write.
          const signatures: ArrayBuffer[] = [];
          for (const hash of bytes)
            signatures.push(await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, hash));
          const sign = bytes.length / ((performance.now() - started) / 1000);
          started = performance.now();
          for (let i = 0; i < bytes.length; i += 1) {
            const signature = signatures[i];
            const hash = bytes[i];
            if (
              !signature ||
              !hash ||
              !(await crypto.subtle.verify({ name: 'Ed25519' }, pair.publicKey, signature, hash))
            )
              throw new Error('bad signature');
          }
          out.push({ sign, verify: bytes.length / ((performance.now() - started) / 1000) });
        }
        return out;
      },
      { hashes, samples: SAMPLES },
    );
    return [
      figure(
        'Chromium WebCrypto: sign an event hash',
        samples.map((s) => s.sign),
        `${EVENTS} hashes, one await each`,
      ),
      figure(
        'Chromium WebCrypto: verify an event signature',
        samples.map((s) => s.verify),
        'windows do not verify: their host did',
      ),
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}

const DEVICES = 20;
const RUN = 100;

/**
 * What a receiver (a host, the hub, a restore) really does with a batch: every
 * event's hash recomputed from its canonical JSON, every chain link and
 * signature link checked, and one Ed25519 verification per device run (the
 * last signature vouches for the run through the chained signatures). A batch
 * of 2,000 notes from 20 devices, 100 each, whose enrolments the receiver holds.
 */
function receiveFigure(): Figure {
  const workspace = 'bench';
  const devices = new Map<string, DeviceRecord>();
  const batch = Array.from({ length: DEVICES }, (_, index) => {
    const device = signedDevice(`Person ${index}`, { workspace });
    const [enrolment, ...events] = device.write(
      Array.from({ length: RUN }, (__, n) => ({
        type: 'incident.note-added' as const,
        incidentId: 'incident-1',
        actor: '',
        payload: { text: `note ${n} from device ${index}, a sentence of ordinary length about the incident` },
      })),
      Date.now(),
    );
    if (!enrolment) throw new Error('no enrolment');
    devices.set(device.deviceId, {
      deviceId: device.deviceId,
      publicKey: device.key.publicKey,
      kind: 'host',
      person: device.person,
    });
    return { enrolment, events };
  });
  const heads = new Map(
    batch.map(({ enrolment }) => [
      enrolment.deviceId,
      { seq: enrolment.seq, hash: enrolment.hash, hlc: enrolment.hlc, sig: enrolment.sig },
    ]),
  );
  const events = batch.flatMap((run) => run.events);
  const rates: number[] = [];
  for (let sample = 0; sample < SAMPLES; sample += 1) {
    rates.push(
      rate(events.length, () => {
        const plan = planBatch(events, {
          workspace,
          heads,
          heldHashes: new Map(),
          identity: { nowMs: Date.now(), devices, legacy: new Map(), verify: verifyEd25519 },
        });
        if (!plan.ok) throw new Error(plan.error.message);
      }),
    );
  }
  return figure(
    'Node: a receiver checks a batch (hashes, chains, one signature per device run)',
    rates,
    `${events.length} events from ${DEVICES} devices; the store's reads and writes left out (the ingest row has them)`,
  );
}

/**
 * This CPU's own ceiling, for scale: OpenSSL's `speed` tool verifying Ed25519
 * signatures on one core, with no JavaScript around it. Per-event verification
 * cannot beat it, whatever the library.
 */
function opensslCeiling(): Figure[] {
  const run = spawnSync('openssl', ['speed', '-seconds', '2', 'ed25519'], { encoding: 'utf8', timeout: 60_000 });
  const row = /Ed25519\)\s+\S+\s+\S+\s+([\d.]+)\s+([\d.]+)/.exec(run.stdout ?? '');
  if (!row) return [];
  return [
    {
      name: "this CPU's ceiling: `openssl speed ed25519`, verify",
      value: Math.round(Number(row[2])),
      unit: 'events/s',
      target: null,
      better: 'higher',
      note: `one 2-second run of OpenSSL's own tool (sign: ${Math.round(Number(row[1])).toLocaleString('en-US')}/s), for scale`,
    },
  ];
}

export default async function signing(): Promise<Figure[]> {
  return [...nodeFigures(), ...opensslCeiling(), receiveFigure(), ...nobleFigures(), ...(await chromiumFigures())];
}
