// /api/webhooks: admins create (secret returned once), read, change, delete webhooks; the URL
// is checked with the outbound policy (the failing field named); deliveries are listed, a test
// event and "retry now" queue rows for the runtime; changes are audited; other roles and
// organisations neither see nor touch them; every route is in the OpenAPI document.
import { beforeAll, describe, expect, it } from 'vitest';
import { testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { api, createToken, signIn } from '../support/http';

type Client = ReturnType<typeof api>;
let admin: Client;
let supervisor: Client;
let agent: Client;
let outsider: Client;
let orgId: string;

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'Webhooks A');
  const b = await createOrganizationWithUsers(prisma, 'Webhooks B');
  orgId = a.organization.id;
  const sessions = await Promise.all([a.admin, a.supervisor, a.agent, b.admin].map(signIn));
  [admin, supervisor, agent, outsider] = sessions.map(api);
  // an admin's API token works like the session
  admin = api(await createToken(sessions[0]));
});

const body = { url: 'https://crm.example.com/relais/hooks', events: ['call.started', 'call.ended'], description: 'CRM' };

describe('/api/webhooks', () => {
  it('creates a webhook: the secret is in the answer once, then only its prefix; audited', async () => {
    const res = await admin.post('/api/webhooks', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ url: body.url, events: body.events, description: 'CRM', active: true });
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(res.body.secretPrefix).toBe(res.body.secret.slice(0, 10));
    const read = await admin.get(`/api/webhooks/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty('secret');
    expect(JSON.stringify(read.body)).not.toContain(res.body.secret);
    const list = await admin.get('/api/webhooks');
    const listed = list.body.webhooks.find((w: { id: string }) => w.id === res.body.id);
    expect(listed).toMatchObject({ url: body.url, failedCount: 0, pendingCount: 0 });
    expect(JSON.stringify(list.body)).not.toContain(res.body.secret);
    const audit = await testPrisma().auditLog.findFirst({ where: { organizationId: orgId, action: 'webhook.create', entityId: res.body.id } });
    expect(audit?.details).toMatchObject({ url: body.url, events: body.events });
    expect(JSON.stringify(audit?.details)).not.toContain(res.body.secret);
  });

  it('refuses bad input naming the field; nothing is created', async () => {
    const before = (await admin.get('/api/webhooks')).body.webhooks.length;
    for (const [bad, path] of [
      [{ ...body, url: 'ftp://crm.example.com/x' }, '/url'],
      [{ ...body, url: 'not a url' }, '/url'],
      [{ ...body, url: 'http://127.0.0.1:8080/hooks' }, '/url'],
      [{ ...body, url: 'http://10.1.2.3/hooks' }, '/url'],
      [{ ...body, url: 'http://localhost/hooks' }, '/url'],
      [{ ...body, url: 'https://user:pw@crm.example.com/hooks' }, '/url'],
      [{ ...body, events: [] }, '/events'],
      [{ ...body, events: ['call.exploded'] }, '/events/0'],
      [{ ...body, events: ['call.started', 'call.started'] }, '/events'],
      [{ url: body.url }, '/events'],
      [{ ...body, secret: 'mine' }, '/secret'],
      [{ ...body, description: 'x'.repeat(201) }, '/description'],
    ] as const) {
      const res = await admin.post('/api/webhooks', bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error, JSON.stringify(bad)).toMatchObject({ code: 'VALIDATION_FAILED', path });
    }
    const loopback = await admin.post('/api/webhooks', { ...body, url: 'http://127.0.0.1:8080/hooks' });
    expect(loopback.body.error.message).toBe('/url: address 127.0.0.1 refused: loopback');
    expect((await admin.get('/api/webhooks')).body.webhooks).toHaveLength(before);
  });

  it("an internal URL is accepted once the organisation's outbound allow-list names it", async () => {
    await admin.put('/api/settings/outbound-http', { allowedHosts: ['127.0.0.1:8080'] });
    try {
      const res = await admin.post('/api/webhooks', { ...body, url: 'http://127.0.0.1:8080/hooks' });
      expect(res.status).toBe(201);
      expect((await admin.post('/api/webhooks', { ...body, url: 'http://127.0.0.1:9090/hooks' })).status).toBe(400);
      await admin.delete(`/api/webhooks/${res.body.id}`);
    } finally {
      await admin.put('/api/settings/outbound-http', { allowedHosts: [] });
    }
  });

  it('changes fields with PATCH (URL checked again), audited with before and after; deletes', async () => {
    const { body: hook } = await admin.post('/api/webhooks', body);
    const res = await admin.patch(`/api/webhooks/${hook.id}`, { active: false, events: ['voicemail.created'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ active: false, events: ['voicemail.created'], url: body.url, secretPrefix: hook.secretPrefix });
    const bad = await admin.patch(`/api/webhooks/${hook.id}`, { url: 'http://192.168.1.1/' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('/url');
    expect((await admin.patch(`/api/webhooks/${hook.id}`, {})).status).toBe(400);
    const audit = await testPrisma().auditLog.findFirst({ where: { action: 'webhook.update', entityId: hook.id }, orderBy: { createdAt: 'desc' } });
    expect(audit?.details).toMatchObject({ changes: { active: { before: true, after: false }, events: { before: body.events, after: ['voicemail.created'] } } });
    expect((await admin.delete(`/api/webhooks/${hook.id}`)).status).toBe(204);
    expect((await admin.get(`/api/webhooks/${hook.id}`)).status).toBe(404);
    expect(await testPrisma().auditLog.count({ where: { action: 'webhook.delete', entityId: hook.id } })).toBe(1);
  });

  it('lists deliveries newest first with their status; test event and retry now queue them; paging and filters', async () => {
    const prisma = testPrisma();
    const { body: hook } = await admin.post('/api/webhooks', body);
    const test = await admin.post(`/api/webhooks/${hook.id}/test`);
    expect(test.status).toBe(202);
    expect(test.body).toMatchObject({ webhookId: hook.id, event: 'webhook.test', status: 'pending', attempts: 0 });
    expect(test.body.payload).toMatchObject({ id: test.body.eventId, type: 'webhook.test', organizationId: orgId });
    // a failed delivery, as the runtime leaves it after its last attempt
    const failed = await prisma.webhookDelivery.create({
      data: {
        organizationId: orgId, subscriptionId: hook.id, eventId: 'evt_failed', event: 'call.ended', payload: { id: 'evt_failed' }, status: 'failed',
        attempts: 8, lastStatus: 500, lastError: 'HTTP 500: boom', nextAttemptAt: null, createdAt: new Date(Date.now() - 60_000),
      },
    });
    const list = await admin.get(`/api/webhooks/${hook.id}/deliveries`);
    expect(list.status).toBe(200);
    expect(list.body.deliveries.map((d: { id: string }) => d.id)).toEqual([test.body.id, failed.id]);
    expect(list.body.deliveries[1]).toMatchObject({ status: 'failed', attempts: 8, lastStatus: 500, lastError: 'HTTP 500: boom', nextAttemptAt: null });
    expect((await admin.get('/api/webhooks')).body.webhooks.find((w: { id: string }) => w.id === hook.id)).toMatchObject({ failedCount: 1, pendingCount: 1 });
    const onlyFailed = await admin.get(`/api/webhooks/${hook.id}/deliveries?status=failed`);
    expect(onlyFailed.body.deliveries.map((d: { id: string }) => d.id)).toEqual([failed.id]);
    const first = await admin.get(`/api/webhooks/${hook.id}/deliveries?limit=1`);
    expect(first.body.nextCursor).toBe(test.body.id);
    const second = await admin.get(`/api/webhooks/${hook.id}/deliveries?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ deliveries: [{ id: failed.id }], nextCursor: null });
    expect((await admin.get(`/api/webhooks/${hook.id}/deliveries?status=lost`)).body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/status' });
    expect((await admin.get(`/api/webhooks/${hook.id}/deliveries?limit=0`)).body.error).toMatchObject({ path: '/limit' });
    expect((await admin.get(`/api/webhooks/${hook.id}/deliveries?cursor=nope`)).body.error).toMatchObject({ path: '/cursor' });

    const retried = await admin.post(`/api/webhook-deliveries/${failed.id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ id: failed.id, status: 'pending', attempts: 8 });
    const row = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: failed.id } });
    expect(row.status).toBe('pending');
    expect(Math.abs(row.nextAttemptAt!.getTime() - Date.now())).toBeLessThan(10_000);
    expect(await prisma.auditLog.count({ where: { action: 'webhook.command', entityId: hook.id } })).toBe(2);
  });

  it('is for admins only, per organisation (others answer 403, 404)', async () => {
    const { body: hook } = await admin.post('/api/webhooks', body);
    const delivery = (await admin.post(`/api/webhooks/${hook.id}/test`)).body;
    for (const who of [supervisor, agent]) {
      expect((await who.get('/api/webhooks')).status).toBe(403);
      expect((await who.post('/api/webhooks', body)).status).toBe(403);
      expect((await who.get(`/api/webhooks/${hook.id}/deliveries`)).status).toBe(403);
    }
    expect((await api(null).get('/api/webhooks')).status).toBe(401);
    expect((await outsider.get('/api/webhooks')).body.webhooks).toEqual([]);
    expect((await outsider.get(`/api/webhooks/${hook.id}`)).status).toBe(404);
    expect((await outsider.patch(`/api/webhooks/${hook.id}`, { active: false })).status).toBe(404);
    expect((await outsider.delete(`/api/webhooks/${hook.id}`)).status).toBe(404);
    expect((await outsider.get(`/api/webhooks/${hook.id}/deliveries`)).status).toBe(404);
    expect((await outsider.post(`/api/webhooks/${hook.id}/test`)).status).toBe(404);
    expect((await outsider.post(`/api/webhook-deliveries/${delivery.id}/retry`)).status).toBe(404);
    expect((await admin.get(`/api/webhooks/${hook.id}`)).body.active).toBe(true);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await api(null).get('/api/openapi.json')).body;
    expect(doc.paths['/api/webhooks'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/WebhookInput');
    expect(doc.paths['/api/webhooks'].post.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/WebhookCreated');
    expect(doc.paths['/api/webhooks/{id}'].patch.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/WebhookPatch');
    for (const path of ['/api/webhooks/{id}/deliveries', '/api/webhooks/{id}/test', '/api/webhook-deliveries/{id}/retry']) expect(doc.paths).toHaveProperty([path]);
    expect(doc.components.schemas.WebhookInput.properties.events.items.enum).toContain('callback.requested');
  });
});
