// Frames of the WebSocket transport (browser mode). The Electron transport
// carries the same call and result shapes over IPC. Calls, results and events
// are JSON text frames, except command output: binary frames, so a chatty
// command costs neither base64 nor JSON on either side.
import { z } from 'zod';
import { MAX_BATCH_BYTES } from '../sync/protocol';
import { errorSchema } from './result';
import type { EventPayload } from './contract';

// A sync batch is the largest message: at most MAX_BATCH_BYTES, plus the frame around it.
export const MAX_FRAME_BYTES = MAX_BATCH_BYTES + 64 * 1024;

export const callFrameSchema = z.strictObject({
  kind: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  payload: z.unknown(),
});
export type CallFrame = z.infer<typeof callFrameSchema>;

export const resultSchema = z.union([
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: errorSchema }),
]);

export const serverFrameSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('result'), id: z.number().int().nonnegative(), result: resultSchema }),
  z.strictObject({ kind: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

/** The path the web host serves the bridge on. */
export const BRIDGE_PATH = '/bridge';

/** First byte of a binary frame: what it carries. */
const OUTPUT_FRAME = 1;
/** Tag, sequence number (4 bytes, big-endian), execution id length: then the id (ASCII) and the bytes. */
const OUTPUT_HEADER_BYTES = 6;
const MAX_EXEC_ID_BYTES = 255;

type StepOutput = EventPayload<'runbook:output'>;

/** A chunk of command output as one binary frame. */
export function encodeOutputFrame({ execId, seq, data }: StepOutput): Uint8Array {
  // Execution ids are printable ASCII (the contract says so): one byte a character.
  const id = Uint8Array.from(execId, (char) => char.charCodeAt(0));
  if (id.length > MAX_EXEC_ID_BYTES || id.some((byte) => byte < 0x21 || byte > 0x7e))
    throw new RangeError('an execution id must be printable ASCII, at most 255 characters');
  const frame = new Uint8Array(OUTPUT_HEADER_BYTES + id.length + data.length);
  const view = new DataView(frame.buffer);
  view.setUint8(0, OUTPUT_FRAME);
  view.setUint32(1, seq);
  view.setUint8(5, id.length);
  frame.set(id, OUTPUT_HEADER_BYTES);
  frame.set(data, OUTPUT_HEADER_BYTES + id.length);
  return frame;
}

/** The output a binary frame carries; null for a frame that is not one (unknown tag, truncated header, bad id). */
export function decodeOutputFrame(frame: Uint8Array): StepOutput | null {
  if (frame.length < OUTPUT_HEADER_BYTES) return null;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (view.getUint8(0) !== OUTPUT_FRAME) return null;
  const seq = view.getUint32(1);
  const idEnd = OUTPUT_HEADER_BYTES + view.getUint8(5);
  if (seq === 0 || idEnd > frame.length) return null;
  const id = frame.subarray(OUTPUT_HEADER_BYTES, idEnd);
  if (id.length === 0 || id.some((byte) => byte < 0x21 || byte > 0x7e)) return null;
  const execId = String.fromCharCode(...id);
  return { execId, seq, data: frame.subarray(idEnd) };
}
