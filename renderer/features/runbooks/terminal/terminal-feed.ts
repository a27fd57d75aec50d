// Flow control on the window's side: output goes into the terminal one chunk
// at a time, and the host hears how much has been written (not merely
// received), so it pauses the command while the terminal is behind. The host
// never has more than its high-water mark in flight, so a runaway command can
// fill neither the window's memory nor its main thread.

/** What the feed needs of a terminal: xterm's write with its parsed callback. */
export interface WritableTerminal {
  write(data: Uint8Array, callback: () => void): void;
}

/**
 * Acknowledge at least this often: well under the host's window (high minus
 * low water mark), so the producer rarely waits, yet few enough calls.
 */
export const ACK_EVERY_BYTES = 128 * 1024;

export class TerminalFeed {
  private written = 0;
  private acked = 0;
  private queued = 0;

  constructor(
    private readonly terminal: WritableTerminal,
    private readonly ack: (totalBytes: number) => void,
  ) {}

  /** Bytes the terminal has processed so far. */
  get bytesWritten(): number {
    return this.written;
  }

  write(bytes: Uint8Array): void {
    this.queued += 1;
    this.terminal.write(bytes, () => {
      this.queued -= 1;
      this.written += bytes.length;
      // Acknowledge in batches, and always once the terminal has caught up.
      if (this.written - this.acked >= ACK_EVERY_BYTES || this.queued === 0) {
        this.acked = this.written;
        this.ack(this.written);
      }
    });
  }
}

/** The platform's own decoder (Chromium 140 and later): native speed, no intermediate string. */
const native = Uint8Array as unknown as { fromBase64?: (data: string) => Uint8Array };

/** base64 → bytes, natively where the platform can, else without building an intermediate array of numbers. */
export function decodeBase64(data: string): Uint8Array {
  if (native.fromBase64) return native.fromBase64(data);
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
