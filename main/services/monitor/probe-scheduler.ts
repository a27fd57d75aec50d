// One scheduler for every monitor (Uptime Kuma's timer per monitor is what
// makes it struggle past a few hundred): a min-heap of due times behind a
// single timer, a cap on checks in flight, first checks spread over each
// monitor's interval so 5,000 monitors loading do not fire at once, and a
// hard deadline per check so a probe that never settles cannot hold a slot.
import type { CheckResult } from '../../../common/monitors/monitor-state';
import { reason } from '../../../common/monitors/reasons';
import type { Clock, TimerHandle } from '../clock';
import { failure, seconds, type ProbeResult } from './probe';

export interface ScheduledCheck {
  readonly id: string;
  readonly intervalMs: number;
  /** The probe's own deadline; the scheduler's hard one comes a little later. */
  readonly timeoutMs: number;
}

export interface SchedulerOptions {
  readonly clock: Clock;
  /** Runs one check; must stop its I/O when the signal aborts. */
  readonly check: (id: string, signal: AbortSignal) => Promise<ProbeResult>;
  readonly onResult: (id: string, result: CheckResult) => void;
  /** Checks in flight at most. */
  readonly concurrency?: number;
  /** How late each check started against its due time, for the benchmarks and the host's health page. */
  readonly onStart?: (id: string, lateByMs: number) => void;
}

export interface SchedulerStats {
  readonly monitors: number;
  readonly running: number;
  readonly waiting: number;
  readonly started: number;
  /** Checks stopped by the scheduler's hard deadline: their probe ignored its signal. */
  readonly overran: number;
}

/** Time a probe gets after its deadline to stop and report its own timeout. */
const OVERRUN_GRACE_MS = 1_000;
export const DEFAULT_CONCURRENCY = 256;
const MAX_EARLY_MS = 100;
const MAX_EARLY_BATCH = 32;

interface Entry {
  check: ScheduledCheck;
  due: number;
  /** Bumped when the monitor is updated or removed, so stale heap entries are skipped. */
  generation: number;
  isRunning: boolean;
}

interface Slot {
  readonly id: string;
  readonly due: number;
  readonly generation: number;
}

