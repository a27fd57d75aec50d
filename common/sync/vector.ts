// Version vectors: for each device, the highest seq a replica holds with no gap
// before it. Two vectors say exactly which events one side lacks.

export type VersionVector = Readonly<Record<string, number>>;

/** How many events `from` holds that `to` lacks, device by device. */
export function countMissing(from: VersionVector, to: VersionVector): number {
  let missing = 0;
  for (const [deviceId, seq] of Object.entries(from)) missing += Math.max(0, seq - (to[deviceId] ?? 0));
  return missing;
}

export function vectorsEqual(a: VersionVector, b: VersionVector): boolean {
  const devices = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const deviceId of devices) if ((a[deviceId] ?? 0) !== (b[deviceId] ?? 0)) return false;
  return true;
}
