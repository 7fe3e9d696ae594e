// The contact directory over HTTP: CRUD, search by any spelling of a number, cursor paging,
// CSV import of a French file (";", BOM, accents, Windows-1252) with bad rows reported by row
// and column and nothing written until confirmed, CSV export that imports back, roles (admins
// and supervisors write, agents read), and other organisations answered 404.
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { api, signIn, type Credentials } from '../support/http';

type Client = ReturnType<typeof api>;
let admin: Client;
let supervisor: Client;
let agent: Client;
let outsider: Client;
let adminCreds: Credentials;
let agentCreds: Credentials;
let outsiderCreds: Credentials;
let orgId: string;

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'Contacts A');
  const b = await createOrganizationWithUsers(prisma, 'Contacts B');
  orgId = a.organization.id;
  const creds = await Promise.all([a.admin, a.supervisor, a.agent, b.admin].map(signIn));
  [adminCreds, , agentCreds, outsiderCreds] = creds;
  [admin, supervisor, agent, outsider] = creds.map(api);
});

async function postCsv(credentials: Credentials, query: string, body: Uint8Array | string, type = 'text/csv; charset=utf-8') {
  const headers: Record<string, string> = { 'content-type': type };
  if (credentials && 'cookie' in credentials) Object.assign(headers, { cookie: credentials.cookie, origin: baseUrl() });
  const res = await fetch(`${baseUrl()}/api/contacts/import${query}`, { method: 'POST', headers, body: typeof body === 'string' ? body : Buffer.from(body) });
  return { status: res.status, body: await res.json() };
}

const contactCount = () => testPrisma().contact.count({ where: { organizationId: orgId } });
const names = (res: { body: { contacts: { name: string }[] } }) => res.body.contacts.map((c) => c.name);

