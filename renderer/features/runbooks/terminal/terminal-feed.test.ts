import { describe, expect, it } from 'vitest';
import { ACK_EVERY_BYTES, BATCH_BYTES, TerminalFeed, type WritableTerminal } from './terminal-feed';

/** A terminal that parses when told to, as xterm does on its own schedule, and tasks run when told to. */
function slowTerminal() {
  const pending: { data: Uint8Array; done: () => void }[] = [];
  const tasks: (() => void)[] = [];
  const terminal: WritableTerminal = { write: (data, done) => pending.push({ data, done }) };
  return {
    terminal,
    pending,
    next: (run: () => void) => tasks.push(run),
    /** Parses what the terminal holds, then runs the tasks that follow, until nothing is left. */
    drain() {
      while (pending.length > 0 || tasks.length > 0) {
        for (const { done } of pending.splice(0)) done();
        for (const run of tasks.splice(0)) run();
      }
    },
    parse: () => pending.splice(0).forEach(({ done }) => done()),
    runTasks: () => tasks.splice(0).forEach((run) => run()),
  };
}

describe('the terminal feed', () => {
  it('hands the terminal one batch at a time, the next in a task of its own once the last is parsed', () => {
    const slow = slowTerminal();
    const feed = new TerminalFeed(slow.terminal, () => undefined, slow.next);
    const chunk = new Uint8Array(BATCH_BYTES / 4);
    for (let index = 0; index < 10; index += 1) feed.write(chunk);
    // The first chunk goes at once; what follows waits in the feed, not in the terminal.
    expect(slow.pending.length).toBe(1);
    slow.parse();
    expect(slow.pending.length).toBe(0);
    slow.runTasks();
    // Then a full batch.
    expect(slow.pending.length).toBe(4);
    slow.drain();
    expect(feed.bytesWritten).toBe((10 * BATCH_BYTES) / 4);
  });

  it('keeps every byte in order', () => {
    const slow = slowTerminal();
    const seen: number[] = [];
    const terminal: WritableTerminal = {
      write: (data, done) => {
        seen.push(...data);
        slow.terminal.write(data, done);
      },
    };
    const feed = new TerminalFeed(terminal, () => undefined, slow.next);
    const sent: number[] = [];
    for (let index = 0; index < 40; index += 1) {
      const chunk = new Uint8Array(10_000 + index).fill(index);
      sent.push(...chunk);
      feed.write(chunk);
      if (index % 7 === 0) slow.parse();
    }
    slow.drain();
    expect(seen).toEqual(sent);
  });

  it('acknowledges what the terminal has written, in batches, and always once it has caught up', () => {
    const slow = slowTerminal();
    const acks: number[] = [];
    const feed = new TerminalFeed(slow.terminal, (bytes) => acks.push(bytes), slow.next);
    const chunk = new Uint8Array(ACK_EVERY_BYTES / 4);
    for (let index = 0; index < 10; index += 1) feed.write(chunk);
    // Received is not written: nothing is acknowledged before the terminal parses.
    expect(acks).toEqual([]);
    slow.drain();
    // Batches of one chunk, then four, four and one: acknowledged past each threshold, and at the end.
    const quarter = ACK_EVERY_BYTES / 4;
    expect(acks).toEqual([5 * quarter, 9 * quarter, 10 * quarter]);
    expect(feed.bytesWritten).toBe((10 * ACK_EVERY_BYTES) / 4);
  });

  it('calls a flush back once everything before it is parsed, at once when nothing waits', () => {
    const slow = slowTerminal();
    const feed = new TerminalFeed(slow.terminal, () => undefined, slow.next);
    const flushed: number[] = [];
    feed.flush(() => flushed.push(feed.bytesWritten));
    expect(flushed).toEqual([0]);
    feed.write(new Uint8Array(BATCH_BYTES));
    feed.write(new Uint8Array(BATCH_BYTES));
    feed.flush(() => flushed.push(feed.bytesWritten));
    slow.parse();
    expect(flushed).toEqual([0]);
    slow.drain();
    expect(flushed).toEqual([0, 2 * BATCH_BYTES]);
  });
});
