// findContactByNumber against a fresh PostgreSQL database (migrations applied): a caller's
// number in any spelling finds the contact stored as typed ("06 12 34 56 78"), another
// organisation's contact is never answered, and a number two contacts share answers the oldest.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findContactByNumber } from '@/flow-runtime/contacts';
import { contactCanonical } from '@/flow-runtime/contacts/contact-number';
import { createTestDatabase, type TestDatabase } from './support';

let db: TestDatabase;
let orgA: string;
let orgB: string;

async function contact(orgId: string, name: string, numbers: { number: string; label?: string }[], createdAt = new Date()) {
  return db.prisma.contact.create({
    data: {
      organizationId: orgId,
      name,
      createdAt,
      numbers: { create: numbers.map((n, position) => ({ organizationId: orgId, position, number: n.number, label: n.label ?? null, canonical: contactCanonical(n.number)! })) },
    },
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  const org = async () => {
    const slug = `org-${randomBytes(4).toString('hex')}`;
    return (await db.prisma.organization.create({ data: { name: slug, slug } })).id;
  };
  orgA = await org();
  orgB = await org();
  await contact(orgA, 'Jeanne Dupont', [{ number: '01 23 45 67 89', label: 'bureau' }, { number: '06 12 34 56 78', label: 'mobile' }]);
  await contact(orgA, 'Accueil mairie', [{ number: '+33 (0)4 72 00 00 01' }], new Date(Date.now() - 60_000));
  await contact(orgA, 'Secrétariat mairie', [{ number: '04.72.00.00.01' }]);
  await contact(orgA, 'Info trafic', [{ number: '3949' }]);
  await contact(orgB, 'Autre organisation', [{ number: '06 99 99 99 99' }]);
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

describe('findContactByNumber', () => {
  it.each(['+33612345678', '+33 6 12 34 56 78', '0033 6 12 34 56 78', '06.12.34.56.78', '+33 (0)6 12 34 56 78'])('finds the contact stored as "06 12 34 56 78" from %s', async (caller) => {
    const match = await findContactByNumber(db.prisma, orgA, caller);
    expect(match).toMatchObject({ name: 'Jeanne Dupont', number: '06 12 34 56 78', label: 'mobile' });
  });

  it('finds a short code as digits, and nothing for an unknown or non-number caller', async () => {
    expect(await findContactByNumber(db.prisma, orgA, '39 49')).toMatchObject({ name: 'Info trafic' });
    expect(await findContactByNumber(db.prisma, orgA, '+33 6 00 00 00 00')).toBeNull();
    expect(await findContactByNumber(db.prisma, orgA, 'anonymous')).toBeNull();
    expect(await findContactByNumber(db.prisma, orgA, '')).toBeNull();
  });

  it("never answers another organisation's contact", async () => {
    expect(await findContactByNumber(db.prisma, orgA, '+33699999999')).toBeNull();
    expect(await findContactByNumber(db.prisma, orgB, '+33699999999')).toMatchObject({ name: 'Autre organisation' });
  });

  it('answers the oldest contact when two share a number', async () => {
    expect(await findContactByNumber(db.prisma, orgA, '+33472000001')).toMatchObject({ name: 'Accueil mairie' });
  });
});
