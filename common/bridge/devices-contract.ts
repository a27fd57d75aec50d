// The devices part of the bridge contract. The person at a laptop lets go of a
// device this laptop let in (a teammate's browser, one of its windows): the
// host writes the `device.revoked` event with its own key, so every receiver
// refuses that device's later events. A device it did not let in (another
// laptop, lost) is the team hub's to revoke (`hub device revoke`).
import { z } from 'zod';
import { ID_MAX, REASON_MAX, workspaceSchema } from '../events/event';

/** Why the host will not revoke a device; the window words each (`devices.refusal.<reason>`). */
export const DEVICE_REVOKE_REFUSALS = [
  // Nothing in this laptop's record was written by that device.
  'unknown-device',
  // Revoked already: its revocation point stays where it is.
  'already-revoked',
  // Another laptop, or a device another laptop let in: the hub's administrator revokes it.
  'not-sponsored',
  // This laptop itself: revoking it would refuse everything it writes from now on.
  'this-laptop',
] as const;
export type DeviceRevokeRefusal = (typeof DEVICE_REVOKE_REFUSALS)[number];

export function isDeviceRevokeRefusal(value: unknown): value is DeviceRevokeRefusal {
  return typeof value === 'string' && (DEVICE_REVOKE_REFUSALS as readonly string[]).includes(value);
}

export const deviceRevokeSchema = z.strictObject({
  /** Absent: the real record's. */
  workspace: workspaceSchema.optional(),
  deviceId: z.string().min(1).max(ID_MAX),
  reason: z.string().trim().min(1).max(REASON_MAX).optional(),
});
export type DeviceRevokeRequest = z.infer<typeof deviceRevokeSchema>;

export const deviceRevokedSchema = z.strictObject({
  deviceId: z.string(),
  /** Its events up to this seq stay; every later one is refused. */
  afterSeq: z.number().int().nonnegative(),
});
export type DeviceRevoked = z.infer<typeof deviceRevokedSchema>;
