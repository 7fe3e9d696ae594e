// Voicemails in the admin API: listed newest first without their audio, filtered and paged;
// the recording served as a WAV with HTTP Range (what <audio> needs to seek); listened/new with
// body validation; delete; other organisations' messages are 404 and agents see only their
// own mailbox and their groups'.
import wavefile from 'wavefile';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { api, signIn } from '../support/http';

type Client = ReturnType<typeof api>;
let admin: Client;
let agent: Client;
let outsider: Client;
let adminCookie: string;
let organizationId: string;
const ids: Record<'old' | 'sales' | 'own' | 'latest' | 'other', string> = { old: '', sales: '', own: '', latest: '', other: '' };
const wavs: Record<string, Buffer> = {};

/** A PCM16 8 kHz mono WAV of a 440 Hz tone lasting `ms`. */
function toneWav(ms: number): Buffer {
  const samples = new Int16Array(Math.round((ms * 8000) / 1000));
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000));
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, 8000, '16', samples);
  return Buffer.from(wav.toBuffer());
}

async function insert(
  orgId: string,
  mailbox: { agentId: string } | { groupId: string },
  caller: string | null,
  durationMs: number,
  createdAt: string,
): Promise<string> {
  const audio = toneWav(durationMs);
  const row = await testPrisma().voicemail.create({
    data: {
      organizationId: orgId,
      mailboxKind: 'agentId' in mailbox ? 'agent' : 'group',
      ...mailbox,
      caller,
      durationMs,
      audio: new Uint8Array(audio),
      createdAt: new Date(createdAt),
    },
  });
  wavs[row.id] = audio;
  return row.id;
}

/** GET with the admin's session and extra headers (Range), body as bytes. */
async function rawGet(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl()}${path}`, { headers: { cookie: adminCookie, ...headers } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'Voicemail A');
  const b = await createOrganizationWithUsers(prisma, 'Voicemail B');
  organizationId = a.organization.id;
  const sessions = await Promise.all([a.admin, a.agent, b.admin].map(signIn));
  adminCookie = sessions[0].cookie;
  [admin, agent, outsider] = sessions.map(api);

  const reception = await prisma.queueGroup.create({ data: { organizationId, name: 'Accueil' } });
  const sales = await prisma.queueGroup.create({ data: { organizationId, name: 'Ventes' } });
  const alice = await prisma.agent.create({
    data: { organizationId, userId: a.agent.id, name: 'Alice', sipUsername: `alice-${organizationId}`, sipRealm: 'relais.test', sipHa1: '0'.repeat(32) },
  });
  await prisma.groupMember.create({ data: { groupId: reception.id, agentId: alice.id, position: 0 } });
  const otherGroup = await prisma.queueGroup.create({ data: { organizationId: b.organization.id, name: 'Autre' } });

  ids.old = await insert(organizationId, { groupId: reception.id }, '+33611111111', 1000, '2026-03-02T09:00:00Z');
  ids.sales = await insert(organizationId, { groupId: sales.id }, '+33622222222', 1500, '2026-03-02T09:10:00Z');
  ids.own = await insert(organizationId, { agentId: alice.id }, null, 800, '2026-03-02T09:20:00Z');
  ids.latest = await insert(organizationId, { groupId: reception.id }, '+33633333333', 2500, '2026-03-02T09:30:00Z');
  ids.other = await insert(b.organization.id, { groupId: otherGroup.id }, '+33644444444', 1200, '2026-03-02T09:40:00Z');
});

describe('GET /api/voicemails', () => {
  it('lists the organisation’s voicemails newest first, with caller, duration and mailbox, never the audio', async () => {
    const res = await admin.get('/api/voicemails');
    expect(res.status).toBe(200);
    expect(res.body.voicemails.map((v: { id: string }) => v.id)).toEqual([ids.latest, ids.own, ids.sales, ids.old]);
    expect(res.body.voicemails[0]).toMatchObject({
      caller: '+33633333333',
      durationMs: 2500,
      createdAt: '2026-03-02T09:30:00.000Z',
      listened: false,
      listenedAt: null,
      mailbox: { kind: 'group', name: 'Accueil' },
      audioUrl: `/api/voicemails/${ids.latest}/audio`,
    });
    expect(res.body.voicemails[1]).toMatchObject({ caller: null, mailbox: { kind: 'agent', name: 'Alice' } });
    for (const v of res.body.voicemails) expect(v).not.toHaveProperty('audio');
    // The four recordings weigh ~92 kB; the list is a few hundred bytes of JSON.
    expect(JSON.stringify(res.body).length).toBeLessThan(5_000);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.unreadCount).toBe(4);
  });

  it('pages with a cursor and filters by mailbox', async () => {
    const first = await admin.get('/api/voicemails?limit=3');
    expect(first.body.voicemails.map((v: { id: string }) => v.id)).toEqual([ids.latest, ids.own, ids.sales]);
    const second = await admin.get(`/api/voicemails?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.voicemails.map((v: { id: string }) => v.id)).toEqual([ids.old]);
    expect(second.body.nextCursor).toBeNull();

    const group = (await admin.get('/api/voicemails')).body.voicemails[0].mailbox.id;
    const reception = await admin.get(`/api/voicemails?mailbox=group:${group}`);
    expect(reception.body.voicemails.map((v: { id: string }) => v.id)).toEqual([ids.latest, ids.old]);

    const bad = await admin.get('/api/voicemails?mailbox=accueil');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/mailbox' });
    expect((await admin.get('/api/voicemails?limit=0')).body.error.path).toBe('/limit');
  });

  it('shows another organisation nothing of it', async () => {
    const res = await outsider.get('/api/voicemails');
    expect(res.body.voicemails.map((v: { id: string }) => v.id)).toEqual([ids.other]);
  });
});

