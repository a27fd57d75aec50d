// The state the tray shows, kept up to date from the host's record without
// refolding it all on every change: only the events beyond what was folded
// are read and applied, and the whole record is folded again only when an
// older event arrives by sync (advanceState says so).
import { advanceState, foldEvents, type WarRoomState } from '../../common/domain/incidents';
import type { EventLog } from '../../common/sync/event-log';
import type { VersionVector } from '../../common/sync/vector';

const ALL_EVENTS = 2 ** 31 - 1;

function advanceVector(vector: VersionVector, events: readonly { deviceId: string; seq: number }[]): VersionVector {
  const next: Record<string, number> = { ...vector };
  for (const event of events) next[event.deviceId] = Math.max(next[event.deviceId] ?? 0, event.seq);
  return next;
}

export class IncrementalProjection {
  private state: WarRoomState = foldEvents([]);
  private vector: VersionVector = {};
  /** Whole refolds done: an older event arrived, or the first read. */
  refolds = 0;

  constructor(private readonly log: () => Promise<EventLog>) {}

  async current(): Promise<WarRoomState> {
    const log = await this.log();
    const fresh = await log.eventsBeyond(this.vector, ALL_EVENTS);
    if (fresh.length === 0) return this.state;
    const advanced = this.refolds > 0 ? advanceState(this.state, fresh) : undefined;
    if (advanced) {
      this.state = advanced;
      this.vector = advanceVector(this.vector, fresh);
      return this.state;
    }
    const all = await log.eventsBeyond({}, ALL_EVENTS);
    this.state = foldEvents(all);
    this.vector = advanceVector({}, all);
    this.refolds += 1;
    return this.state;
  }
}
