// This window's signing key. Where the page is a secure context (the desktop
// app, a browser on loopback, HTTPS) it is a non-extractable WebCrypto Ed25519
// key: nothing, not even this page's own script, can copy it out. A teammate's
// browser reaching a laptop over plain http on the LAN is not a secure context
// and has no WebCrypto: there the key is an Ed25519 secret for @noble/curves,
// kept in this browser's IndexedDB, which this page's script can read.
import { ed25519 } from '@noble/curves/ed25519';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils';

export type KeyRow =
  | { readonly kind: 'webcrypto'; readonly privateKey: CryptoKey; readonly publicKey: string }
  | { readonly kind: 'noble'; readonly secretKey: string; readonly publicKey: string };

function hasWebCrypto(): boolean {
  return typeof crypto !== 'undefined' && typeof crypto.subtle?.generateKey === 'function';
}

export async function makeKey(): Promise<KeyRow> {
  if (!hasWebCrypto()) {
    const secret = ed25519.utils.randomPrivateKey();
    return { kind: 'noble', secretKey: bytesToHex(secret), publicKey: bytesToHex(ed25519.getPublicKey(secret)) };
  }
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { kind: 'webcrypto', privateKey: pair.privateKey, publicKey: bytesToHex(raw) };
}

/** Signs a hash (hex) with the key; the signature in hex. */
export async function signWith(key: KeyRow, hash: string): Promise<string> {
  const message = Uint8Array.from(hexToBytes(hash));
  if (key.kind === 'noble') return bytesToHex(ed25519.sign(message, hexToBytes(key.secretKey)));
  return bytesToHex(new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, message)));
}

/** A random UUID (v4), also where `crypto.randomUUID` is missing (no secure context): getRandomValues is always there. */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytesToHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
