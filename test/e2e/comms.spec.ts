// Communications through the real UI in browser mode: a channel whose webhook
// address is a secret of this device, a message composed from a built-in
// template with a live preview that names every empty variable, sent to a
// webhook receiver the test starts, delivered once, with its record in the
// timeline; hostile text stays text; the same in French.
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { startWebhookReceiver, type WebhookReceiver } from '../../main/services/comms/test-receivers';
import { CommsPage } from './pages/comms';
import { RunbooksPage } from './pages/runbooks';
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
  await comms.composer.scrollIntoViewIfNeeded();
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
  await page.getByTestId('composer-close').click();
  await comms.messageEntries('sent').scrollIntoViewIfNeeded();
  await screenshot(page, 'comms-incident');

  // Copy by hand: the clipboard holds the text, the timeline records it, the status page shows it.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await comms.compose('status-page');
  await comms.fill('impact', 'checkout fails <script>alert(2)</script>');
  await comms.fill('workaround', 'pay in store');
  await page.getByTestId('composer-copy').click();
  await expect(page.getByTestId('composer-notice')).toHaveText('Copied to the clipboard and recorded in the timeline.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
    'checkout fails <script>alert(2)</script>',
  );
  await expect(page.locator('[data-testid="comms-message"][data-status="copied"]')).toHaveCount(1, FIRST_HOST_WRITE);
  expect(receiver.requests).toHaveLength(1);

  await comms.openScreen();
  const item = page.getByTestId('outbox-item');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-status', 'sent');
  await screenshot(page, 'comms-outbox');

  await page.getByTestId('comms-tab-statusPage').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('status-page-export').click()]);
  const html = await readFile((await download.path())!, 'utf8');
  expect(html).toContain('checkout fails &lt;script&gt;alert(2)&lt;/script&gt;');
  expect(html).not.toMatch(/<script/i);
  // What went to customers only is not public.
  expect(html).not.toContain('order by phone');
});

test('a template written for the workspace is offered in the composer, its unknown variables flagged', async ({
  warroom,
}) => {
  const { ui, session } = warroom;
  const page = session.page;
  const comms = new CommsPage(page);
  await comms.openScreen();
  await page.getByTestId('comms-tab-templates').click();
  await page.getByTestId('template-new').click();
  await page.getByTestId('template-name').fill('Board call notice');
  await page.getByTestId('template-audience').selectOption('executives');
  await page.getByTestId('template-subject').fill('{{title}}: board call');
  await page.getByTestId('template-body').fill('<b>{{title}}</b> hurts {{service}}. Dial-in: {{dialIn}}.');
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-item').filter({ hasText: 'Board call notice' })).toBeVisible();

  await page.getByTestId('nav-dashboard').click();
  await ui.declare({ title: 'Payment gateway down', severity: 'SEV1', kind: 'technical-failure' });
  await comms.compose('executives');
  const template = page.getByTestId('composer-template');
  const option = template.locator('option').filter({ hasText: 'Board call notice' });
  await template.selectOption((await option.getAttribute('value')) ?? '');
  await expect(comms.preview).toContainText('<b>Payment gateway down</b> hurts [service]. Dial-in: {{dialIn}}.');
  await expect(page.getByTestId('composer-unknown')).toHaveText('Unknown variables, left as typed: dialIn');
  await expect(comms.emptyWarning).toHaveText('1 variable is empty: Affected service');
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

    // A runbook's "send a communication" step opens the composer on its audience.
    const run = await new RunbooksPage(page).start('site-down');
    await run.getByTestId('step-compose').first().click();
    await expect(page.getByTestId('composer-audience')).toHaveValue('status-page');
    await expect(page.getByTestId('composer-template')).toHaveValue('builtin-status-page-fr');
    await page.getByTestId('composer-close').click();

    await comms.compose('internal');
    await expect(comms.preview).toContainText('Incident SEV2 : Caisses en panne');
    await expect(comms.emptyWarning).toContainText('Service touché');
    await comms.fill('impact', 'les caisses des magasins refusent les cartes');
    await comms.fill('workaround', 'encaisser en espèces');
    await comms.fill('actions', 'redémarrage des terminaux');
    await comms.composer.scrollIntoViewIfNeeded();
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
    await page.getByTestId('composer-close').click();
    await comms.messageEntries('sent').scrollIntoViewIfNeeded();
    await screenshot(page, 'comms-incident-fr');
  });
});
