// GET/PUT /api/settings/outbound-http: the organisation's admin lists the internal hosts its
// flows' HTTP steps may reach. Entries are checked and stored canonically, a bad one is a 400
// naming it (nothing stored changes), every change is audited, other roles and organisations
// neither read nor write it, and the runtime reads the same column (tests/calls/outbound-http).
import { beforeAll, describe, expect, it } from 'vitest';
import { testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { api, createToken, signIn } from '../support/http';

type Client = ReturnType<typeof api>;
let admin: Client;
let supervisor: Client;
let outsider: Client;
let tokenAdmin: Client;
let orgId: string;
let otherOrgId: string;

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'Outbound A');
  const b = await createOrganizationWithUsers(prisma, 'Outbound B');
  orgId = a.organization.id;
  otherOrgId = b.organization.id;
  const sessions = await Promise.all([a.admin, a.supervisor, b.admin].map(signIn));
  [admin, supervisor, outsider] = sessions.map(api);
  tokenAdmin = api(await createToken(sessions[0]));
});

describe('/api/settings/outbound-http', () => {
  it('starts empty; an admin replaces the list, stored canonically and audited', async () => {
    expect((await admin.get('/api/settings/outbound-http')).body).toEqual({ allowedHosts: [] });
    const res = await admin.put('/api/settings/outbound-http', { allowedHosts: ['CRM.Internal:8080', '10.0.0.0/8', '[fd00::1]:8443', '10.1.2.3', 'crm.internal:8080'] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ allowedHosts: ['crm.internal:8080', '10.0.0.0/8', '[fd00::1]:8443', '10.1.2.3'] });
    expect((await admin.get('/api/settings/outbound-http')).body.allowedHosts).toEqual(res.body.allowedHosts);
    const prisma = testPrisma();
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: orgId } })).outboundHttpAllow).toEqual(res.body.allowedHosts);
    const audit = await prisma.auditLog.findFirst({ where: { organizationId: orgId, action: 'organization.update' }, orderBy: { createdAt: 'desc' } });
    expect(audit).toMatchObject({ entityType: 'organization', entityId: orgId, details: { setting: 'outboundHttpAllow', before: [], after: res.body.allowedHosts } });
    // an API token of an admin may change it too
    expect((await tokenAdmin.put('/api/settings/outbound-http', { allowedHosts: ['crm.internal:8080'] })).body).toEqual({ allowedHosts: ['crm.internal:8080'] });
  });

  it('a bad entry is a 400 naming it; nothing stored changes', async () => {
    const before = (await admin.get('/api/settings/outbound-http')).body.allowedHosts;
    for (const [bad, path] of [
      [['crm.internal', 'http://evil.example/'], '/allowedHosts/1'],
      [['10.0.0.0/33'], '/allowedHosts/0'],
      [['crm.internal:70000'], '/allowedHosts/0'],
      [[''], '/allowedHosts/0'],
    ] as const) {
      const res = await admin.put('/api/settings/outbound-http', { allowedHosts: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path });
    }
    const tooMany = await admin.put('/api/settings/outbound-http', { allowedHosts: Array.from({ length: 51 }, (_, i) => `h${i}.internal`) });
    expect(tooMany.status).toBe(400);
    expect((await admin.put('/api/settings/outbound-http', { hosts: [] })).status).toBe(400);
    expect((await admin.get('/api/settings/outbound-http')).body.allowedHosts).toEqual(before);
  });

  it('is for admins only, per organisation', async () => {
    expect((await supervisor.get('/api/settings/outbound-http')).status).toBe(403);
    expect((await supervisor.put('/api/settings/outbound-http', { allowedHosts: ['127.0.0.1'] })).status).toBe(403);
    expect((await api(null).get('/api/settings/outbound-http')).status).toBe(401);
    expect((await outsider.get('/api/settings/outbound-http')).body).toEqual({ allowedHosts: [] });
    expect((await outsider.put('/api/settings/outbound-http', { allowedHosts: ['10.9.9.9'] })).status).toBe(200);
    const prisma = testPrisma();
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: orgId } })).outboundHttpAllow).not.toContain('10.9.9.9');
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: otherOrgId } })).outboundHttpAllow).toEqual(['10.9.9.9']);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await api(null).get('/api/openapi.json')).body;
    expect(doc.paths['/api/settings/outbound-http'].put.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/OutboundHttpSettings');
  });
});
