// The host's device key: made on first start, kept in the host's secret store
// (never in the record or a backup), the same for every workspace it writes to.
// In the desktop app it is sealed with the operating system's keychain
// (Electron's safeStorage) before it reaches the file; browser mode keeps it in
// the 0600 file as it is.
import { generateDeviceKey, importDeviceKey, type DeviceKey } from '../services/identity/device-key';
import type { SecretStore } from './secret-store';

/** The secret that holds the private key, PKCS#8 in base64 (sealed: `sealed:` and the seal's own text). */
export const DEVICE_KEY_SECRET = 'device-key';
const SEALED = 'sealed:';

/** Seals a secret at rest and opens it again; Electron's safeStorage in the desktop app. */
export interface KeySeal {
  seal(plain: string): string;
  open(sealed: string): string;
}

export async function deviceKey(secrets: SecretStore, keySeal?: KeySeal): Promise<DeviceKey> {
  const kept = await secrets.get(DEVICE_KEY_SECRET);
  if (kept?.startsWith(SEALED)) {
    if (!keySeal) throw new Error('this device key is sealed by the desktop app: open the record from it');
    return importDeviceKey(keySeal.open(kept.slice(SEALED.length)));
  }
  if (kept) {
    const key = importDeviceKey(kept);
    // A key kept in the clear before the keychain was available is sealed now.
    if (keySeal) await secrets.set(DEVICE_KEY_SECRET, `${SEALED}${keySeal.seal(kept)}`);
    return key;
  }
  const key = generateDeviceKey();
  await secrets.set(DEVICE_KEY_SECRET, keySeal ? `${SEALED}${keySeal.seal(key.exported)}` : key.exported);
  return key;
}
