// The contract between the terminal output bench page and the bench that drives it.

export interface OutputRun {
  /** Bytes the terminal wrote. */
  readonly written: number;
  /** Bytes the host counted as evidence. */
  readonly recorded: number;
  /** Whether the SHA-256 of the bytes received equals the evidence's. */
  readonly isSameHash: boolean;
  /** From the first byte received to the last one written by xterm. */
  readonly ms: number;
  readonly renderer: 'webgl' | 'dom';
}

/** The run the bench seeds in the host's record: the host runs only steps its record holds. */
export const BENCH_RUN_ID = 'bench';

/** A step's command as the runbook schema fills it in, so the page asks for exactly what the record says. */
export function benchCommand(program: string, args: readonly string[]) {
  return { program, args: [...args], timeoutSeconds: 600, expectExit: 0 };
}

export interface TerminalOutputBench {
  /** The incident the bench declared in the host's record, holding run BENCH_RUN_ID. */
  useIncident(incidentId: string): void;
  /** Runs the seeded step `stepId` (`program args`) through the real bridge and feeds the pane until it ends. */
  run(stepId: string, program: string, args: readonly string[]): Promise<OutputRun>;
  /** Starts a step and resolves once its first bytes are written; `stop` cancels it. */
  start(stepId: string, program: string, args: readonly string[]): Promise<void>;
  stop(): Promise<OutputRun>;
}

declare global {
  interface Window {
    terminalOutputBench?: TerminalOutputBench;
  }
}
