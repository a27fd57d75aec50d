// Flow control on the window's side: output goes into the terminal one batch
// at a time, and the host hears how much has been written (not merely
// received), so it pauses the command while the terminal is behind. The host
// never has more than its high-water mark in flight, so a runaway command can
// fill neither the window's memory nor its main thread.
//
// Why batches handed over in tasks of their own: xterm parses what it holds
// in slices of about 12 ms and schedules the next slice with setTimeout.
// Given a long backlog, that chain of timers nests, and past five levels the
// browser holds each timer back at least 4 ms: a quarter of the time lost
// doing nothing. Keeping xterm's own queue short and handing over the next
// batch from a message task (which timers do not count as nesting) keeps it
// parsing, while input and painting still get their turn between tasks.

/** What the feed needs of a terminal: xterm's write with its parsed callback. */
export interface WritableTerminal {
  write(data: Uint8Array, callback: () => void): void;
}

/** Runs a function in a later task of its own. */
export type NextTask = (run: () => void) => void;

/**
 * Acknowledge at least this often: well under the host's window (high minus
 * low water mark), so the producer rarely waits, yet few enough calls.
 */
export const ACK_EVERY_BYTES = 128 * 1024;
/** Bytes handed to the terminal at once: a few of its parsing slices at most. */
export const BATCH_BYTES = 128 * 1024;

const nothing = () => undefined;

/** A later task through a MessageChannel: not a timer, so never held back as a nested one. */
export function messageTasks(): { next: NextTask; close(): void } {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return {
    next: (run) => {
      queue.push(run);
      channel.port2.postMessage(null);
    },
    close: () => {
      channel.port1.close();
      channel.port2.close();
    },
  };
}

export class TerminalFeed {
  private readonly waiting: Uint8Array[] = [];
  private readonly flushes: (() => void)[] = [];
  private isWriting = false;
  private written = 0;
  private acked = 0;

  constructor(
    private readonly terminal: WritableTerminal,
    private readonly ack: (totalBytes: number) => void,
    private readonly nextTask: NextTask,
  ) {}

  /** Bytes the terminal has processed so far. */
  get bytesWritten(): number {
    return this.written;
  }

  write(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.waiting.push(bytes);
    if (!this.isWriting) this.handOver();
  }

  /** Calls back once the terminal has processed everything written before. */
  flush(callback: () => void): void {
    if (this.isWriting) this.flushes.push(callback);
    else callback();
  }

  private handOver(): void {
    this.isWriting = true;
    const batch: Uint8Array[] = [];
    let bytes = 0;
    while (bytes < BATCH_BYTES) {
      const chunk = this.waiting.shift();
      if (!chunk) break;
      batch.push(chunk);
      bytes += chunk.length;
    }
    batch.forEach((chunk, index) =>
      this.terminal.write(chunk, index === batch.length - 1 ? () => this.parsed(bytes) : nothing),
    );
  }

  private parsed(bytes: number): void {
    this.written += bytes;
    const hasCaughtUp = this.waiting.length === 0;
    // Acknowledge in batches, and always once the terminal has caught up.
    if (this.written - this.acked >= ACK_EVERY_BYTES || hasCaughtUp) {
      this.acked = this.written;
      this.ack(this.written);
    }
    if (!hasCaughtUp) {
      this.nextTask(() => this.handOver());
      return;
    }
    this.isWriting = false;
    for (const callback of this.flushes.splice(0)) callback();
  }
}
