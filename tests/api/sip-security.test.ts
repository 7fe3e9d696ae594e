// GET /api/sip-security and the agents page section: admins see the failed SIP authentications
// and bans the runtime's registrar stored (SipAuthThrottle) for their agents and for scanners of
// unknown usernames; other roles get 403; other organisations' agents stay hidden.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { api, signIn } from '../support/http';

type Client = ReturnType<typeof api>;
let admin: Client;
let supervisor: Client;
let outsider: Client;
let adminCookie: string;
const tag = randomBytes(3).toString('hex');
const ours = `127.0.9.${parseInt(tag.slice(0, 2), 16)}`;

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'SipSec A');
  const b = await createOrganizationWithUsers(prisma, 'SipSec B');
  const sessions = await Promise.all([a.admin, a.supervisor, b.admin].map(signIn));
  adminCookie = sessions[0].cookie;
  [admin, supervisor, outsider] = sessions.map(api);
  const now = Date.now();
  const row = (kind: string, key: string, organizationId: string | null, bannedUntil: Date | null, lastUsername: string, lastAddress: string) => ({
    kind, key, organizationId, failures: 10, refused: 191, bannedUntil, lastUsername, lastAddress,
    firstFailureAt: new Date(now - 60_000), lastFailureAt: new Date(now - 1_000),
  });
  await prisma.sipAuthThrottle.createMany({
    data: [
      row('address', ours, a.organization.id, new Date(now + 900_000), `carol-${tag}`, ours),
      row('user', `carol-${tag}`, a.organization.id, null, `carol-${tag}`, ours),
      row('address', `127.0.8.${parseInt(tag.slice(2, 4), 16)}`, null, null, `admin-${tag}`, '127.0.8.1'),
      row('user', `dave-${tag}`, b.organization.id, new Date(now + 900_000), `dave-${tag}`, '127.0.7.1'),
    ],
  });
});

describe('GET /api/sip-security', () => {
  it('lists the organisation\'s failures and bans, bans first, and scanners of unknown users', async () => {
    const res = await admin.get('/api/sip-security');
    expect(res.status).toBe(200);
    const keys = res.body.entries.map((e: { key: string }) => e.key);
    expect(keys).toContain(ours);
    expect(keys).toContain(`carol-${tag}`);
    expect(keys).not.toContain(`dave-${tag}`);
    expect(res.body.entries.some((e: { lastUsername: string }) => e.lastUsername === `admin-${tag}`)).toBe(true);
    const banned = res.body.entries.find((e: { key: string }) => e.key === ours);
    expect(banned).toMatchObject({ kind: 'address', failures: 10, refused: 191, banned: true, lastUsername: `carol-${tag}` });
    expect(res.body.entries[0].banned).toBe(true);
    expect(res.body.activeBans).toBeGreaterThanOrEqual(1);
  });

  it('is for admins only, and hides other organisations\' agents', async () => {
    expect((await supervisor.get('/api/sip-security')).status).toBe(403);
    expect((await api(null).get('/api/sip-security')).status).toBe(401);
    const other = await outsider.get('/api/sip-security');
    expect(other.body.entries.map((e: { key: string }) => e.key)).not.toContain(`carol-${tag}`);
    expect(other.body.entries.map((e: { key: string }) => e.key)).toContain(`dave-${tag}`);
  });

  it('shows the ban on the agents page to admins only', async () => {
    const page = await api({ cookie: adminCookie }).get<string>('/agents');
    expect(page.status).toBe(200);
    // (the message texts travel to every page in the client bundle: look at the rendered section)
    expect(page.body).toContain('data-testid="sip-security"');
    expect(page.body).toContain('<h2 id="sip-security-title">Phone sign-in attempts</h2>');
    expect(page.body).toContain(ours);
    expect(page.body).toMatch(/Banned until/);
    const asSupervisor = await supervisor.get<string>('/agents');
    expect(asSupervisor.status).toBe(200);
    expect(asSupervisor.body).not.toContain('data-testid="sip-security"');
    expect(asSupervisor.body).not.toContain(ours);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await api(null).get('/api/openapi.json')).body;
    expect(doc.paths['/api/sip-security'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/SipSecurity');
  });
});
