// Browser protections (issue 12, finding 5): every page carries a nonce-based
// Content-Security-Policy and frame protection, no answer says `X-Powered-By`, and a write made
// with the session cookie must carry the admin's Origin (API tokens need none).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, testPrisma } from '../support/context';
import { createOrganizationWithUsers, type TestUser } from '../support/factories';
import { api, createToken, signIn } from '../support/http';
import { emptyFlowDocument } from '@/app/lib/flows/empty-flow-document';

let admin: TestUser;
let cookie: string;
/** Every page route of the admin, with its dynamic segments filled with real objects. */
let pages: string[];

/** The page routes as the App Router sees them: app/**\/page.tsx, route groups dropped. */
function pageRoutes(): string[] {
  const appDir = path.resolve(import.meta.dirname, '../../app');
  const routes: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name === 'api' || entry.name.startsWith('_')) continue;
        walk(path.join(dir, entry.name), /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name]);
      } else if (entry.name === 'page.tsx') {
        routes.push(`/${segments.join('/')}`);
      }
    }
  };
  walk(appDir, []);
  return routes.sort();
}

beforeAll(async () => {
  const prisma = testPrisma();
  const org = await createOrganizationWithUsers(prisma, 'Headers');
  admin = org.admin;
  ({ cookie } = await signIn(admin));
  const organizationId = org.organization.id;
  const flow = await prisma.flow.create({ data: { organizationId, name: 'Accueil' } });
  await prisma.flowVersion.create({ data: { organizationId, flowId: flow.id, status: 'draft', document: emptyFlowDocument('Accueil', 'fr') as object } });
  const calendar = await prisma.calendar.create({ data: { organizationId, name: 'Horaires' } });
  const group = await prisma.queueGroup.create({ data: { organizationId, name: 'Ventes' } });
  const list = await prisma.forbiddenList.create({ data: { organizationId, name: 'Surtaxés' } });
  const call = await prisma.call.create({ data: { organizationId, sipCallId: 'headers-call', entryNumber: '+33199000001', callee: '+33199000001', flowId: flow.id } });
  const webhook = await prisma.webhookSubscription.create({ data: { organizationId, url: 'https://example.com/hook', secret: 'whsec_headers', events: ['call.ended'] } });
  const ids: Record<string, string> = { flows: flow.id, calendars: calendar.id, groups: group.id, 'forbidden-destinations': list.id, calls: call.id, webhooks: webhook.id };
  pages = pageRoutes().map((route) => route.replace(/^\/([^/]+)\/\[id\]/, (_, resource: string) => {
    if (!ids[resource]) throw new Error(`no object to open ${route} with: add one to this test`);
    return `/${resource}/${ids[resource]}`;
  }).replace('[number]', '1'));
});

const frameAndSniffing = (headers: Headers) => {
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-powered-by')).toBeNull();
  expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
};

