// The outbox against a real webhook receiver and a real SMTP server on
// loopback: each receives exactly one accepted copy of each message, through
// receivers that fail twice first and across a restart with messages queued.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../../common/comms/comms-docs';
import type { EventDraft } from '../../../common/events/event';
import { FakeClock } from '../fake-clock';
import { createLogger } from '../logger';
import { backoffMs, Outbox, type NewMessage } from './outbox';
import { messageIdHeader } from './smtp-sender';
import { startSmtpReceiver, startWebhookReceiver } from './test-receivers';

let dir: string;
const logger = createLogger('outbox-test', () => undefined);
const HOSTILE = '<script>alert(1)</script> <b>bold</b> & <!channel> <@U123> [x](javascript:alert(1))';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outbox-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A port nothing listens on: the network is "down" for this receiver. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function openOutbox(clock: FakeClock, secrets: Record<string, string>, recorded: EventDraft[]) {
  return new Outbox({
    dataDir: dir,
    clock,
    logger,
    secret: async (name) => secrets[name] ?? null,
    record: async (drafts) => {
      recorded.push(...drafts);
    },
  });
}

function message(id: string, channel: Channel, text = 'Checkout is down; we are on it.'): NewMessage {
  return {
    messageId: id,
    incidentId: 'inc-1',
    actor: 'Camille',
    audience: 'customers',
    channel,
    subject: 'Checkout',
    text,
  };
}

const webhook = (kind: Channel['kind'] = 'slack'): Channel => ({ id: 'ch', name: '#incidents', kind, secret: 'hook' });

/** Moves the clock past the next backoff and waits for the attempt it starts. */
async function nextAttempt(clock: FakeClock, outbox: Outbox, failures: number) {
  await clock.advance(backoffMs(failures));
  await outbox.idle();
}

