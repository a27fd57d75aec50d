// An EventLog in memory: the reference implementation the property tests run
// many replicas of, and the model the persistent stores must agree with.
import { compareEvents } from '../domain/order';
import { EMPTY_HEAD, sealEvents, type ChainHead } from '../events/chain';
import type { EventDraft, WarEvent } from '../events/event';
import type { ApplyOptions, ApplyResult, EventLog } from './event-log';
import { devicesOf, heldKey, parseBatch, planBatch, type HeldHead } from './plan';
import type { VersionVector } from './vector';

export class MemoryEventLog implements EventLog {
  private readonly byDevice = new Map<string, WarEvent[]>();
  private ownHead: ChainHead = EMPTY_HEAD;

  constructor(
    readonly workspace: string,
    readonly deviceId: string,
    private readonly newId: () => string,
  ) {}

  /** Writes local events, as a window or a host service would. */
  write(drafts: readonly EventDraft[], nowMs: number): WarEvent[] {
    const own = this.byDevice.get(this.deviceId) ?? [];
    const sealed = sealEvents(this.ownHead, drafts, {
      workspace: this.workspace,
      deviceId: this.deviceId,
      nowMs,
      newId: this.newId,
    });
    own.push(...sealed.events);
    this.byDevice.set(this.deviceId, own);
    this.ownHead = sealed.head;
    return sealed.events;
  }

  async vector(): Promise<VersionVector> {
    const vector: Record<string, number> = {};
    for (const [deviceId, events] of this.byDevice) if (events.length) vector[deviceId] = events.length;
    return vector;
  }

  async eventsBeyond(vector: VersionVector, limit: number): Promise<WarEvent[]> {
    const beyond: WarEvent[] = [];
    for (const [deviceId, events] of this.byDevice) beyond.push(...events.slice(vector[deviceId] ?? 0));
    return beyond.sort(compareEvents).slice(0, limit);
  }

  async apply(raw: readonly unknown[], options: ApplyOptions = {}): Promise<ApplyResult> {
    const parsed = parseBatch(raw, options.maxEvents);
    if (!parsed.ok) return parsed;
    const heads = new Map<string, HeldHead>();
    const heldHashes = new Map<string, string>();
    for (const deviceId of devicesOf(parsed.events)) {
      const events = this.byDevice.get(deviceId) ?? [];
      const last = events.at(-1);
      if (last) heads.set(deviceId, { seq: last.seq, hash: last.hash, hlc: last.hlc });
    }
    for (const event of parsed.events) {
      const held = this.byDevice.get(event.deviceId)?.[event.seq - 1];
      if (held) heldHashes.set(heldKey(event.deviceId, event.seq), held.hash);
    }
    const plan = planBatch(parsed.events, { workspace: this.workspace, heads, heldHashes });
    if (!plan.ok) return plan;
    for (const event of plan.toStore) {
      const events = this.byDevice.get(event.deviceId) ?? [];
      events.push(event);
      this.byDevice.set(event.deviceId, events);
    }
    return { ok: true, stored: plan.toStore.length };
  }

  all(): WarEvent[] {
    return [...this.byDevice.values()].flat();
  }
}