describe('pages', () => {
  it('finds the admin pages to check', () => {
    expect(pages.length).toBeGreaterThanOrEqual(20);
    expect(pages).toContain('/sounds');
    expect(pages.some((p) => /^\/flows\/[^/]+\/edit$/.test(p))).toBe(true);
  });

  it('serves every page with a strict nonce CSP, frame protection and no X-Powered-By', async () => {
    for (const page of pages) {
      const res = await fetch(`${baseUrl()}${page}`, { headers: { cookie }, redirect: 'manual' });
      expect([200, 307], `${page}: ${res.status}`).toContain(res.status);
      frameAndSniffing(res.headers);
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('permissions-policy')).toContain('microphone=(self)');
      expect(res.headers.get('permissions-policy')).toContain('camera=()');
      const policy = res.headers.get('content-security-policy')!;
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(policy)?.[1];
      expect(nonce, `${page}: ${policy}`).toBeTruthy();
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(policy).not.toContain('unsafe-eval');
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("base-uri 'self'");
      expect(policy).toContain("media-src 'self' blob:");
      expect(policy).toContain("img-src 'self' data: blob:");
      if (res.status === 200) {
        // Next put the nonce on every script it emitted, or the page would not run.
        const html = await res.text();
        const scripts = html.match(/<script\b[^>]*>/g) ?? [];
        expect(scripts.length, page).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag, `${page}: ${tag}`).toContain(`nonce="${nonce}"`);
      } else {
        await res.body?.cancel();
      }
    }
  });

  it('uses a new nonce on every request', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${baseUrl()}/flows`, { headers: { cookie } });
      await res.text();
      nonces.add(/'nonce-([^']+)'/.exec(res.headers.get('content-security-policy')!)![1]);
    }
    expect(nonces.size).toBe(3);
  });

  it('protects the sign-in page and an unknown page when signed out', async () => {
    for (const page of ['/sign-in', '/no-such-page']) {
      const res = await fetch(`${baseUrl()}${page}`, { redirect: 'manual' });
      await res.text();
      frameAndSniffing(res.headers);
      expect(res.headers.get('content-security-policy')).toMatch(/'nonce-[^']+' 'strict-dynamic'/);
    }
  });
});

describe('API and static answers', () => {
  it('carry nosniff, frame protection and no X-Powered-By', async () => {
    const res = await fetch(`${baseUrl()}/api/flows`, { headers: { cookie } });
    expect(res.status).toBe(200);
    await res.json();
    frameAndSniffing(res.headers);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");

    const unauthenticated = await fetch(`${baseUrl()}/api/flows`);
    expect(unauthenticated.status).toBe(401);
    await unauthenticated.json();
    frameAndSniffing(unauthenticated.headers);

    const html = await (await fetch(`${baseUrl()}/sign-in`)).text();
    const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1];
    const script = await fetch(`${baseUrl()}${chunk}`);
    expect(script.status).toBe(200);
    await script.arrayBuffer();
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(script.headers.get('x-powered-by')).toBeNull();
  });
});

describe('Origin of writes', () => {
  const postFlow = (name: string, headers: Record<string, string>) =>
    fetch(`${baseUrl()}/api/flows`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name }) });
  const flowsNamed = (name: string) => testPrisma().flow.count({ where: { organizationId: admin.organizationId, name } });

  it('refuses a cookie write without Origin, with a foreign one or with "null", and changes nothing', async () => {
    for (const [name, origin] of [['No origin', undefined], ['Foreign origin', 'https://evil.example'], ['Null origin', 'null'], ['Other port', 'http://127.0.0.1:1']] as const) {
      const res = await postFlow(name, { cookie, ...(origin ? { origin } : {}) });
      expect(res.status, name).toBe(403);
      const body = await res.json();
      expect(body.error.code).toBe('ORIGIN_REFUSED');
      expect(body.error.message).toMatch(/Origin/);
      expect(await flowsNamed(name)).toBe(0);
    }
  });

  it('refuses a cookie delete without Origin', async () => {
    const created = await api({ cookie }).post('/api/flows', { name: 'Kept' });
    expect(created.status).toBe(201);
    const res = await fetch(`${baseUrl()}/api/flows/${created.body.id}`, { method: 'DELETE', headers: { cookie } });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('ORIGIN_REFUSED');
    expect((await api({ cookie }).get(`/api/flows/${created.body.id}`)).status).toBe(200);
  });

  it('accepts a cookie write from the admin’s own origin', async () => {
    const res = await postFlow('Same origin', { cookie, origin: baseUrl() });
    expect(res.status).toBe(201);
    expect(await flowsNamed('Same origin')).toBe(1);
  });

  it('lets cookie reads through without Origin', async () => {
    const res = await fetch(`${baseUrl()}/api/flows`, { headers: { cookie } });
    expect(res.status).toBe(200);
    await res.json();
  });

  it('accepts an API-token write without Origin', async () => {
    const { token } = await createToken({ cookie });
    const res = await postFlow('Token write', { authorization: `Bearer ${token}` });
    expect(res.status).toBe(201);
    expect(await flowsNamed('Token write')).toBe(1);
  });

  it('applies the same rule to better-auth’s own endpoints', async () => {
    // Signing out with the cookie but no Origin: refused by better-auth, the session lives on.
    const { cookie: other } = await signIn(admin);
    const signOut = await fetch(`${baseUrl()}/api/auth/sign-out`, { method: 'POST', headers: { cookie: other, 'content-type': 'application/json' }, body: '{}' });
    expect(signOut.status).toBe(403);
    await signOut.text();
    expect((await fetch(`${baseUrl()}/api/flows`, { headers: { cookie: other } })).status).toBe(200);

    // A browser signing in (fetch metadata present) without Origin or from another site: refused.
    const signInBody = JSON.stringify({ email: admin.email, password: admin.password });
    const browserAttempts: Record<string, string>[] = [
      { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' },
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', origin: 'https://evil.example' },
    ];
    for (const headers of browserAttempts) {
      const res = await fetch(`${baseUrl()}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: signInBody });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.getSetCookie().some((c) => c.includes('session_token='))).toBe(false);
      await res.text();
    }
    // The same browser sign-in from the admin's own page works.
    const ok = await fetch(`${baseUrl()}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', origin: baseUrl() },
      body: signInBody,
    });
    expect(ok.status).toBe(200);
    await ok.text();
  });
});
