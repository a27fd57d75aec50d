// What the record keeps of a step's output: every byte counted and hashed,
// the first and last parts kept as text. The terminal shows everything; the
// event log keeps a bounded, verifiable summary.
import { createHash, type Hash } from 'node:crypto';
import { EVIDENCE_OUTPUT_MAX } from '../../../common/runbooks/run-payloads';

const HEAD_BYTES = EVIDENCE_OUTPUT_MAX / 2;
const TAIL_BYTES = EVIDENCE_OUTPUT_MAX / 2;
const GAP = '\n[…]\n';

export interface CapturedOutput {
  readonly bytes: number;
  readonly sha256: string;
  /** Printable text: head and tail when the output was longer than both. */
  readonly text: string;
  readonly isTruncated: boolean;
}

export class OutputCapture {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;

  push(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    let rest = chunk;
    if (this.headBytes < HEAD_BYTES) {
      const take = rest.subarray(0, HEAD_BYTES - this.headBytes);
      this.head.push(take);
      this.headBytes += take.length;
      rest = rest.subarray(take.length);
    }
    if (rest.length === 0) return;
    this.tail.push(rest);
    this.tailBytes += rest.length;
    // Trim whole chunks first, then the front of the oldest one kept.
    while (this.tailBytes - (this.tail[0]?.length ?? 0) >= TAIL_BYTES) this.tailBytes -= this.tail.shift()?.length ?? 0;
    if (this.tailBytes > TAIL_BYTES * 2) this.compactTail();
  }

  private compactTail(): void {
    const joined = Buffer.concat(this.tail);
    const kept = joined.subarray(joined.length - TAIL_BYTES);
    this.tail = [kept];
    this.tailBytes = kept.length;
  }

  result(): CapturedOutput {
    const head = Buffer.concat(this.head);
    const tailAll = Buffer.concat(this.tail);
    const tail = tailAll.subarray(Math.max(0, tailAll.length - TAIL_BYTES));
    const isTruncated = this.bytes > head.length + tail.length;
    const text = isTruncated ? `${printable(head)}${GAP}${printable(tail)}` : printable(Buffer.concat([head, tail]));
    return { bytes: this.bytes, sha256: this.hash.digest('hex'), text, isTruncated };
  }
}

// CSI and OSC sequences (colours, cursor moves, titles) mean nothing in a record.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Output as text a timeline can show and any store can hold: UTF-8 with
 * replacement characters for binary bytes, escape sequences removed, other
 * control characters (NUL included, which PostgreSQL text refuses) replaced.
 */
export function printable(bytes: Buffer): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(ANSI, '').replace(CONTROL, '\uFFFD');
}
