import { ed25519 } from '@noble/curves/ed25519';
import { hexToBytes } from '@noble/hashes/utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeKey, randomId, signWith } from './device-key';

const HASH = 'ab'.repeat(32);

describe("a window's signing key", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is a non-extractable WebCrypto key where the page is a secure context', async () => {
    const key = await makeKey();
    expect(key.kind).toBe('webcrypto');
    if (key.kind === 'webcrypto') expect(key.privateKey.extractable).toBe(false);
    const signature = await signWith(key, HASH);
    expect(ed25519.verify(hexToBytes(signature), hexToBytes(HASH), hexToBytes(key.publicKey))).toBe(true);
  });

  it('falls back to @noble/curves where there is no WebCrypto (plain http on the LAN), and still signs verifiably', async () => {
    // What a teammate's browser has over plain http: getRandomValues, no subtle, no randomUUID.
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => real.getRandomValues(bytes) });
    const key = await makeKey();
    expect(key.kind).toBe('noble');
    const signature = await signWith(key, HASH);
    expect(ed25519.verify(hexToBytes(signature), hexToBytes(HASH), hexToBytes(key.publicKey))).toBe(true);
    const ids = new Set(Array.from({ length: 100 }, () => randomId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
