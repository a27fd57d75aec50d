// Frames of the WebSocket transport (browser mode). The Electron transport
// carries the same call and result shapes over IPC.
import { z } from 'zod';
import { MAX_BATCH_BYTES } from '../sync/protocol';
import { errorSchema } from './result';

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
