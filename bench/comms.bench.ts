// Communications: how fast a template renders with every output escaped (the
// composer re-renders on each keystroke), and how many messages a host's
// outbox delivers per second to a real webhook receiver on loopback, each
// written to disk before and after it is sent.
import { performance } from 'node:perf_hooks';
import type { Channel } from '../common/comms/comms-docs';
import { emailHtml, webhookBody } from '../common/comms/format';
import { BUILT_IN_TEMPLATES } from '../common/comms/library';
import { renderTemplate } from '../common/comms/render';
import { systemClock } from '../main/services/clock';
import { Outbox } from '../main/services/comms/outbox';
import { startWebhookReceiver } from '../main/services/comms/test-receivers';
import { createLogger } from '../main/services/logger';
import { median, type Figure } from './figure';
import { withTempDir } from './support/temp-dir';

const RENDERS = 20_000;
const MESSAGES = 200;
const RUNS = 3;

function renderFigure(): Figure {
  const template = BUILT_IN_TEMPLATES.find((candidate) => candidate.id === 'builtin-customers-en')!;
  const values = {
    service: 'Web shop, Payment',
    status: 'investigating',
    startedAt: '2 Mar 2026, 10:00 CET',
    impact: 'card payments are refused <script>alert(1)</script> & some orders are stuck',
    workaround: 'pay by bank transfer or in store',
    nextUpdateAt: '2 Mar 2026, 10:30 CET',
  };
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    for (let n = 0; n < RENDERS; n += 1) {
      const { subject, text } = renderTemplate(template, values);
      const message = { messageId: 'm', subject, text };
      emailHtml(message);
      for (const kind of ['slack', 'teams', 'mattermost', 'webhook'] as const) webhookBody(kind, message);
    }
    samples.push(((performance.now() - start) * 1_000) / RENDERS);
  }
  return {
    name: 'template render + 5 escaped outputs',
    value: median(samples),
    unit: 'µs',
    // A keystroke in the composer must re-render well inside one 16 ms frame.
    target: 200,
    better: 'lower',
    note: `median of ${RUNS} runs of ${RENDERS}`,
  };
}

async function outboxFigure(): Promise<Figure> {
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const receiver = await startWebhookReceiver();
    const rate = await withTempDir('comms', async (dir) => {
      const channel: Channel = { id: 'c', name: '#incidents', kind: 'slack', secret: 'hook' };
      const outbox = new Outbox({
        dataDir: dir,
        clock: systemClock,
        logger: createLogger('bench', () => undefined),
        secret: async () => receiver.url,
        record: async () => undefined,
      });
      await outbox.start();
      const start = performance.now();
      for (let n = 0; n < MESSAGES; n += 1)
        await outbox.enqueue({
          messageId: `m-${n}`,
          incidentId: 'inc',
          actor: 'bench',
          audience: 'internal',
          channel,
          subject: `Update ${n}`,
          text: 'Checkout is down; we are on it. Next update in 20 minutes.',
        });
      while (receiver.accepted().length < MESSAGES) await outbox.idle();
      const seconds = (performance.now() - start) / 1_000;
      await outbox.close();
      return MESSAGES / seconds;
    });
    await receiver.close();
    samples.push(rate);
  }
  return {
    name: `outbox delivery, ${MESSAGES} messages to a loopback webhook`,
    value: median(samples),
    unit: 'msg/s',
    // A war-room sends tens of messages an hour; 20 per second leaves room for a burst to every channel at once.
    target: 20,
    better: 'higher',
    note: `median of ${RUNS} runs; three fsynced writes per message`,
  };
}

export default async function commsBench(): Promise<Figure[]> {
  return [renderFigure(), await outboxFigure()];
}
