// The main-process side of the IPC transport: checks who is calling and the
// message's shape, then hands it to the host's router like any other transport.
import { z } from 'zod';
import { fail, type Result } from '../../common/bridge/result';
import type { Router } from '../host/bridge-router';
import { isTrustedSender, type IpcSenderFacts } from './security';

const ipcCallSchema = z.strictObject({ channel: z.string().max(100), payload: z.unknown() });

export async function handleIpcCall(
  route: Router,
  sender: IpcSenderFacts,
  appWebContents: ReadonlySet<number>,
  message: unknown,
): Promise<Result<unknown>> {
  if (!isTrustedSender(sender, appWebContents)) return fail('forbidden', 'calls are accepted only from the app window');
  const parsed = ipcCallSchema.safeParse(message);
  if (!parsed.success) return fail('invalid-payload', 'malformed bridge call');
  return route(parsed.data.channel, parsed.data.payload);
}
