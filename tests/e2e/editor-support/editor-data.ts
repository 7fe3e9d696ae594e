// Data for the editor's browser tests, the editor bench and manual checks: an organisation
// with a calendar, two queue groups, and a flow whose draft is a given document (the empty
// flow of a new draft by default).
//   DATABASE_URL=… npx tsx tests/e2e/editor-support/editor-data.ts   (prints a user and a flow)
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPrismaClient, type PrismaClient } from '@/prisma/client';
import { createUserWithPassword } from '@/app/lib/users/create-user';
import { emptyFlowDocument } from '@/app/lib/flows/empty-flow-document';

export interface EditorData {
  organizationId: string;
  user: { email: string; password: string };
  calendarId: string;
  groupIds: [string, string];
}

export async function createEditorOrganization(prisma: PrismaClient, options: { locale?: string; ids?: Partial<{ calendar: string; groups: [string, string] }> } = {}): Promise<EditorData> {
  const suffix = randomBytes(4).toString('hex');
  const organization = await prisma.organization.create({ data: { name: `Editor ${suffix}`, slug: `editor-${suffix}` } });
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const email = `editor-${suffix}@test.relais.local`;
  await createUserWithPassword(prisma, { organizationId: organization.id, email, name: 'Editor admin', role: 'admin', password, locale: options.locale ?? 'en' });
  const calendar = await prisma.calendar.create({
    data: { ...(options.ids?.calendar ? { id: options.ids.calendar } : {}), organizationId: organization.id, name: 'Office hours', ranges: { create: [{ weekday: 1, startMinute: 540, endMinute: 1080 }] } },
  });
  const [sales, support] = await Promise.all(
    (['Sales', 'Support'] as const).map((name, i) =>
      prisma.queueGroup.create({ data: { ...(options.ids?.groups ? { id: options.ids.groups[i] } : {}), organizationId: organization.id, name } }),
    ),
  );
  return { organizationId: organization.id, user: { email, password }, calendarId: calendar.id, groupIds: [sales.id, support.id] };
}

export async function createFlowWithDraft(prisma: PrismaClient, organizationId: string, name: string, document?: unknown): Promise<string> {
  const flow = await prisma.flow.create({ data: { organizationId, name } });
  await prisma.flowVersion.create({
    data: { organizationId, flowId: flow.id, status: 'draft', document: (document ?? emptyFlowDocument(name, 'en')) as object },
  });
  return flow.id;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const prisma = createPrismaClient(process.env.DATABASE_URL);
  const data = await createEditorOrganization(prisma, { locale: process.argv[2] ?? 'en' });
  const flowId = await createFlowWithDraft(prisma, data.organizationId, 'Reception');
  console.log(JSON.stringify({ ...data, flowId }, null, 2));
  await prisma.$disconnect();
}
