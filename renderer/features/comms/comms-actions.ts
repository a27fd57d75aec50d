// What a person does with communications: a message recorded (copied by hand)
// or queued in this device's outbox through the host, templates and channels
// saved as workspace documents, a secret set on this device only.
import type { SendMessageRequest } from '../../../common/comms/comms-bridge';
import { CHANNEL_COLLECTION, TEMPLATE_COLLECTION, type Channel, type Template } from '../../../common/comms/comms-docs';
import type { PayloadOf } from '../../../common/events/event';
import { getBridge } from '../../bridge';
import { currentWorkspace, getEventStore } from '../../db';

export type SendOutcome = { ok: true; status: 'copied' | 'queued' | 'rehearsed' } | { ok: false; message: string };

/** Sends from this window's workspace: in the exercise one the host records the message and delivers nothing. */
export async function sendMessage(request: SendMessageRequest): Promise<SendOutcome> {
  const result = await getBridge().call('comms:send', { ...request, workspace: currentWorkspace() });
  return result.ok ? { ok: true, status: result.value.status } : { ok: false, message: result.error.message };
}

/** Copies text to the clipboard; false when the browser refuses (no permission, no secure context). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function asJson(value: Template | Channel): PayloadOf<'doc.put'>['body'] {
  return JSON.parse(JSON.stringify(value)) as PayloadOf<'doc.put'>['body'];
}

export async function saveTemplate(template: Template, actor: string): Promise<void> {
  await getEventStore().append([
    {
      type: 'doc.put',
      actor,
      payload: { collection: TEMPLATE_COLLECTION, docId: template.id, body: asJson(template) },
    },
  ]);
}

export async function saveChannel(channel: Channel, actor: string): Promise<void> {
  await getEventStore().append([
    { type: 'doc.put', actor, payload: { collection: CHANNEL_COLLECTION, docId: channel.id, body: asJson(channel) } },
  ]);
}
