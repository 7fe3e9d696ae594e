// Values unique across the platform (a number, a SIP username of the shared realm, a sign-in
// email) answer the same neutral 409 whether the holder is in the caller's organisation or in
// another one: nothing tells them apart, nothing names the other organisation.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { api, signIn } from '../support/http';

let mine: ReturnType<typeof api>;
let theirs: ReturnType<typeof api>;
let theirName: string;
const tag = () => randomBytes(4).toString('hex');
const uniqueNumber = () => `+3319800${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;

beforeAll(async () => {
  const a = await createOrganizationWithUsers(testPrisma(), 'Unique A');
  const b = await createOrganizationWithUsers(testPrisma(), 'Unique B');
  theirName = b.organization.name;
  mine = api(await signIn(a.admin));
  theirs = api(await signIn(b.admin));
});

/** The 409 answer with nothing request-specific, for comparison. */
function shape(res: { status: number; body: { error: Record<string, unknown> } }) {
  return { status: res.status, error: res.body.error };
}

describe('platform-wide unique values', () => {
  it('numbers: the same "not available" for my organisation and another one', async () => {
    const ownNumber = uniqueNumber();
    const otherNumber = uniqueNumber();
    expect((await mine.post('/api/numbers', { e164: ownNumber })).status).toBe(201);
    expect((await theirs.post('/api/numbers', { e164: otherNumber })).status).toBe(201);
    const own = await mine.post('/api/numbers', { e164: ownNumber });
    const other = await mine.post('/api/numbers', { e164: otherNumber });
    expect(shape(other)).toEqual(shape(own));
    expect(other.body.error).toMatchObject({ code: 'CONFLICT', path: '/e164', reason: 'NOT_AVAILABLE' });
    expect(JSON.stringify(other.body)).not.toContain(theirName);
  });

  it('SIP usernames: the same answer whoever holds it', async () => {
    const ownName = `own${tag()}`;
    const otherName = `other${tag()}`;
    expect((await mine.post('/api/agents', { name: 'Own', sipUsername: ownName, sipPassword: 'password-123' })).status).toBe(201);
    expect((await theirs.post('/api/agents', { name: 'Other', sipUsername: otherName, sipPassword: 'password-123' })).status).toBe(201);
    const own = await mine.post('/api/agents', { name: 'Again', sipUsername: ownName, sipPassword: 'password-123' });
    const other = await mine.post('/api/agents', { name: 'Again', sipUsername: otherName, sipPassword: 'password-123' });
    expect(shape(other)).toEqual(shape(own));
    expect(other.body.error).toMatchObject({ code: 'CONFLICT', path: '/sipUsername', reason: 'NOT_AVAILABLE' });
    expect(JSON.stringify(other.body)).not.toContain(otherName);
  });

  it('emails: the same answer whoever holds it', async () => {
    const ownEmail = `own-${tag()}@unique.test.relais.local`;
    const otherEmail = `other-${tag()}@unique.test.relais.local`;
    expect((await mine.post('/api/users', { email: ownEmail, name: 'Own', role: 'agent' })).status).toBe(201);
    expect((await theirs.post('/api/users', { email: otherEmail, name: 'Other', role: 'agent' })).status).toBe(201);
    const own = await mine.post('/api/users', { email: ownEmail, name: 'Again', role: 'agent' });
    const other = await mine.post('/api/users', { email: otherEmail, name: 'Again', role: 'agent' });
    expect(shape(other)).toEqual(shape(own));
    expect(other.body.error).toMatchObject({ code: 'CONFLICT', path: '/email', reason: 'NOT_AVAILABLE' });
    expect(JSON.stringify(other.body)).not.toContain(otherEmail);
  });
});