describe('contacts CRUD', () => {
  it('round-trips a contact with two numbers (stored as typed, matched in E.164) and audits each write', async () => {
    const created = await admin.post('/api/contacts', {
      name: '  Hélène Martin ',
      company: 'Mairie de Lyon',
      email: 'helene@example.fr',
      numbers: [{ number: '04 72 10 30 30', label: 'bureau' }, { number: '+33 (0)6 11 22 33 44' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Hélène Martin',
      company: 'Mairie de Lyon',
      notes: null,
      numbers: [
        { number: '04 72 10 30 30', canonical: '+33472103030', label: 'bureau' },
        { number: '+33 (0)6 11 22 33 44', canonical: '+33611223344', label: null },
      ],
      warnings: [],
    });
    const id = created.body.id;
    expect((await agent.get(`/api/contacts/${id}`)).body.name).toBe('Hélène Martin');

    const changed = await supervisor.patch(`/api/contacts/${id}`, { notes: 'Rappeler le matin', numbers: [{ number: '3949', label: 'info' }] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ notes: 'Rappeler le matin', company: 'Mairie de Lyon', numbers: [{ number: '3949', canonical: '3949', label: 'info' }] });

    expect((await admin.delete(`/api/contacts/${id}`)).status).toBe(204);
    expect((await admin.get(`/api/contacts/${id}`)).status).toBe(404);
    const audit = await testPrisma().auditLog.findMany({ where: { entityType: 'contact', entityId: id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['contact.create', 'contact.update', 'contact.delete']);
  });

  it.each([
    [{ numbers: [{ number: '0612345678' }] }, '/name'],
    [{ name: 'X', numbers: [] }, '/numbers'],
    [{ name: 'X', numbers: [{ number: '06 12 34 56 78' }, { number: 'appeler Paul' }] }, '/numbers/1/number'],
    [{ name: 'X', email: 'pas une adresse', numbers: [{ number: '0612345678' }] }, '/email'],
    [{ name: 'X', numbers: [{ number: '0612345678', kind: 'mobile' }] }, '/numbers/0/kind'],
  ])('refuses %j with the failing field %s', async (body, path) => {
    const before = await contactCount();
    const res = await admin.post('/api/contacts', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path });
    expect(await contactCount()).toBe(before);
  });

  it('allows a number another contact has, with a warning naming that contact', async () => {
    const first = await admin.post('/api/contacts', { name: 'Standard Acme', numbers: [{ number: '01 40 00 00 01' }] });
    const second = await admin.post('/api/contacts', { name: 'Paul (Acme)', numbers: [{ number: '+33140000001' }] });
    expect(second.status).toBe(201);
    expect(second.body.warnings).toEqual([expect.objectContaining({ code: 'contact.duplicateNumber', path: '/numbers/0/number', contactId: first.body.id, contactName: 'Standard Acme' })]);
  });
});

describe('contacts search and paging', () => {
  beforeAll(async () => {
    await admin.post('/api/contacts', { name: 'Jean Dupont', company: 'Boulangerie Dupré', numbers: [{ number: '06 12 34 56 78', label: 'mobile' }] });
    await admin.post('/api/contacts', { name: 'Zoé Petit', numbers: [{ number: '+33 1 98 76 54 32' }] });
    await outsider.post('/api/contacts', { name: 'Jean Dupont (B)', numbers: [{ number: '06 12 34 56 78' }] });
  });

  it.each(['+33 6 12 34 56 78', '+33612345678', '0033 6 12 34 56 78', '06.12.34.56.78', '06 12', '+33 (0)6 12', '5678'])('finds "06 12 34 56 78" when searched as %s', async (q) => {
    const res = await agent.get(`/api/contacts?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(['Jean Dupont']);
  });

  it('finds "+33 1 98 76 54 32" when searched in national form, and names, companies case-insensitively', async () => {
    expect(names(await agent.get(`/api/contacts?q=${encodeURIComponent('01 98 76')}`))).toEqual(['Zoé Petit']);
    expect(names(await agent.get('/api/contacts?q=dupont'))).toEqual(['Jean Dupont']);
    expect(names(await agent.get(`/api/contacts?q=${encodeURIComponent('boulangerie')}`))).toEqual(['Jean Dupont']);
    expect(names(await agent.get('/api/contacts?q=0700000000'))).toEqual([]);
  });

  it('pages by name with a cursor, every contact once', async () => {
    for (const n of ['Page C', 'Page A', 'Page E', 'Page B', 'Page D']) await admin.post('/api/contacts', { name: n, company: 'Pagination', numbers: [{ number: '3949' }] });
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const res: { status: number; body: { contacts: { name: string }[]; nextCursor: string | null } } = await agent.get(`/api/contacts?q=Pagination&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...names(res));
      cursor = res.body.nextCursor;
      pages++;
    }
    expect(seen).toEqual(['Page A', 'Page B', 'Page C', 'Page D', 'Page E']);
    expect(pages).toBe(3);
    expect((await agent.get('/api/contacts?limit=500')).body.error.path).toBe('/limit');
    expect((await agent.get('/api/contacts?cursor=nope')).body.error.path).toBe('/cursor');
  });
});

describe('contacts roles and organisations', () => {
  it('lets agents read and search but not write', async () => {
    const { body: c } = await admin.post('/api/contacts', { name: 'Lecture seule', numbers: [{ number: '0611111111' }] });
    expect((await agent.get('/api/contacts')).status).toBe(200);
    expect((await agent.post('/api/contacts', { name: 'Non', numbers: [{ number: '0611111112' }] })).status).toBe(403);
    expect((await agent.patch(`/api/contacts/${c.id}`, { name: 'Non' })).status).toBe(403);
    expect((await agent.delete(`/api/contacts/${c.id}`)).status).toBe(403);
    expect((await postCsv(agentCreds, '?commit=true', 'nom;numéro\nNon;0611111113\n')).status).toBe(403);
    expect((await supervisor.post('/api/contacts', { name: 'Par le superviseur', numbers: [{ number: '0611111114' }] })).status).toBe(201);
  });

  it("answers 404 for another organisation's contact, and never lists it", async () => {
    const { body: c } = await admin.post('/api/contacts', { name: 'Privé A', numbers: [{ number: '0622222222' }] });
    expect((await outsider.get(`/api/contacts/${c.id}`)).status).toBe(404);
    expect((await outsider.patch(`/api/contacts/${c.id}`, { name: 'Volé' })).status).toBe(404);
    expect((await outsider.delete(`/api/contacts/${c.id}`)).status).toBe(404);
    expect(names(await outsider.get('/api/contacts?q=0622222222'))).toEqual([]);
    expect((await admin.get(`/api/contacts/${c.id}`)).body.name).toBe('Privé A');
  });
});

describe('contacts CSV import', () => {
  // As French Excel saves "CSV UTF-8 (délimité par des points-virgules)": BOM, ";", CRLF, quotes.
  const frenchCsv =
    '\uFEFFNom;Prénom;Société;Téléphone;Libellé;Mobile;E-mail;Commentaire\r\n' +
    'Lefèvre;Amélie;"Crèche ""Les Lutins""";04 72 00 11 22;accueil;06 01 02 03 04;amelie@creche.fr;\r\n' +
    'Nguyễn;Bảo;Garage Ça roule;+33 (0)1 45 67 89 01;;;;"Ouvert le samedi; fermé lundi"\r\n' +
    'Sans numéro;Jules;;;;;;\r\n' +
    'Bad;Numéro;;appeler le standard;;;;\r\n' +
    ';;Société sans nom;01 23 45 67 89;;;;\r\n' +
    'Mauvais;Mail;;0123456780;;;pas-un-mail;\r\n';

  it('previews a French file: accents kept, each bad row with its row, column and field; nothing written', async () => {
    const before = await contactCount();
    const res = await postCsv(adminCreds, '', frenchCsv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ committed: false, encoding: 'utf-8', separator: ';', rows: 6, valid: 2, invalid: 4, created: 0 });
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 4, column: 'Téléphone', field: '/numbers', code: 'schema.minItems' }),
      expect.objectContaining({ row: 5, column: 'Téléphone', field: '/numbers/0/number', code: 'contact.invalidNumber' }),
      expect.objectContaining({ row: 6, column: 'Nom', field: '/name' }),
      expect.objectContaining({ row: 7, column: 'E-mail', field: '/email', code: 'schema.pattern' }),
    ]);
    expect(res.body.preview[0]).toMatchObject({
      row: 2,
      name: 'Amélie Lefèvre',
      company: 'Crèche "Les Lutins"',
      numbers: [
        { number: '04 72 00 11 22', canonical: '+33472001122', label: 'accueil' },
        { number: '06 01 02 03 04', canonical: '+33601020304', label: 'Mobile' },
      ],
    });
    expect(res.body.preview[1]).toMatchObject({ name: 'Bảo Nguyễn', notes: 'Ouvert le samedi; fermé lundi', numbers: [{ canonical: '+33145678901' }] });
    expect(await contactCount()).toBe(before);
  });

  it('refuses to commit a file with bad rows (nothing half-imported), then imports the valid rows when asked to skip the others', async () => {
    const before = await contactCount();
    const refused = await postCsv(adminCreds, '?commit=true', frenchCsv);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/rows/4/numbers' });
    expect(refused.body.error.report.errors).toHaveLength(4);
    expect(await contactCount()).toBe(before);

    const done = await postCsv(adminCreds, '?commit=true&skipInvalid=true', frenchCsv);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ committed: true, created: 2 });
    expect(await contactCount()).toBe(before + 2);
    expect(names(await agent.get(`/api/contacts?q=${encodeURIComponent('+33 6 01 02 03 04')}`))).toEqual(['Amélie Lefèvre']);
    const audit = await testPrisma().auditLog.findFirst({ where: { organizationId: orgId, action: 'contact.import' }, orderBy: { createdAt: 'desc' } });
    expect(audit?.details).toMatchObject({ created: 2, skipped: 4, rows: 6 });
  });

  it('reads a Windows-1252 file with "," and English headers, and warns about numbers already in the directory', async () => {
    await admin.post('/api/contacts', { name: 'Déjà là', numbers: [{ number: '05 56 00 00 00' }] });
    const latin1 = Buffer.from('name,company,phone\r\nFrançois Hérault,Société Générale,+33 5 56 00 00 00\r\n', 'latin1');
    const res = await postCsv(adminCreds, '', latin1, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ encoding: 'windows-1252', separator: ',', valid: 1, invalid: 0 });
    expect(res.body.preview[0]).toMatchObject({ name: 'François Hérault', company: 'Société Générale' });
    expect(res.body.warnings).toEqual([expect.objectContaining({ row: 2, code: 'contact.duplicateNumber' })]);
  });

  it('refuses a file without a name or number column, a non-CSV body and a file over 2 MB', async () => {
    expect((await postCsv(adminCreds, '', 'société;email\nAcme;a@b.fr\n')).body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/header' });
    expect((await postCsv(adminCreds, '', 'nom;email\nAcme;a@b.fr\n')).body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/header' });
    expect((await postCsv(adminCreds, '', '{"name":"x"}', 'application/json')).status).toBe(415);
    const big = 'nom;numéro\n' + 'Quelqu’un;06 12 34 56 78\n'.repeat(90_000);
    expect((await postCsv(adminCreds, '', big)).status).toBe(413);
    expect((await postCsv(adminCreds, '', 'nom;numéro\n"Dupont;0612\n')).body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/rows/2' });
  });

  it('imports the largest file allowed (10 000 rows) in one transaction, and refuses one row more', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `Masse ${String(i).padStart(5, '0')};07 ${String(i).padStart(8, '0').replace(/(..)(?=.)/g, '$1 ')}`);
    const file = 'nom;numéro\n' + rows.join('\n') + '\n';
    const before = await contactCount();
    const started = Date.now();
    const res = await postCsv(adminCreds, '?commit=true', file);
    const seconds = (Date.now() - started) / 1000;
    console.log(`contacts import: 10 000 rows (${(file.length / 1024).toFixed(0)} KB) committed in ${seconds.toFixed(1)} s`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ committed: true, created: 10_000, invalid: 0 });
    expect(await contactCount()).toBe(before + 10_000);
    expect(names(await agent.get(`/api/contacts?q=${encodeURIComponent('+33 7 00 00 99 99')}`))).toEqual(['Masse 09999']);
    const tooMany = await postCsv(adminCreds, '', file + 'Un de trop;0700000000\n');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/more than 10000 rows/);
  });

  it('exports the directory as a French CSV that imports back without errors', async () => {
    const res = await fetch(`${baseUrl()}/api/contacts/export`, { headers: { cookie: (outsiderCreds as { cookie: string }).cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]).toBe('name;company;email;notes;number 1;label 1');
    expect(text).toContain('Jean Dupont (B)');
    expect(text).not.toContain('Privé A');
    const again = await postCsv(outsiderCreds, '', bytes);
    const count = await testPrisma().contact.count({ where: { organization: { contacts: { some: { name: 'Jean Dupont (B)' } } } } });
    expect(again.body).toMatchObject({ invalid: 0, valid: count });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await api(null).get('/api/openapi.json')).body;
    expect(doc.paths['/api/contacts/import'].post.requestBody.content).toHaveProperty(['text/csv']);
    expect(doc.paths['/api/contacts/{id}'].patch.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/ContactPatch');
    expect(doc.paths['/api/contacts'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['q', 'cursor', 'limit']);
  });
});
