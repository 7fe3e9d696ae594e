// Demo data for a first start: a demo organisation with an admin, a supervisor and an agent
// user, two agents with SIP accounts, business hours, a queue group, and the demo flow
// published (version 1) on the demo number. Idempotent: does nothing when the demo
// organisation exists. Passwords are random, generated here and returned once so that the
// launcher can print them; only hashes are stored.
//
//   import { seedDemo } from './prisma/seed';   const result = await seedDemo(prisma);
//   npx tsx prisma/seed.ts                        (uses DATABASE_URL or the embedded PostgreSQL default)
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { PrismaClient } from './generated/client';
import { hashPassword } from '../app/lib/auth/password';
import { computeHa1, sipRealm } from '../app/lib/agents/sip-digest';
import { DEMO_FLOW_DOCUMENT } from './seed-data/demo-flow';

export const DEMO_ORGANIZATION_SLUG = 'demo';
export const DEMO_NUMBER = '+33199001234';
export const DEMO_ADMIN_EMAIL = 'admin@relais.local';

export interface SeedDemoResult {
  /** False when the demo organisation already existed (nothing was written, no passwords). */
  created: boolean;
  admin?: { email: string; password: string };
  /** Every user created, with its password (admin included). */
  users?: { email: string; role: 'admin' | 'supervisor' | 'agent'; password: string }[];
  demoNumber: string;
  agents?: { name: string; extension: string; sipUsername: string; password: string; realm: string }[];
  organizationId?: string;
  flowId?: string;
}

/** A password a person can type: 16 characters from 96 random bits. */
function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}

const DEMO_USERS = [
  { email: DEMO_ADMIN_EMAIL, name: 'Admin Démo', role: 'admin' },
  { email: 'supervisor@relais.local', name: 'Superviseur Démo', role: 'supervisor' },
  { email: 'agent@relais.local', name: 'Alice Martin', role: 'agent' },
] as const;

const DEMO_AGENTS = [
  { name: 'Alice Martin', extension: '101', sipUsername: 'alice' },
  { name: 'Bruno Petit', extension: '102', sipUsername: 'bruno' },
] as const;

/** Mon–Fri 09:00–12:30 and 13:30–18:00. */
const DEMO_HOURS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, startMinute: 9 * 60, endMinute: 12 * 60 + 30 },
  { weekday, startMinute: 13 * 60 + 30, endMinute: 18 * 60 },
]);

