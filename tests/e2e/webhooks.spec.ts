// The webhooks page, driven like an admin would: a refused URL is reported at the field, a
// webhook is created with its events and its secret is shown once (never again on the page);
// its deliveries are listed: a test event sent by a real dispatcher (the runtime's, started
// here) to a loopback receiver allowed by the organisation, refused with 500 (waiting, HTTP 500,
// next attempt), then "Retry now" → delivered, signature checked with the shown secret.
// English for the admin, French for a second admin.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { poolConfigFromUrl } from '@/prisma/database-url';
import { WebhookDispatcher } from '@/flow-runtime/webhooks/webhook-dispatcher';
import { verifySignature } from '@/flow-runtime/webhooks/webhook-signature';
import { createUser } from '@/tests/support/factories';
import { expect, test } from './support/fixtures';

// Screenshots go with the other tests' (the ones in docs/screenshots were picked from them by hand).
const shots = path.resolve(import.meta.dirname, '../../test-results/screenshots');

test('an admin creates a webhook, sees its secret once, and follows its deliveries', async ({ page, admin, signIn, prisma, snapshot }) => {
  // The receiver: refuses the first request with 500, then accepts.
  const received: { body: string; signature: string }[] = [];
  let requests = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['x-relais-signature']) });
      res.writeHead(requests++ === 0 ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await prisma.organization.update({ where: { id: admin.organizationId }, data: { outboundHttpAllow: [`127.0.0.1:${port}`] } });
  // The runtime's dispatcher (no runtime in these tests); a retry would come after a minute.
  const dispatcher = new WebhookDispatcher({ prisma, connection: poolConfigFromUrl(process.env.E2E_DATABASE_URL!), backoff: { scheduleMs: [60_000], maxAttempts: 5 }, pollMs: 1000 });
  dispatcher.start();
  try {
    await page.setViewportSize({ width: 1280, height: 720 });
    await signIn(admin);
    await page.getByRole('navigation').getByRole('link', { name: 'Webhooks' }).click();
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    await expect(page.getByText('No webhook yet.')).toBeVisible();

    // A private address is refused, said at the URL field.
    await page.getByRole('button', { name: 'New webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'New webhook' });
    await dialog.getByLabel('URL', { exact: true }).fill('http://10.1.2.3/hooks');
    await dialog.getByLabel('Description').fill('CRM call log');
    // every event is ticked for a new webhook; leave voicemails out
    await expect(dialog.getByRole('checkbox', { name: /Call ended/ })).toBeChecked();
    await dialog.getByRole('checkbox', { name: /Voicemail left/ }).uncheck();
    await dialog.getByRole('button', { name: 'Create webhook' }).click();
    await expect(dialog.getByText('address 10.1.2.3 refused: private')).toBeVisible();
    await snapshot('webhooks-dialog');
    expect(await prisma.webhookSubscription.count({ where: { organizationId: admin.organizationId } })).toBe(0);

    // The allowed loopback receiver: created, the secret shown once.
    const url = `http://127.0.0.1:${port}/relais`;
    await dialog.getByLabel('URL', { exact: true }).fill(url);
    await dialog.getByRole('button', { name: 'Create webhook' }).click();
    const created = page.getByRole('dialog', { name: 'Webhook created' });
    await expect(created).toContainText(`Signing secret of ${url}`);
    await expect(created).toContainText('Copy it now: you will not see it again.');
    const secret = await created.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await snapshot('webhooks-secret-once');
    await created.getByRole('button', { name: 'Done' }).click();
    const row = page.getByTestId('webhook-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(url);
    await expect(row).toContainText('Call started, Answered, Call ended, Callback');
    await expect(row).toContainText(`${secret.slice(0, 10)}…`);
    await expect(row).toContainText('Active');
    expect(await page.content()).not.toContain(secret);
    await page.getByText('For developers: checking a delivery').click();
    await expect(page.getByTestId('webhook-doc')).toContainText('X-Relais-Signature');
    await snapshot('webhooks-doc');

    // Its deliveries: none yet; a test event goes out, the receiver answers 500.
    await row.getByRole('link', { name: 'Deliveries' }).click();
    await expect(page.getByRole('heading', { name: `Deliveries: ${url}` })).toBeVisible();
    await expect(page.getByText('Nothing sent to this URL yet.')).toBeVisible();
    await page.getByRole('button', { name: 'Send a test event' }).click();
    await expect(page.getByText('Test event queued: it appears below within a few seconds.')).toBeVisible();
    const delivery = page.getByTestId('delivery-row');
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(delivery).toContainText('HTTP 500', { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(delivery).toContainText('Waiting');
    await expect(delivery.getByRole('cell').nth(3)).toHaveText('1');
    await snapshot('webhooks-waiting');

    // Retry now: accepted this time.
    await delivery.getByRole('button', { name: /Retry the delivery of Test/ }).click();
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(delivery).toContainText('Delivered', { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(delivery).toContainText('HTTP 200');
    await expect(delivery.getByRole('cell').nth(3)).toHaveText('2');
    expect(received).toHaveLength(2);
    expect(JSON.parse(received[1].body)).toMatchObject({ type: 'webhook.test' });
    expect(verifySignature(secret, received[1].body, received[1].signature).ok).toBe(true);
    await delivery.getByText('Show the payload').click();
    await expect(delivery).toContainText('"type": "webhook.test"');
    await page.getByLabel('Status').selectOption({ label: 'Failed' });
    await expect(page.getByText('No delivery with this status.')).toBeVisible();
    await page.getByLabel('Status').selectOption({ label: 'All' });
    await expect(delivery).toHaveCount(1);
    await page.screenshot({ path: path.join(shots, 'webhooks-deliveries-en.png') });

    // French, for another admin of the organisation.
    const hookId = page.url().split('/webhooks/')[1].split('?')[0];
    await page.locator('.user-menu summary').click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await signIn(await createUser(prisma, admin.organizationId, 'admin', 'fr'));
    await page.goto('/webhooks');
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    await expect(page.getByTestId('webhook-row')).toContainText('Appel commencé, Décroché, Appel terminé, Rappel');
    await expect(page.getByTestId('webhook-row')).toContainText('Actif');
    await page.screenshot({ path: path.join(shots, 'webhooks-list-fr.png') });
    await page.goto(`/webhooks/${hookId}`);
    await expect(page.getByRole('heading', { name: `Envois : ${url}` })).toBeVisible();
    await expect(page.getByTestId('delivery-row')).toContainText('Remis');
    await expect(page.getByRole('button', { name: 'Envoyer un événement de test' })).toBeVisible();
  } finally {
    await dispatcher.stop();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});
