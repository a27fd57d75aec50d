import { describe, expect, it } from 'vitest';
import { ACK_EVERY_BYTES, decodeBase64, TerminalFeed, type WritableTerminal } from './terminal-feed';

/** A terminal that parses when told to, as xterm does on its own schedule. */
function slowTerminal() {
  const pending: (() => void)[] = [];
  const terminal: WritableTerminal = { write: (_data, callback) => pending.push(callback) };
  return { terminal, parse: (count = pending.length) => pending.splice(0, count).forEach((done) => done()) };
}

describe('the terminal feed', () => {
  it('acknowledges what the terminal has written, in batches, and always once it has caught up', () => {
    const { terminal, parse } = slowTerminal();
    const acks: number[] = [];
    const feed = new TerminalFeed(terminal, (bytes) => acks.push(bytes));
    const chunk = new Uint8Array(ACK_EVERY_BYTES / 4);
    for (let index = 0; index < 10; index += 1) feed.write(chunk);
    // Received is not written: nothing is acknowledged before the terminal parses.
    expect(acks).toEqual([]);
    parse(3);
    expect(acks).toEqual([]);
    parse(1);
    expect(acks).toEqual([ACK_EVERY_BYTES]);
    parse(5);
    expect(acks).toEqual([ACK_EVERY_BYTES, 2 * ACK_EVERY_BYTES]);
    // The last chunk: less than a batch, but the terminal has caught up.
    parse();
    expect(acks).toEqual([ACK_EVERY_BYTES, 2 * ACK_EVERY_BYTES, (10 * ACK_EVERY_BYTES) / 4]);
    expect(feed.bytesWritten).toBe((10 * ACK_EVERY_BYTES) / 4);
  });
});

describe('decodeBase64', () => {
  it('gives back every byte, binary included', () => {
    const bytes = new Uint8Array(70_000).map((_, index) => (index * 131 + 7) % 256);
    expect(decodeBase64(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
    expect(decodeBase64('')).toEqual(new Uint8Array());
  });
});
