// The one total order every replica folds events in: (hlc, deviceId, seq).
import type { WarEvent } from '../events/event';

export function compareEvents(
  a: Pick<WarEvent, 'hlc' | 'deviceId' | 'seq'>,
  b: Pick<WarEvent, 'hlc' | 'deviceId' | 'seq'>,
): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.deviceId !== b.deviceId) return a.deviceId < b.deviceId ? -1 : 1;
  return a.seq - b.seq;
}
