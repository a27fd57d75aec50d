// The host's device key: made on first start, kept in the host's secret store
// (never in the record or a backup), the same for every workspace it writes to.
import { generateDeviceKey, importDeviceKey, type DeviceKey } from '../services/identity/device-key';
import type { SecretStore } from './secret-store';

/** The secret that holds the private key, PKCS#8 in base64. */
export const DEVICE_KEY_SECRET = 'device-key';

export async function deviceKey(secrets: SecretStore): Promise<DeviceKey> {
  const kept = await secrets.get(DEVICE_KEY_SECRET);
  if (kept) return importDeviceKey(kept);
  const key = generateDeviceKey();
  await secrets.set(DEVICE_KEY_SECRET, key.exported);
  return key;
}
