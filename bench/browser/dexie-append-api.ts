// The contract between the Dexie append bench page and the bench that drives
// it: what the page puts on `window`, and what each measurement returns.

export interface AppendTiming {
  /** Events appended inside the timed span. */
  readonly events: number;
  /** The timed span, from performance.now(). */
  readonly ms: number;
}

export interface DexieAppendBench {
  /** Declares an incident in a fresh database, then times `notes` notes appended in one `append` call. */
  appendInOneCall(notes: number): Promise<AppendTiming>;
  /** Declares an incident in a fresh database, then times `notes` notes appended one `append` call each. */
  appendOneByOne(notes: number): Promise<AppendTiming>;
}

declare global {
  interface Window {
    dexieAppendBench?: DexieAppendBench;
  }
}
