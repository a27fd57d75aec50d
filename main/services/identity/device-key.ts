// A device's Ed25519 key in Node (OpenSSL through node:crypto): made once, kept
// as PKCS#8 by whoever holds the host's secrets, and the signature check every
// Node receiver (host, hub, restore) runs against enrolled public keys.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { VerifySignature } from '../../../common/events/devices';

export interface DeviceKey {
  /** Raw public key, hex. */
  readonly publicKey: string;
  /** Signs a hash (hex); the signature in hex. */
  sign(hash: string): string;
  /** The private key as PKCS#8 DER in base64, to keep. */
  readonly exported: string;
}

function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url').toString('hex');
}

function fromPrivate(privateKey: KeyObject): DeviceKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('a device key must be Ed25519');
  return {
    publicKey: rawPublicKey(createPublicKey(privateKey)),
    sign: (hash) => sign(null, Buffer.from(hash, 'hex'), privateKey).toString('hex'),
    exported: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

export function generateDeviceKey(): DeviceKey {
  return fromPrivate(generateKeyPairSync('ed25519').privateKey);
}

export function importDeviceKey(exported: string): DeviceKey {
  return fromPrivate(createPrivateKey({ key: Buffer.from(exported, 'base64'), format: 'der', type: 'pkcs8' }));
}

const HEX64 = /^[0-9a-f]{64}$/;
const HEX128 = /^[0-9a-f]{128}$/;
/** Public keys seen, parsed once each: a receiver meets the same few devices again and again. */
const publicKeys = new Map<string, KeyObject | null>();

function publicKeyOf(hex: string): KeyObject | null {
  let key = publicKeys.get(hex);
  if (key !== undefined) return key;
  try {
    key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') },
      format: 'jwk',
    });
  } catch {
    key = null;
  }
  if (publicKeys.size > 10_000) publicKeys.clear();
  publicKeys.set(hex, key);
  return key;
}

export const verifyEd25519: VerifySignature = (publicKey, hash, signature) => {
  if (!HEX64.test(publicKey) || !HEX64.test(hash) || !HEX128.test(signature)) return false;
  const key = publicKeyOf(publicKey);
  return key !== null && verify(null, Buffer.from(hash, 'hex'), key, Buffer.from(signature, 'hex'));
};