describe('webhook delivery', () => {
  it('delivers one copy through a receiver that fails twice first, and records it once', async () => {
    const receiver = await startWebhookReceiver({ failFirst: 2 });
    const clock = new FakeClock();
    const recorded: EventDraft[] = [];
    const outbox = openOutbox(clock, { hook: receiver.url }, recorded);
    await outbox.start();
    await outbox.enqueue(message('m-1', webhook()));
    await outbox.idle();
    expect(outbox.view().items[0]).toMatchObject({ status: 'queued', attempts: 1, reason: 'HTTP 503: busy' });
    await nextAttempt(clock, outbox, 1);
    await nextAttempt(clock, outbox, 2);
    expect(outbox.view().items[0]).toMatchObject({ status: 'sent', attempts: 3 });
    expect(receiver.requests).toHaveLength(3);
    expect(receiver.accepted()).toHaveLength(1);
    // Every attempt carries the same key, so a receiver can drop a repeat.
    expect(new Set(receiver.requests.map((request) => request.headers['idempotency-key']))).toEqual(new Set(['m-1']));
    expect(recorded.map((draft) => draft.type)).toEqual(['comms.message-recorded', 'comms.delivery-changed']);
    expect(recorded[1]?.payload).toMatchObject({ messageId: 'm-1', status: 'sent', attempts: 3 });
    // Nothing is left to do: more time sends nothing more.
    await clock.advance(60 * 60_000);
    await outbox.idle();
    expect(receiver.requests).toHaveLength(3);
    await outbox.close();
    await receiver.close();
  });

  it('keeps messages queued across a restart while offline, then sends each exactly once', async () => {
    const port = await closedPort();
    const clock = new FakeClock();
    const recorded: EventDraft[] = [];
    const url = `http://127.0.0.1:${port}/hook`;
    const first = openOutbox(clock, { hook: url }, recorded);
    await first.start();
    await first.enqueue(message('m-1', webhook('webhook')));
    await first.enqueue(message('m-2', webhook('webhook')));
    await first.idle();
    expect(first.view().items.map((item) => item.status)).toEqual(['queued', 'queued']);
    await first.close();

    // The network returns on the same port, with a receiver that fails twice first.
    const receiver = await startWebhookReceiver({ failFirst: 2, port });
    const second = openOutbox(clock, { hook: url }, recorded);
    await second.start();
    await second.idle();
    for (let round = 0; round < 4 && second.view().items.some((item) => item.status === 'queued'); round += 1)
      await nextAttempt(clock, second, 8);
    expect(second.view().items.map((item) => item.status)).toEqual(['sent', 'sent']);
    const accepted = receiver.accepted().map((request) => JSON.parse(request.body) as { id: string });
    expect(accepted.map((body) => body.id).sort()).toEqual(['m-1', 'm-2']);
    // One record of each message and of each delivery, whatever the restarts.
    const kinds = recorded.map((draft) => `${draft.type}:${(draft.payload as { messageId: string }).messageId}`);
    expect(kinds.sort()).toEqual([
      'comms.delivery-changed:m-1',
      'comms.delivery-changed:m-2',
      'comms.message-recorded:m-1',
      'comms.message-recorded:m-2',
    ]);
    await second.close();

    // A third start after everything went out sends nothing again.
    const third = openOutbox(clock, { hook: url }, recorded);
    await third.start();
    await third.idle();
    await clock.advance(60 * 60_000);
    await third.idle();
    expect(receiver.accepted()).toHaveLength(2);
    expect(recorded).toHaveLength(4);
    await third.close();
    await receiver.close();
  });

  it('escapes hostile template text in every webhook format', async () => {
    const receiver = await startWebhookReceiver();
    const clock = new FakeClock();
    const outbox = openOutbox(clock, { hook: receiver.url }, []);
    await outbox.start();
    for (const kind of ['slack', 'teams', 'mattermost', 'webhook'] as const)
      await outbox.enqueue(message(`m-${kind}`, webhook(kind), HOSTILE));
    await outbox.idle();
    expect(receiver.accepted()).toHaveLength(4);
    for (const [index, request] of receiver.accepted().entries()) {
      // Raw bytes: no tag, no Slack control sequence, survives a paste into a page.
      expect(request.body).not.toMatch(/<|>/);
      if (index === 3) continue;
      const parsed = JSON.parse(request.body) as Record<string, string>;
      const text = parsed.text ?? '';
      expect(text).not.toContain('<script>');
      expect(text).not.toContain('<!channel>');
    }
    const slack = JSON.parse(receiver.accepted()[0]!.body) as { text: string };
    expect(slack.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const json = JSON.parse(receiver.accepted()[3]!.body) as { text: string };
    // The generic JSON carries the text as written; its encoding keeps it inert.
    expect(json.text).toBe(HOSTILE);
    await outbox.close();
    await receiver.close();
  });

  it('fails at once on a refusal or a missing secret, with the reason, and retries on demand', async () => {
    const clock = new FakeClock();
    const recorded: EventDraft[] = [];
    const secrets: Record<string, string> = {};
    const outbox = openOutbox(clock, secrets, recorded);
    await outbox.start();
    await outbox.enqueue(message('m-1', webhook()));
    await outbox.idle();
    expect(outbox.view().items[0]).toMatchObject({
      status: 'failed',
      reason: 'the secret "hook" is not set on this device',
    });
    expect(recorded[1]?.payload).toMatchObject({ status: 'failed', attempts: 1 });
    // The secret is set on this device, then the person retries: one copy, and the record says sent.
    const receiver = await startWebhookReceiver();
    secrets.hook = receiver.url;
    await outbox.retry('m-1');
    await outbox.idle();
    expect(outbox.view().items[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(receiver.accepted()).toHaveLength(1);
    expect(recorded.map((draft) => draft.payload)).toMatchObject([
      { messageId: 'm-1' },
      { status: 'failed' },
      { status: 'sent', attempts: 2 },
    ]);
    await outbox.close();
    await receiver.close();
  });
});

describe('email delivery', () => {
  it('delivers one copy through an SMTP server that refuses twice first, across a restart', async () => {
    const port = await closedPort();
    const channel: Channel = {
      id: 'mail',
      name: 'Customers list',
      kind: 'email',
      email: { host: '127.0.0.1', port, secure: false, from: 'incident@shop.example', to: ['customers@shop.example'] },
    };
    const clock = new FakeClock();
    const recorded: EventDraft[] = [];
    const first = openOutbox(clock, {}, recorded);
    await first.start();
    await first.enqueue(message('m-mail', channel, HOSTILE));
    await first.idle();
    expect(first.view().items[0]?.status).toBe('queued');
    await first.close();

    const smtp = await startSmtpReceiver({ failFirst: 2, port });
    const second = openOutbox(clock, {}, recorded);
    await second.start();
    await second.idle();
    for (let round = 0; round < 4 && second.view().items[0]?.status === 'queued'; round += 1)
      await nextAttempt(clock, second, 8);
    expect(second.view().items[0]).toMatchObject({ status: 'sent' });
    expect(smtp.refused()).toBe(2);
    expect(smtp.mails).toHaveLength(1);
    const raw = smtp.mails[0]!.raw;
    expect(raw).toContain(`Message-ID: ${messageIdHeader('m-mail')}`);
    expect(smtp.mails[0]!.to).toEqual(['customers@shop.example']);
    // The HTML part shows the hostile text escaped, never as markup.
    const html = raw.slice(raw.indexOf('text/html'));
    expect(html).not.toMatch(/<script>|<b>/);
    expect(html).toContain('&lt;script&gt;');
    expect(recorded.filter((draft) => draft.type === 'comms.delivery-changed')).toHaveLength(1);
    await second.close();
    await smtp.close();
  });
});

describe('the outbox file', () => {
  it('refuses to start on an unreadable file rather than drop a queue', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'comms-outbox.json'), '{ not json');
    const outbox = openOutbox(new FakeClock(), {}, []);
    await expect(outbox.start()).rejects.toThrow();
    expect(await readFile(join(dir, 'comms-outbox.json'), 'utf8')).toBe('{ not json');
  });
});
