import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deviceKey, DEVICE_KEY_SECRET, type KeySeal } from './device-identity';
import { openSecretStore } from './secret-store';

// A reversible seal standing in for the keychain: what matters here is what reaches the file.
const seal: KeySeal = {
  seal: (plain) => Buffer.from(plain).reverse().toString('base64'),
  open: (sealed) => Buffer.from(sealed, 'base64').reverse().toString(),
};

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the host's device key", () => {
  it('is made once and kept: the same key on the next start', async () => {
    dir = await mkdtemp(join(tmpdir(), 'device-key-'));
    const first = await deviceKey(openSecretStore(dir));
    const again = await deviceKey(openSecretStore(dir));
    expect(again.publicKey).toBe(first.publicKey);
  });

  it('is sealed before it reaches the secret file in the desktop app, and opens again', async () => {
    dir = await mkdtemp(join(tmpdir(), 'device-key-'));
    const key = await deviceKey(openSecretStore(dir), seal);
    const file = await readFile(join(dir, 'secrets.json'), 'utf8');
    expect(file).toContain(`"${DEVICE_KEY_SECRET}": "sealed:`);
    expect(file).not.toContain(key.exported);
    expect((await deviceKey(openSecretStore(dir), seal)).publicKey).toBe(key.publicKey);
    // Browser mode cannot open what the keychain sealed, and says so rather than making another key.
    await expect(deviceKey(openSecretStore(dir))).rejects.toThrow(/sealed by the desktop app/);
  });

  it('seals a key kept in the clear as soon as a keychain is there', async () => {
    dir = await mkdtemp(join(tmpdir(), 'device-key-'));
    const plain = await deviceKey(openSecretStore(dir));
    const sealed = await deviceKey(openSecretStore(dir), seal);
    expect(sealed.publicKey).toBe(plain.publicKey);
    expect(await readFile(join(dir, 'secrets.json'), 'utf8')).not.toContain(plain.exported);
  });
});
