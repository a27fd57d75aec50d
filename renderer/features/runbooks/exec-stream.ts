// Routes the host's output events to the terminal pane of the execution they
// belong to. A window registers an execution id before asking the host to run
// it, so not one byte that arrives before the pane is ready is lost.
import type { EventPayload } from '../../../common/bridge/contract';
import { getBridge } from '../../bridge';
import { createLogger } from '../../log';

export type ExecEnded = EventPayload<'runbook:ended'>;

interface Listener {
  onData(bytes: Uint8Array): void;
  onEnded(ended: ExecEnded): void;
}

interface Slot {
  listener: Listener | null;
  /** Output and end that came before a listener attached. */
  early: Uint8Array[];
  ended: ExecEnded | null;
  nextSeq: number;
}

const log = createLogger('runbooks');
const slots = new Map<string, Slot>();
let isSubscribed = false;

function subscribe(): void {
  if (isSubscribed) return;
  isSubscribed = true;
  const bridge = getBridge();
  bridge.on('runbook:output', ({ execId, seq, data }) => {
    const slot = slots.get(execId);
    if (!slot) return;
    // Events arrive in order on one connection; a gap would mean a lost chunk, which the pane must not hide.
    if (seq !== slot.nextSeq) log.warn(`output of ${execId}: chunk ${seq} after ${slot.nextSeq - 1}`);
    slot.nextSeq = seq + 1;
    if (slot.listener) slot.listener.onData(data);
    else slot.early.push(data);
  });
  bridge.on('runbook:ended', (ended) => {
    const slot = slots.get(ended.execId);
    if (!slot) return;
    slot.ended = ended;
    slot.listener?.onEnded(ended);
  });
}

/** Call before asking the host to run: output of this execution is kept from now on. */
export function expectExec(execId: string): void {
  subscribe();
  // The pane may have attached already; its slot is the one to keep.
  if (!slots.has(execId)) slots.set(execId, { listener: null, early: [], ended: null, nextSeq: 1 });
}

/** The pane attaches; what came early is delivered at once. Returns the detach function. */
export function attachExec(execId: string, listener: Listener): () => void {
  subscribe();
  let slot = slots.get(execId);
  if (!slot) {
    slot = { listener: null, early: [], ended: null, nextSeq: 1 };
    slots.set(execId, slot);
  }
  slot.listener = listener;
  for (const bytes of slot.early.splice(0)) listener.onData(bytes);
  if (slot.ended) listener.onEnded(slot.ended);
  return () => {
    if (slot.listener === listener) slot.listener = null;
    if (slot.ended) slots.delete(execId);
  };
}

/** Tells the host how many bytes of this execution the terminal has written in all. */
export function ackExec(execId: string, bytes: number): void {
  void getBridge().call('runbook:ack-output', { execId, bytes });
}

export async function cancelExec(execId: string): Promise<boolean> {
  const result = await getBridge().call('runbook:cancel', { execId });
  return result.ok && result.value.isCancelled;
}
