// The host's device key at rest, sealed with the operating system's keychain
// (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux) through
// Electron's safeStorage. Where no keychain is there (a bare Linux session),
// safeStorage says so, and the key stays in the 0600 secret file as in browser mode.
import { safeStorage } from 'electron';
import type { KeySeal } from '../host/device-identity';

export function electronKeySeal(): KeySeal | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  // Linux's "basic_text" backend is a fixed key, not a keychain: no better than the file.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
