// The terminal output bench page: xterm.js (WebGL renderer where available)
// fed by the window's real flow control (TerminalFeed) over the real bridge
// (WebSocket transport) from a real host running real commands.
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { createBridgeClient } from '../../renderer/bridge/client';
import { bridgeUrl, createWsTransport } from '../../renderer/bridge/ws-transport';
import { messageTasks, TerminalFeed } from '../../renderer/features/runbooks/terminal/terminal-feed';
import { hasHardwareWebgl } from '../../renderer/features/runbooks/terminal/webgl';
import { BENCH_RUN_ID, benchCommand, type OutputRun, type TerminalOutputBench } from './terminal-output-api';

const bridge = createBridgeClient(createWsTransport(bridgeUrl(window.location)));
const element = document.getElementById('terminal');
if (!element) throw new Error('no terminal element');
const terminal = new Terminal({ convertEol: true, scrollback: 5_000, disableStdin: true });
terminal.open(element);
let renderer: OutputRun['renderer'] = 'dom';
try {
  // The pane's own choice: WebGL only on a real GPU.
  if (!hasHardwareWebgl()) throw new Error('no hardware WebGL');
  terminal.loadAddon(new WebglAddon());
  renderer = 'webgl';
} catch {
  renderer = 'dom';
}

interface Current {
  execId: string;
  chunks: Uint8Array[];
  firstAt: number | null;
  feed: TerminalFeed;
  ended: Promise<{ recorded: number; sha256: string }>;
  resolveEnded(value: { recorded: number; sha256: string }): void;
}
let current: Current | null = null;
let incidentId = '';
const tasks = messageTasks();

bridge.on('runbook:output', ({ execId, data }) => {
  if (!current || execId !== current.execId) return;
  current.firstAt ??= performance.now();
  current.chunks.push(data);
  current.feed.write(data);
});
bridge.on('runbook:ended', ({ execId, evidence }) => {
  if (current && execId === current.execId)
    current.resolveEnded({ recorded: evidence.outputBytes, sha256: evidence.outputSha256 });
});

async function begin(stepId: string, program: string, args: readonly string[]): Promise<Current> {
  terminal.reset();
  const execId = crypto.randomUUID();
  let resolveEnded: Current['resolveEnded'] = () => undefined;
  const ended = new Promise<{ recorded: number; sha256: string }>((resolve) => (resolveEnded = resolve));
  const next: Current = {
    execId,
    chunks: [],
    firstAt: null,
    feed: new TerminalFeed(terminal, (bytes) => void bridge.call('runbook:ack-output', { execId, bytes }), tasks.next),
    ended,
    resolveEnded,
  };
  current = next;
  const result = await bridge.call('runbook:run-step', {
    execId,
    incidentId,
    runId: BENCH_RUN_ID,
    stepId,
    actor: 'bench',
    dryRun: false,
    action: { kind: 'command', command: benchCommand(program, args) },
    // The bench seeds the host's record itself; this page holds no record.
    after: {},
  });
  if (!result.ok) throw new Error(result.error.message);
  return next;
}

/** Resolves once xterm has processed everything the feed was given so far. */
function flushed(feed: TerminalFeed): Promise<number> {
  return new Promise((resolve) => feed.flush(() => resolve(performance.now())));
}

async function finish(run: Current): Promise<OutputRun> {
  const { recorded, sha256 } = await run.ended;
  const end = await flushed(run.feed);
  const all = new Uint8Array(run.chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of run.chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  const digest = await crypto.subtle.digest('SHA-256', all);
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return {
    written: run.feed.bytesWritten,
    recorded,
    isSameHash: hex === sha256,
    ms: end - (run.firstAt ?? end),
    renderer,
  };
}

const bench: TerminalOutputBench = {
  useIncident(id) {
    incidentId = id;
  },
  async run(stepId, program, args) {
    return finish(await begin(stepId, program, args));
  },
  async start(stepId, program, args) {
    const run = await begin(stepId, program, args);
    // Until the first output is in the terminal.
    while (run.feed.bytesWritten === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  },
  async stop() {
    const run = current;
    if (!run) throw new Error('nothing running');
    await bridge.call('runbook:cancel', { execId: run.execId });
    return finish(run);
  },
};
window.terminalOutputBench = bench;
