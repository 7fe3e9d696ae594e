// Issue 12, finding 3: request bodies have a size limit, applied while they stream. A body
// declared too large is refused before it is read (the answer arrives while the client is
// still sending); a chunked one is counted as it arrives and cut at the limit; the 413 names
// the limit. Raw sockets (tests/support/raw-upload.ts) show when the server answered.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateLargeFlow } from '../fixtures/generate-large-flow';
import { createOrganizationWithUsers } from '../support/factories';
import { testPrisma } from '../support/context';
import { api, createToken, signIn } from '../support/http';
import { rawUpload } from '../support/raw-upload';

const MB = 1024 * 1024;
let token: string;
let organizationId: string;
let admin: ReturnType<typeof api>;

beforeAll(async () => {
  const org = await createOrganizationWithUsers(testPrisma(), 'Body limits');
  organizationId = org.organization.id;
  const session = await signIn(org.admin);
  admin = api(session);
  token = (await createToken(session)).token;
});

const auth = () => ({ authorization: `Bearer ${token}` });

describe('JSON bodies', () => {
  it('answers 413 to a declared 20 MB body before reading it, while the client is still sending', async () => {
    const result = await rawUpload({
      method: 'POST',
      path: '/api/numbers',
      headers: { ...auth(), 'content-type': 'application/json' },
      contentLength: 20 * MB,
      prefix: '{"e164":"+33199000001","label":"',
      // A trickle: 16 KB every 20 ms. Reading the whole 20 MB would take ~25 s; the client
      // stops after 4 MB, so a server that waits for the body never answers.
      chunkBytes: 16 * 1024,
      pauseMs: 20,
      maxBodyBytes: 4 * MB,
    });
    expect(result.status).toBe(413);
    expect(result.sentEverything).toBe(false);
    // Refused on the header alone: less than the 1 MB limit had been sent.
    expect(result.bodyBytesSent).toBeLessThan(1 * MB);
    expect(result.body).toMatchObject({
      error: { code: 'PAYLOAD_TOO_LARGE', limitBytes: MB, messageKey: 'errors.payloadTooLarge', path: '' },
    });
    expect((result.body as { error: { message: string } }).error.message).toContain('1 MB');
  });

  it('a client uploading 100 MB as fast as it can still reads the 413 (no reset before it)', async () => {
    const result = await rawUpload({
      method: 'POST',
      path: '/api/numbers',
      headers: { ...auth(), 'content-type': 'application/json' },
      contentLength: 100 * MB,
      prefix: '{"label":"',
      maxBodyBytes: 100 * MB,
      chunkBytes: 256 * 1024,
    });
    expect(result.status).toBe(413);
    expect(result.sentEverything).toBe(false);
  });

  it('answers 413 instead of "100 Continue" to a client that waits before sending 20 MB', async () => {
    const result = await rawUpload({
      method: 'PUT',
      path: '/api/flows/any/draft',
      headers: { ...auth(), 'content-type': 'application/json', expect: '100-continue' },
      contentLength: 20 * MB,
      prefix: '',
      maxBodyBytes: 0,
    });
    expect(result.status).toBe(413);
    expect(result.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', limitBytes: 10 * MB } });
  });

  it('cuts a chunked JSON body at the limit with a 413, before the client has sent it all', async () => {
    const before = await testPrisma().phoneNumber.count({ where: { organizationId } });
    const result = await rawUpload({
      method: 'POST',
      path: '/api/numbers',
      headers: { ...auth(), 'content-type': 'application/json' },
      prefix: '{"e164":"+33199000002","label":"',
      maxBodyBytes: 64 * MB,
    });
    expect(result.status).toBe(413);
    expect(result.sentEverything).toBe(false);
    expect(result.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', limitBytes: MB } });
    expect(await testPrisma().phoneNumber.count({ where: { organizationId } })).toBe(before);
  });

  it('accepts a flow document of realistic size above the 1 MB JSON limit (flows have 10 MB)', async () => {
    // The schema's maximum of 5,000 nodes, indented like `generate-large-flow.ts` prints it.
    const document = generateLargeFlow(5000);
    const text = JSON.stringify({ name: 'Large', document }, null, 2);
    expect(text.length).toBeGreaterThan(2 * MB);
    const res = await admin.post('/api/flows', text);
    // The generated flow refers to fixture objects this organisation lacks: a 400 about those
    // references shows the body was read and validated, not refused for its size.
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).not.toBe(413);
    if (res.status !== 201) expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('sound uploads', () => {
  it('cuts a chunked oversized upload at 20 MB with a 413 on the file, without buffering it whole', async () => {
    const before = (await admin.get('/api/sounds')).body.sounds.length;
    const boundary = 'relaisBoundary7MA4YWxkTrZu0gW';
    const prefix =
      `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nToo big\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.wav"\r\nContent-Type: audio/wav\r\n\r\n`;
    const result = await rawUpload({
      method: 'POST',
      path: '/api/sounds',
      headers: { ...auth(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      prefix,
      fill: 0,
      maxBodyBytes: 96 * MB,
      chunkBytes: 256 * 1024,
    });
    expect(result.status).toBe(413);
    // The answer came while the client was still sending: the server did not wait for the
    // whole body (the old code read all of it into memory before saying 413).
    expect(result.sentEverything).toBe(false);
    expect(result.body).toMatchObject({
      error: { code: 'PAYLOAD_TOO_LARGE', path: '/file', limitBytes: 20 * MB, problems: [{ code: 'sound.tooLarge', path: '/file' }] },
    });
    expect((await admin.get('/api/sounds')).body.sounds.length).toBe(before);
  });

  it('answers 413 at once to a sound declared larger than the limit', async () => {
    const result = await rawUpload({
      method: 'POST',
      path: '/api/sounds',
      headers: { ...auth(), 'content-type': 'multipart/form-data; boundary=x' },
      contentLength: 30 * MB,
      prefix: '--x\r\n',
      chunkBytes: 16 * 1024,
      pauseMs: 20,
      maxBodyBytes: 4 * MB,
    });
    expect(result.status).toBe(413);
    expect(result.bodyBytesSent).toBeLessThan(1 * MB);
    expect(result.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', path: '/file', messageKey: 'sounds.fileErrors.tooLarge' } });
  });
});