describe('GET /api/voicemails/:id/audio', () => {
  it('serves the recording as the stored 8 kHz mono 16-bit WAV, with its full length', async () => {
    const res = await rawGet(`/api/voicemails/${ids.latest}/audio`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    const wav = wavs[ids.latest];
    expect(res.body.equals(wav)).toBe(true);
    expect(res.body.toString('ascii', 0, 4)).toBe('RIFF');
    expect(res.body.toString('ascii', 8, 12)).toBe('WAVE');
    expect(res.body.readUInt16LE(22)).toBe(1);
    expect(res.body.readUInt32LE(24)).toBe(8000);
    expect(res.body.readUInt16LE(34)).toBe(16);
    // 2.5 s at 8000 samples/s × 2 bytes after the 44-byte header.
    expect(res.body.readUInt32LE(40)).toBe(40_000);
    expect(res.body.length).toBe(44 + 40_000);
  });

  it('answers a Range request with 206 and exactly those bytes, and 416 past the end', async () => {
    const wav = wavs[ids.latest];
    const middle = await rawGet(`/api/voicemails/${ids.latest}/audio`, { range: 'bytes=1000-1999' });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe(`bytes 1000-1999/${wav.length}`);
    expect(middle.body.equals(wav.subarray(1000, 2000))).toBe(true);

    const open = await rawGet(`/api/voicemails/${ids.latest}/audio`, { range: 'bytes=40000-' });
    expect(open.status).toBe(206);
    expect(open.headers.get('content-range')).toBe(`bytes 40000-${wav.length - 1}/${wav.length}`);
    expect(open.body.equals(wav.subarray(40_000))).toBe(true);

    const suffix = await rawGet(`/api/voicemails/${ids.latest}/audio`, { range: 'bytes=-44' });
    expect(suffix.status).toBe(206);
    expect(suffix.body.equals(wav.subarray(wav.length - 44))).toBe(true);

    const past = await rawGet(`/api/voicemails/${ids.latest}/audio`, { range: `bytes=${wav.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${wav.length}`);
  });

  it('offers the file as a download on ?download=1', async () => {
    const res = await rawGet(`/api/voicemails/${ids.latest}/audio?download=1`);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="voicemail-20260302-0930-+33633333333.wav"');
  });

  it('is 404 for another organisation', async () => {
    expect((await outsider.get(`/api/voicemails/${ids.latest}/audio`)).status).toBe(404);
    expect((await admin.get(`/api/voicemails/${ids.other}/audio`)).status).toBe(404);
  });
});

describe('PATCH /api/voicemails/:id', () => {
  it('names the failing field of a bad body', async () => {
    const wrongType = await admin.patch(`/api/voicemails/${ids.old}`, { listened: 'yes' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/listened' });
    expect((await admin.patch(`/api/voicemails/${ids.old}`, {})).body.error.path).toBe('/listened');
    expect((await admin.patch(`/api/voicemails/${ids.old}`, { listened: true, caller: 'x' })).body.error.path).toBe('/caller');
    expect((await admin.patch(`/api/voicemails/${ids.old}`, 'not json')).body.error.code).toBe('INVALID_JSON');
  });

  it('marks listened (then the new-only list leaves it out) and new again', async () => {
    const marked = await admin.patch(`/api/voicemails/${ids.old}`, { listened: true });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ id: ids.old, listened: true });
    expect(Date.parse(marked.body.listenedAt)).not.toBeNaN();

    const unread = await admin.get('/api/voicemails?unread=true');
    expect(unread.body.voicemails.map((v: { id: string }) => v.id)).toEqual([ids.latest, ids.own, ids.sales]);
    expect(unread.body.unreadCount).toBe(3);

    const again = await admin.patch(`/api/voicemails/${ids.old}`, { listened: false });
    expect(again.body).toMatchObject({ listened: false, listenedAt: null });
    expect((await admin.get('/api/voicemails?unread=true')).body.voicemails).toHaveLength(4);
  });

  it('is 404 for another organisation', async () => {
    const res = await outsider.patch(`/api/voicemails/${ids.old}`, { listened: true });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect((await testPrisma().voicemail.findUniqueOrThrow({ where: { id: ids.old } })).listenedAt).toBeNull();
  });
});

describe('agents', () => {
  it('see their own mailbox and their groups’, may delete only their own messages', async () => {
    const list = await agent.get('/api/voicemails');
    expect(list.body.voicemails.map((v: { id: string }) => v.id)).toEqual([ids.latest, ids.own, ids.old]);
    expect((await agent.get(`/api/voicemails/${ids.sales}/audio`)).status).toBe(404);
    expect((await agent.patch(`/api/voicemails/${ids.sales}`, { listened: true })).status).toBe(404);

    const groupDelete = await agent.delete(`/api/voicemails/${ids.old}`);
    expect(groupDelete.status).toBe(403);
    expect(groupDelete.body.error.code).toBe('FORBIDDEN');

    expect((await agent.delete(`/api/voicemails/${ids.own}`)).status).toBe(204);
    expect(await testPrisma().voicemail.findUnique({ where: { id: ids.own } })).toBeNull();
  });
});

describe('DELETE /api/voicemails/:id', () => {
  it('is 404 for another organisation and leaves the message', async () => {
    expect((await outsider.delete(`/api/voicemails/${ids.sales}`)).status).toBe(404);
    expect(await testPrisma().voicemail.findUnique({ where: { id: ids.sales } })).not.toBeNull();
  });

  it('removes the message and its recording, and records who did it', async () => {
    expect((await admin.delete(`/api/voicemails/${ids.sales}`)).status).toBe(204);
    expect((await admin.get(`/api/voicemails/${ids.sales}/audio`)).status).toBe(404);
    expect((await admin.get('/api/voicemails')).body.voicemails.map((v: { id: string }) => v.id)).not.toContain(ids.sales);
    expect((await admin.delete(`/api/voicemails/${ids.sales}`)).status).toBe(404);
    const audit = await admin.get(`/api/audit?entityType=voicemail&entityId=${ids.sales}`);
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]).toMatchObject({ action: 'voicemail.delete', details: { caller: '+33622222222', durationMs: 1500 } });
  });
});