/** 32-bit FNV-1a: a stable spread of first checks from the monitor's id. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

class MinHeap {
  private readonly items: Slot[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Slot | undefined {
    return this.items[0];
  }

  push(slot: Slot): void {
    const items = this.items;
    items.push(slot);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const above = items[parent];
      if (above === undefined || above.due <= slot.due) break;
      items[index] = above;
      index = parent;
    }
    items[index] = slot;
  }

  pop(): Slot | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      let smallestDue = last.due;
      const leftItem = items[left];
      const rightItem = items[right];
      if (leftItem !== undefined && leftItem.due < smallestDue) {
        smallest = left;
        smallestDue = leftItem.due;
      }
      if (rightItem !== undefined && rightItem.due < smallestDue) smallest = right;
      if (smallest === index) break;
      items[index] = items[smallest] as Slot;
      index = smallest;
    }
    items[index] = last;
    return top;
  }
}

export class ProbeScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly heap = new MinHeap();
  /** Due checks waiting for a free slot, oldest first (a queue with a moving head). */
  private ready: Slot[] = [];
  private readyHead = 0;
  private timer: TimerHandle | null = null;
  private timerDue = Number.POSITIVE_INFINITY;
  private running = 0;
  private started = 0;
  private overran = 0;
  private isActive = false;
  private readonly concurrency: number;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: SchedulerOptions) {
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  }

  /** Adds, updates and removes checks; a new one's first run is spread over its interval. */
  set(checks: readonly ScheduledCheck[]): void {
    const now = this.options.clock.now();
    const wanted = new Set(checks.map((check) => check.id));
    for (const [id, entry] of this.entries) {
      if (!wanted.has(id)) {
        entry.generation += 1;
        this.entries.delete(id);
      }
    }
    for (const check of checks) {
      let entry = this.entries.get(check.id);
      if (entry === undefined) {
        entry = { check, due: now + (hashOf(check.id) % check.intervalMs), generation: 0, isRunning: false };
        this.entries.set(check.id, entry);
      } else if (entry.check.intervalMs !== check.intervalMs || entry.check.timeoutMs !== check.timeoutMs) {
        // Updated in place: a check in flight finishes and is rescheduled on the new cadence.
        entry.check = check;
        entry.due = Math.min(entry.due, now + check.intervalMs);
      } else {
        continue;
      }
      entry.generation += 1;
      if (!entry.isRunning) this.heap.push({ id: check.id, due: entry.due, generation: entry.generation });
    }
    this.arm();
  }

  /** Runs a check as soon as a slot is free (the "check now" button), then on its usual cadence. */
  checkNow(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined || entry.isRunning) return;
    entry.generation += 1;
    entry.due = this.options.clock.now();
    this.heap.push({ id, due: entry.due, generation: entry.generation });
    this.arm();
  }

  start(): void {
    this.isActive = true;
    this.arm();
  }

  /** Stops scheduling and waits for the checks in flight to finish. */
  async stop(): Promise<void> {
    this.isActive = false;
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerDue = Number.POSITIVE_INFINITY;
    await Promise.all([...this.inFlight]);
  }

  stats(): SchedulerStats {
    return {
      monitors: this.entries.size,
      running: this.running,
      waiting: this.ready.length - this.readyHead,
      started: this.started,
      overran: this.overran,
    };
  }

  /** How early a check may run: 1% of its interval, at most 100 ms. */
  private earliness(id: string): number {
    const interval = this.entries.get(id)?.check.intervalMs ?? 0;
    return Math.min(MAX_EARLY_MS, interval / 100);
  }

  private isCurrent(slot: Slot): boolean {
    return this.entries.get(slot.id)?.generation === slot.generation;
  }

  private arm(): void {
    if (!this.isActive) return;
    while (this.heap.size > 0 && !this.isCurrent(this.heap.peek() as Slot)) this.heap.pop();
    const top = this.heap.peek();
    if (top === undefined || top.due >= this.timerDue) return;
    const clock = this.options.clock;
    if (this.timer !== null) clock.clearTimeout(this.timer);
    this.timerDue = top.due;
    this.timer = clock.setTimeout(() => this.onTimer(), Math.max(0, top.due - clock.now()));
  }

  private onTimer(): void {
    this.timer = null;
    this.timerDue = Number.POSITIVE_INFINITY;
    const now = this.options.clock.now();
    let early = 0;
    for (let top = this.heap.peek(); top !== undefined; top = this.heap.peek()) {
      const isDue = top.due <= now;
      // Waking the process costs more than a check at rest: checks due very
      // soon run with this one, a little early, instead of waking it again.
      const isDueSoon = !isDue && early < MAX_EARLY_BATCH && top.due - now <= this.earliness(top.id);
      if (!isDue && !isDueSoon) break;
      this.heap.pop();
      if (!this.isCurrent(top)) continue;
      if (isDueSoon) early += 1;
      this.ready.push(top);
    }
    this.drain();
    this.arm();
  }

  private drain(): void {
    while (this.isActive && this.running < this.concurrency && this.readyHead < this.ready.length) {
      const slot = this.ready[this.readyHead] as Slot;
      this.readyHead += 1;
      if (this.isCurrent(slot)) this.launch(slot);
    }
    // Compact the queue once its consumed head dominates it.
    if (this.readyHead > 1_024 && this.readyHead * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.readyHead);
      this.readyHead = 0;
    }
  }

  private launch(slot: Slot): void {
    const entry = this.entries.get(slot.id);
    if (entry === undefined) return;
    const { clock } = this.options;
    const at = clock.now();
    entry.isRunning = true;
    this.running += 1;
    this.started += 1;
    this.options.onStart?.(slot.id, at - slot.due);

    const controller = new AbortController();
    let timer: TimerHandle | null = null;
    let isSettled = false;
    let release: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (release = resolve));
    this.inFlight.add(settled);
    const settle = (result: ProbeResult) => {
      if (isSettled) return;
      isSettled = true;
      if (timer !== null) clock.clearTimeout(timer);
      this.inFlight.delete(settled);
      release();
      this.finish(slot, entry, { ...result, at });
    };
    // One timer per check: at the deadline it aborts the probe, then gives it
    // a short grace to report its own, better worded, timeout before giving up on it.
    timer = clock.setTimeout(() => {
      controller.abort();
      timer = clock.setTimeout(() => {
        this.overran += 1;
        settle(failure(reason('checkTimeout', { seconds: seconds(entry.check.timeoutMs) })));
      }, OVERRUN_GRACE_MS);
    }, entry.check.timeoutMs);
    this.options
      .check(slot.id, controller.signal)
      .then(settle, (error: unknown) =>
        settle(failure(reason('checkCrashed', { detail: error instanceof Error ? error.message : String(error) }))),
      );
  }

  private finish(slot: Slot, entry: Entry, result: CheckResult): void {
    this.running -= 1;
    entry.isRunning = false;
    if (this.entries.get(slot.id) === entry) {
      this.options.onResult(slot.id, result);
      // Fixed rate on the monitor's own grid: a late or long check skips the
      // slots it missed instead of firing them in a burst.
      const now = this.options.clock.now();
      const interval = entry.check.intervalMs;
      let due = Math.max(slot.due, entry.due) + interval;
      if (due <= now) due += Math.ceil((now - due + 1) / interval) * interval;
      // A wall clock set back must not push checks far away.
      entry.due = Math.min(due, now + interval);
      entry.generation += 1;
      this.heap.push({ id: slot.id, due: entry.due, generation: entry.generation });
    }
    this.drain();
    this.arm();
  }
}
