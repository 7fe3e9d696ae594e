// Issue 12, finding 4: inputs that used to answer 500 now answer 400 naming the field (JSON
// pointer), and change nothing stored: a `null` (or array, number) body, the NUL character
// (PostgreSQL refuses it in text), an unpaired UTF-16 surrogate, and a 10,000-level nested
// object (it overflowed the stack of recursive walks). Checked once in the shared JSON reader
// (app/lib/api/validate-body.ts, json-guard.ts), so every route gets it.
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganizationWithUsers } from '../support/factories';
import { testPrisma } from '../support/context';
import { api, signIn } from '../support/http';

type Client = ReturnType<typeof api>;
let admin: Client;
let organizationId: string;
let flowId: string;
let draftBefore: { revision: number; document: { nodes: Record<string, unknown>[] } };

beforeAll(async () => {
  const org = await createOrganizationWithUsers(testPrisma(), 'Hostile bodies');
  organizationId = org.organization.id;
  admin = api(await signIn(org.admin));
  const flow = await admin.post('/api/flows', { name: 'Hostile' });
  expect(flow.status).toBe(201);
  flowId = flow.body.id;
  draftBefore = (await admin.get(`/api/flows/${flowId}/draft`)).body;
});

/** `{"a":{"a":…"bottom"…}}` as JSON text (JSON.stringify itself overflows at this depth). */
function deeplyNested(levels: number): string {
  return '{"a":'.repeat(levels) + '"bottom"' + '}'.repeat(levels);
}

/** JSON text of `value` where the string "@@SLOT@@" is replaced by raw JSON text. */
function jsonWith(value: unknown, raw: string): string {
  const text = JSON.stringify(value);
  expect(text).toContain('"@@SLOT@@"');
  return text.replace('"@@SLOT@@"', () => raw);
}

async function expectDraftUnchanged() {
  const draft = await admin.get(`/api/flows/${flowId}/draft`);
  expect(draft.body.revision).toBe(draftBefore.revision);
  expect(draft.body.document).toEqual(draftBefore.document);
}

const groupCount = () => testPrisma().queueGroup.count({ where: { organizationId } });

describe('bodies that are not JSON objects', () => {
  it.each([
    ['POST', '/api/flows'],
    ['PUT', '/api/flows/{flow}/draft'],
    ['POST', '/api/flows/{flow}/publish'],
    ['POST', '/api/numbers'],
    ['PATCH', '/api/flows/{flow}'],
  ])('%s %s with a null body answers 400 at the body', async (method, template) => {
    const path = template.replace('{flow}', () => flowId);
    const send = { POST: admin.post, PUT: admin.put, PATCH: admin.patch }[method as 'POST' | 'PUT' | 'PATCH'];
    for (const body of ['null', '[]', '42', '"text"']) {
      const res = await send(path, body);
      expect(res.status, `${body} → ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'INVALID_JSON', path: '' });
      expect(res.body.error.message).toMatch(/must be a JSON object/);
    }
    await expectDraftUnchanged();
    expect((await admin.get(`/api/flows/${flowId}/versions`)).body.versions ?? []).toHaveLength(0);
  });
});

describe('text PostgreSQL cannot store, or that is not Unicode', () => {
  it('refuses a NUL character in a name with its field, and stores nothing', async () => {
    const before = await groupCount();
    const res = await admin.post('/api/groups', { name: 'Ventes\u0000' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/name', problems: [{ code: 'text.nul', path: '/name' }] });
    expect(await groupCount()).toBe(before);

    const rename = await admin.patch(`/api/flows/${flowId}`, { name: 'Accueil\u0000bis' });
    expect(rename.status).toBe(400);
    expect(rename.body.error.path).toBe('/name');
    expect((await admin.get(`/api/flows/${flowId}`)).body.name).toBe('Hostile');
  });

  it('refuses a lone surrogate with its field (raw JSON text "\\ud83d")', async () => {
    const before = await groupCount();
    const res = await admin.post('/api/groups', '{"name":"Ventes \\ud83d"}');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/name', problems: [{ code: 'text.loneSurrogate' }] });
    // A well-formed pair (an emoji) is fine.
    const ok = await admin.post('/api/groups', '{"name":"Ventes \\ud83d\\ude00"}');
    expect(ok.status).toBe(201);
    expect(ok.body.name).toBe('Ventes 😀');
    expect(await groupCount()).toBe(before + 1);
  });

  it('refuses NUL and lone surrogates inside a flow document, at the node field', async () => {
    const document = structuredClone(draftBefore.document);
    document.nodes[0].label = 'Fin\u0000';
    const nul = await admin.put(`/api/flows/${flowId}/draft`, { document, revision: draftBefore.revision });
    expect(nul.status).toBe(400);
    expect(nul.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/document/nodes/0/label' });

    document.nodes[0].label = '@@SLOT@@';
    const text = jsonWith({ document, revision: draftBefore.revision }, '"\\udc00"');
    const lone = await admin.put(`/api/flows/${flowId}/draft`, text);
    expect(lone.status).toBe(400);
    expect(lone.body.error.path).toBe('/document/nodes/0/label');
    await expectDraftUnchanged();
  });

  it('refuses a NUL character in a sound name sent as multipart', async () => {
    const form = new FormData();
    form.set('name', 'Accueil\u0000');
    form.set('language', 'fr');
    form.set('file', new Blob([new Uint8Array(1000)], { type: 'audio/wav' }), 'a.wav');
    const res = await admin.post('/api/sounds', form);
    expect(res.status).toBe(400);
    expect(res.body.error.path).toBe('/name');
  });
});

describe('deep nesting', () => {
  it('refuses a 10,000-level nested object in a node with its path, and the draft is unchanged', async () => {
    const document = structuredClone(draftBefore.document);
    document.nodes[0].config = { ...(document.nodes[0].config as object), deep: '@@SLOT@@' };
    const res = await admin.put(`/api/flows/${flowId}/draft`, jsonWith({ document, revision: draftBefore.revision }, deeplyNested(10_000)));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.path).toMatch(/^\/document\/nodes\/0\/config\/deep(\/a)+$/);
    expect(res.body.error.problems[0].code).toBe('json.tooDeep');
    await expectDraftUnchanged();

    const created = await admin.post('/api/flows', jsonWith({ name: 'Deep', document }, deeplyNested(10_000)));
    expect(created.status).toBe(400);
    expect(created.body.error.path).toMatch(/^\/document\/nodes\/0\/config\/deep\//);
  });

  it('refuses deep nesting in any body, e.g. a number label', async () => {
    const res = await admin.post('/api/numbers', jsonWith({ e164: '+33199000003', label: '@@SLOT@@' }, deeplyNested(10_000)));
    expect(res.status).toBe(400);
    expect(res.body.error.path).toMatch(/^\/label\/a/);
  });
});
