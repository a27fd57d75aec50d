// Communications through the real UI in browser mode: a channel whose webhook
// address is a secret of this device, a message composed from a built-in
// template with a live preview that names every empty variable, sent to a
// webhook receiver the test starts, delivered once, with its record in the
// timeline; hostile text stays text; the same in French.
import { expect, test } from './fixtures';
import { startWebhookReceiver, type WebhookReceiver } from '../../main/services/comms/test-receivers';
import { CommsPage } from './pages/comms';
import { screenshot } from './screenshot';

test.describe.configure({ timeout: 120_000 });
// The host opens its store (PGlite) on first use; the first write may wait for it.
const FIRST_HOST_WRITE = { timeout: 60_000 };
const HOSTILE = '<img src=x onerror=alert(1)><script>alert(1)</script> payment <b>refused</b>';

let receiver: WebhookReceiver;
test.beforeEach(async () => {
  // Retries and restarts are proven against real receivers in main/services/comms/outbox.test.ts.
  receiver = await startWebhookReceiver();
});
test.afterEach(async () => {
  await receiver.close();
});

test('composes from a template, previews it, sends it to a webhook once and records it', async ({ warroom }) => {
  const { ui, session } = warroom;
  const page = session.page;
  const comms = new CommsPage(page);
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });

  await comms.addWebhookChannel('#incidents', 'slack', 'slack-incidents', receiver.url);
  await page.getByTestId('nav-dashboard').click();
  await ui.declare({ title: 'Checkout down', severity: 'SEV1', kind: 'technical-failure' });
  // A SEV1 owes the status page its first message within 5 minutes.
  await expect(comms.due('status-page')).toContainText('Status page in 4:');
  await expect(comms.due('executives')).toBeVisible();

  await comms.compose('customers');
  await expect(comms.preview).toContainText('Service disruption:');
  // No service was named when declaring, and nothing typed yet: the composer says which are empty.
  await expect(comms.emptyWarning).toContainText('Affected service');
  await expect(comms.emptyWarning).toContainText('Impact');
  await comms.fill('impact', HOSTILE);
  await comms.fill('workaround', 'order by phone on 01 23 45 67 89');
  await expect(comms.preview).toContainText(HOSTILE);
  await expect(comms.emptyWarning).not.toContainText('Impact');
  await screenshot(page, 'comms-composer');

  await comms.sendThrough('#incidents');
  await expect(page.getByTestId('composer-notice')).toHaveText('Recorded and queued in the outbox.', FIRST_HOST_WRITE);
  await expect(comms.messageEntries('sent')).toHaveCount(1, FIRST_HOST_WRITE);
  await expect(comms.messageEntries('recorded')).toContainText('Message to Customers through #incidents');
  await expect(comms.messageEntries('recorded')).toContainText(HOSTILE);
  await expect(page.getByTestId('comms-message').first()).toHaveAttribute('data-status', 'sent');
  // The customers' countdown now counts from this message.
  await expect(comms.due('customers')).toContainText('Customers in 29:');

  expect(receiver.accepted()).toHaveLength(1);
  const body = receiver.accepted()[0]!.body;
  expect(body).not.toMatch(/[<>]/);
  expect((JSON.parse(body) as { text: string }).text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(dialogs).toBe(0);
  await screenshot(page, 'comms-incident');

  await comms.openScreen();
  const item = page.getByTestId('outbox-item');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-status', 'sent');
  await screenshot(page, 'comms-outbox');
});

test.describe('in French', () => {
  test.use({ lang: 'fr_FR.UTF-8' });

  test('composes and sends in French, and the timeline says so', async ({ warroom }) => {
    const { ui, session } = warroom;
    const page = session.page;
    const comms = new CommsPage(page);
    await comms.addWebhookChannel('Canal incidents', 'mattermost', 'mm-incidents', receiver.url);
    await page.getByTestId('nav-dashboard').click();
    await ui.declare({ title: 'Caisses en panne', severity: 'SEV2', kind: 'technical-failure' });
    await expect(comms.due('internal')).toContainText('Équipes internes dans 14:');

    await comms.compose('internal');
    await expect(comms.preview).toContainText('Incident SEV2 : Caisses en panne');
    await expect(comms.emptyWarning).toContainText('Service touché');
    await comms.fill('impact', 'les caisses des magasins refusent les cartes');
    await comms.fill('workaround', 'encaisser en espèces');
    await comms.fill('actions', 'redémarrage des terminaux');
    await screenshot(page, 'comms-composer-fr');
    await comms.sendThrough('Canal incidents');
    await expect(page.getByTestId('composer-notice')).toHaveText(
      'Enregistré et mis en file dans la boîte d’envoi.',
      FIRST_HOST_WRITE,
    );
    await expect(comms.messageEntries('sent')).toContainText(
      'Message pour Équipes internes remis par Canal incidents',
      FIRST_HOST_WRITE,
    );
    expect(receiver.accepted()).toHaveLength(1);
    await screenshot(page, 'comms-incident-fr');
  });
});
