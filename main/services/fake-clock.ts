// A clock for tests: time stands still until the test advances it, and timers
// fire in due order as it does.
import type { Clock, TimerHandle } from './clock';

interface FakeTimer {
  readonly handle: TimerHandle;
  readonly due: number;
  readonly order: number;
  readonly callback: () => void;
}

export class FakeClock implements Clock {
  private timers: FakeTimer[] = [];
  private created = 0;

  constructor(private current = Date.parse('2025-06-04T10:00:00Z')) {}

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const handle = { __timer: true } as const;
    this.created += 1;
    this.timers.push({ handle, due: this.current + Math.max(0, delayMs), order: this.created, callback });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((timer) => timer.handle !== handle);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /**
   * Moves time forward, firing each timer at its due time; between timers,
   * pending promise callbacks run (awaited), as they would on a real event loop.
   */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      await settle();
      const next = [...this.timers].sort((a, b) => a.due - b.due || a.order - b.order)[0];
      if (next === undefined || next.due > end) break;
      this.timers = this.timers.filter((timer) => timer !== next);
      this.current = Math.max(this.current, next.due);
      next.callback();
    }
    this.current = end;
    await settle();
  }
}

/** Lets queued promise callbacks and I/O callbacks run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
