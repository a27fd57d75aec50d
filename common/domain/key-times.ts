// Key times of an incident and the durations reports are made of. Actions set
// them; a person can correct one afterwards, and the correction says who and why.
import { KEY_TIMES, type KeyTime } from '../events/event';

export interface KeyTimeCorrection {
  readonly at: number;
  readonly by: string;
  readonly reason: string;
  readonly eventId: string;
}

export interface KeyTimes {
  /** What the actions said: declaration, first acknowledgement, status moves. */
  readonly auto: Partial<Record<KeyTime, number>>;
  /** The latest correction of each, which wins over the automatic value. */
  readonly corrected: Partial<Record<KeyTime, KeyTimeCorrection>>;
}

export function keyTime(times: KeyTimes, key: KeyTime): number | undefined {
  const corrected = times.corrected[key]?.at;
  if (corrected !== undefined) return corrected;
  // Impact cannot begin after it was seen: a detection corrected to before the
  // declaration moves an uncorrected start with it.
  if (key === 'started') {
    const detected = keyTime(times, 'detected');
    const started = times.auto.started;
    return started === undefined || detected === undefined ? (started ?? detected) : Math.min(started, detected);
  }
  return times.auto[key];
}

export const DURATIONS = [
  { id: 'ttd', from: 'started', to: 'detected' },
  { id: 'tta', from: 'detected', to: 'acknowledged' },
  { id: 'ttm', from: 'started', to: 'mitigated' },
  { id: 'ttr', from: 'started', to: 'resolved' },
] as const satisfies readonly { id: string; from: KeyTime; to: KeyTime }[];
export type DurationId = (typeof DURATIONS)[number]['id'];

export interface Duration {
  readonly id: DurationId;
  /** Milliseconds; undefined when its start is unknown. */
  readonly ms: number | undefined;
  /** Still counting: the end has not happened yet, so `ms` runs to `now`. */
  readonly isRunning: boolean;
}

/** Time to detect, acknowledge, mitigate and resolve, live while they run. */
export function durations(times: KeyTimes, now: number): Duration[] {
  return DURATIONS.map(({ id, from, to }) => {
    const start = keyTime(times, from);
    const end = keyTime(times, to);
    if (start === undefined) return { id, ms: undefined, isRunning: false };
    if (end === undefined) return { id, ms: Math.max(0, now - start), isRunning: true };
    return { id, ms: end - start, isRunning: false };
  });
}

// Which key time must not come before which: a correction that breaks one is
// most likely a typo, and the incident view says so.
const ORDER: readonly (readonly [KeyTime, KeyTime])[] = [
  ['detected', 'started'],
  ['acknowledged', 'detected'],
  ['mitigated', 'started'],
  ['resolved', 'mitigated'],
  ['resolved', 'started'],
];

/** Key times earlier than one they cannot precede (resolved before started…). */
export function keyTimeConflicts(times: KeyTimes): KeyTime[] {
  const conflicts = new Set<KeyTime>();
  for (const [later, earlier] of ORDER) {
    const a = keyTime(times, later);
    const b = keyTime(times, earlier);
    if (a !== undefined && b !== undefined && a < b) conflicts.add(later);
  }
  return KEY_TIMES.filter((key) => conflicts.has(key));
}
