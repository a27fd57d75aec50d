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

export interface TerminalOutputBench {
  /** Runs `program args` on the host through the real bridge and feeds the pane until it ends. */
  run(program: string, args: readonly string[]): Promise<OutputRun>;
  /** Starts a command and resolves once its first bytes are written; `stop` cancels it. */
  start(program: string, args: readonly string[]): Promise<void>;
  stop(): Promise<OutputRun>;
}

declare global {
  interface Window {
    terminalOutputBench?: TerminalOutputBench;
  }
}
