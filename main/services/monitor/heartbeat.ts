// Heartbeat monitors: a cron or backup job calls a URL on the host after each
// run, and a missing beat is a failure. This is how the last good backup is
// watched. The registry holds the last beat per monitor; the host's route
// calls `acceptBeat`, the scheduler's check calls `probeHeartbeat`.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MonitorOf } from '../../../common/monitors/monitor-schema';
import { reason, roughDuration } from '../../../common/monitors/reasons';
import { failure, success, type ProbeResult, type SecretLookup } from './probe';

export type BeatVerdict = 'accepted' | 'unknown-monitor' | 'forbidden';

export class HeartbeatRegistry {
  private readonly beats = new Map<string, number>();

  /** @param startedAt when the host started watching: a job that never beat is late from then. */
  constructor(readonly startedAt: number) {}

  record(monitorId: string, at: number): void {
    this.beats.set(monitorId, Math.max(at, this.beats.get(monitorId) ?? 0));
  }

  lastBeat(monitorId: string): number | undefined {
    return this.beats.get(monitorId);
  }

  forget(monitorId: string): void {
    this.beats.delete(monitorId);
  }
}

// Hashing first makes the comparison constant-time whatever the lengths.
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** A beat from the host's route (`POST /heartbeat/<monitor id>?token=…`). */
export async function acceptBeat(
  registry: HeartbeatRegistry,
  monitor: MonitorOf<'heartbeat'> | undefined,
  token: string | null,
  secrets: SecretLookup,
  at: number,
): Promise<BeatVerdict> {
  if (monitor === undefined) return 'unknown-monitor';
  if (monitor.token !== undefined) {
    const expected = await secrets(monitor.token.secret);
    // A token that is configured but missing from the store refuses every beat rather than accepting any.
    if (expected === null || token === null || !sameSecret(token, expected)) return 'forbidden';
  }
  registry.record(monitor.id, at);
  return 'accepted';
}

export function probeHeartbeat(monitor: MonitorOf<'heartbeat'>, registry: HeartbeatRegistry, now: number): ProbeResult {
  const allowedMs = (monitor.every + monitor.grace) * 1000;
  const last = registry.lastBeat(monitor.id);
  if (last === undefined) {
    const waited = now - registry.startedAt;
    if (waited > allowedMs) return failure(reason('heartbeatNever', roughDuration(waited)));
    return success(reason('heartbeatAwaited', roughDuration(allowedMs - waited)), null);
  }
  const age = now - last;
  if (age > allowedMs) return failure(reason('heartbeatMissing', roughDuration(age)));
  return success(reason('heartbeatOk', roughDuration(age)), null);
}