export async function seedDemo(prisma: PrismaClient): Promise<SeedDemoResult> {
  const existing = await prisma.organization.findUnique({ where: { slug: DEMO_ORGANIZATION_SLUG } });
  if (existing) return { created: false, demoNumber: DEMO_NUMBER, organizationId: existing.id };

  const realm = sipRealm();
  // Hash outside the transaction: argon2 is deliberately slow.
  const users = await Promise.all(
    DEMO_USERS.map(async (u) => {
      const password = randomPassword();
      return { ...u, id: randomUUID(), password, hash: await hashPassword(password) };
    }),
  );
  const agents = DEMO_AGENTS.map((a) => {
    const password = randomPassword();
    return { ...a, password, ha1: computeHa1(a.sipUsername, realm, password) };
  });

  const ids = await prisma.$transaction(
    async (tx) => {
      const org = await tx.organization.create({
        data: { name: 'Relais Démo', slug: DEMO_ORGANIZATION_SLUG, timezone: 'Europe/Paris', defaultLanguage: 'fr' },
      });
      for (const u of users) {
        await tx.user.create({
          // The admin's password is printed once at the first start: they are asked to choose their own.
          data: { id: u.id, organizationId: org.id, email: u.email, name: u.name, role: u.role, locale: 'fr', emailVerified: true, mustChangePassword: u.role === 'admin' },
        });
        await tx.account.create({ data: { id: randomUUID(), userId: u.id, accountId: u.id, providerId: 'credential', password: u.hash } });
      }
      const admin = users.find((u) => u.role === 'admin')!;
      const agentUser = users.find((u) => u.role === 'agent')!;

      const agentRows = [];
      for (const [index, a] of agents.entries()) {
        agentRows.push(
          await tx.agent.create({
            data: {
              organizationId: org.id,
              userId: index === 0 ? agentUser.id : null,
              name: a.name,
              extension: a.extension,
              sipUsername: a.sipUsername,
              sipRealm: realm,
              sipHa1: a.ha1,
              status: 'available',
            },
          }),
        );
      }

      const calendar = await tx.calendar.create({
        data: {
          organizationId: org.id,
          name: 'Horaires du standard',
          timezone: 'Europe/Paris',
          holidayCountry: 'FR',
          ranges: { create: DEMO_HOURS },
        },
      });

      const group = await tx.queueGroup.create({
        data: {
          organizationId: org.id,
          name: 'Accueil',
          ringTimeSeconds: 20,
          members: { create: agentRows.map((agent, position) => ({ agentId: agent.id, position })) },
        },
      });

      // The fixture names placeholder ids; point them at what was just created.
      const document = remapReferences(DEMO_FLOW_DOCUMENT, {
        groups: group.id,
        calendars: calendar.id,
        agents: agentRows[0].id,
      });
      const flow = await tx.flow.create({
        data: { organizationId: org.id, name: 'Démo Relais', description: String(document.description ?? '') || null },
      });
      const now = new Date();
      await tx.flowVersion.create({
        data: {
          organizationId: org.id,
          flowId: flow.id,
          status: 'published',
          number: 1,
          document: document as object,
          note: 'Version de démonstration',
          authorId: admin.id,
          publishedAt: now,
        },
      });
      await tx.flowVersion.create({
        data: { organizationId: org.id, flowId: flow.id, status: 'draft', revision: 1, document: document as object, authorId: admin.id },
      });
      await tx.phoneNumber.create({ data: { organizationId: org.id, e164: DEMO_NUMBER, label: 'Numéro de démo', flowId: flow.id } });
      await tx.auditLog.create({
        data: { organizationId: org.id, userId: admin.id, action: 'seed.create', entityType: 'organization', entityId: org.id },
      });
      return { organizationId: org.id, flowId: flow.id };
    },
    { maxWait: 20_000, timeout: 60_000 },
  );

  const admin = users.find((u) => u.role === 'admin')!;
  return {
    created: true,
    admin: { email: admin.email, password: admin.password },
    users: users.map((u) => ({ email: u.email, role: u.role, password: u.password })),
    demoNumber: DEMO_NUMBER,
    agents: agents.map((a) => ({ name: a.name, extension: a.extension, sipUsername: a.sipUsername, password: a.password, realm })),
    ...ids,
  };
}

type ReferenceTargets = { groups: string; calendars: string; agents: string };

/** Replaces the fixture's placeholder ids (grp_*, cal_*, agt_*) by real ones, everywhere in the document. */
function remapReferences(document: Record<string, unknown>, targets: ReferenceTargets): Record<string, unknown> {
  const placeholders: [RegExp, string][] = [
    [/^grp_/, targets.groups],
    [/^cal_/, targets.calendars],
    [/^(agt|agent)_/, targets.agents],
  ];
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    if (typeof value === 'string' && key && /Id$/.test(key)) {
      for (const [pattern, id] of placeholders) if (pattern.test(value)) return id;
    }
    return value;
  };
  return walk(document) as Record<string, unknown>;
}

// `npx tsx prisma/seed.ts`: seed the database of DATABASE_URL (or the embedded default).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { createPrismaClient } = await import('./client');
  const prisma = createPrismaClient();
  try {
    const result = await seedDemo(prisma);
    if (!result.created) {
      console.log(`seed: the demo organisation exists already; nothing changed (demo number ${result.demoNumber})`);
    } else {
      console.log('seed: created the demo organisation');
      for (const u of result.users ?? []) console.log(`  ${u.role.padEnd(10)} ${u.email}  password: ${u.password}`);
      for (const a of result.agents ?? []) console.log(`  SIP agent  ${a.sipUsername}@${a.realm} (ext ${a.extension})  password: ${a.password}`);
      console.log(`  demo number ${result.demoNumber} → flow "Démo Relais" (version 1 published)`);
    }
  } finally {
    await prisma.$disconnect();
  }
}
