// The demo seed: what a newcomer gets on first start, and that the printed login works.
import { describe, expect, it } from 'vitest';
import { validateFlow } from '@/schemas';
import { seedDemo } from '@/prisma/seed';
import { loadFlowReferences } from '@/app/lib/flows/load-flow-references';
import { testPrisma } from '../support/context';
import { api, signIn, signInRaw } from '../support/http';

describe('seedDemo', () => {
  it('creates the demo organisation once, with a working admin login and a published demo flow', async () => {
    const prisma = testPrisma();
    const first = await seedDemo(prisma);
    expect(first.created).toBe(true);
    expect(first.admin?.email).toBe('admin@relais.local');
    expect(first.admin?.password).toMatch(/^.{12,}$/);
    expect(first.agents).toHaveLength(2);
    expect(first.demoNumber).toBe('+33199001234');

    const again = await seedDemo(prisma);
    expect(again).toMatchObject({ created: false, demoNumber: '+33199001234' });
    expect(again.admin).toBeUndefined();

    const admin = api(await signIn({ email: first.admin!.email, password: first.admin!.password }));
    const flows = (await admin.get('/api/flows')).body.flows;
    expect(flows).toHaveLength(1);
    expect(flows[0]).toMatchObject({ name: 'Démo Relais', publishedVersion: { number: 1 }, numbers: [{ e164: '+33199001234' }] });

    // The published document points at the seeded group and is valid in its organisation.
    const published = await prisma.flowVersion.findFirstOrThrow({ where: { flowId: flows[0].id, status: 'published' } });
    expect(published.authorId).not.toBeNull();
    const references = await loadFlowReferences(prisma, first.organizationId!, published.document);
    expect(validateFlow(published.document, { references }).problems.filter((p) => p.severity === 'error')).toEqual([]);
    const groups = (await admin.get('/api/groups')).body.groups;
    expect(groups).toHaveLength(1);
    expect(groups[0].members.map((m: { name: string }) => m.name)).toEqual(['Alice Martin', 'Bruno Petit']);
    expect(JSON.stringify(published.document)).toContain(groups[0].id);

    const calendar = (await admin.get('/api/calendars')).body.calendars[0];
    expect(calendar).toMatchObject({ timezone: 'Europe/Paris', holidayCountry: 'FR' });
    expect(calendar.ranges.filter((r: { weekday: number }) => r.weekday === 1)).toEqual([
      { weekday: 1, start: '09:00', end: '12:30' },
      { weekday: 1, start: '13:30', end: '18:00' },
    ]);

    for (const user of first.users!) expect((await signInRaw(user.email, user.password)).status).toBe(200);

    // Issue 16: the first admin's printed password is generated, so they are asked to replace it
    // (pages send them to /change-password); the API keeps answering, as above.
    expect((await admin.get('/api/me')).body.mustChangePassword).toBe(true);
    const flagged = await prisma.user.findMany({ where: { organizationId: first.organizationId!, mustChangePassword: true }, select: { email: true } });
    expect(flagged.map((u) => u.email)).toEqual([first.admin!.email]);
  });
});
