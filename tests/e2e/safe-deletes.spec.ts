// Issue 16 item 1, as an admin sees it, in French and in English: deleting a group the live flow
// uses is refused and the dialog names the flow (a link to it); an unused group is deleted; a
// number routed to the live flow asks first, naming the flow; the flow's page lists what it
// uses and what uses it.
import type { PrismaClient } from '@/prisma/client';
import { createUser } from '@/tests/support/factories';
import { expect, test } from './support/fixtures';

const TEXTS = {
  fr: {
    groups: 'Groupes',
    deleteGroupTitle: 'Supprimer le groupe ?',
    refused: 'Impossible de supprimer « Support » tant que ces éléments l’utilisent :',
    live: 'version en ligne 1',
    draft: 'brouillon',
    close: 'Fermer',
    delete: 'Supprimer',
    deleteNamed: (name: string) => `Supprimer ${name}`,
    numbers: 'Numéros',
    deleteNumberTitle: 'Supprimer le numéro ?',
    numberRoutes: 'Ce numéro achemine les appels vers le flux en ligne « Accueil ».',
    deleteAnyway: 'Supprimer quand même',
    uses: 'Ce que ce flux utilise',
    usedBy: 'Ce qui utilise ce flux',
    usedIn: '(brouillon, version en ligne)',
    noNumber: 'Aucun numéro n’achemine d’appels vers ce flux.',
    flows: 'Flux',
    deleteFlowTitle: 'Supprimer le flux ?',
    flowRefused: 'Impossible de supprimer « Accueil » tant que ces éléments l’utilisent :',
  },
  en: {
    groups: 'Groups',
    deleteGroupTitle: 'Delete this group?',
    refused: '“Support” cannot be deleted while these use it:',
    live: 'live version 1',
    draft: 'draft',
    close: 'Close',
    delete: 'Delete',
    deleteNamed: (name: string) => `Delete ${name}`,
    numbers: 'Numbers',
    deleteNumberTitle: 'Delete this number?',
    numberRoutes: 'This number routes calls to the live flow “Accueil”.',
    deleteAnyway: 'Delete anyway',
    uses: 'What this flow uses',
    usedBy: 'What uses this flow',
    usedIn: '(draft, live version)',
    noNumber: 'No number routes calls to this flow.',
    flows: 'Flows',
    deleteFlowTitle: 'Delete this flow?',
    flowRefused: '“Accueil” cannot be deleted while these use it:',
  },
} as const;

/** "Accueil" (live v1 and draft: voicemail to Support), "Débordement" (draft: redirects to Accueil), a number to Accueil, an unused group. */
async function seed(prisma: PrismaClient, organizationId: string) {
  const support = await prisma.queueGroup.create({ data: { organizationId, name: 'Support' } });
  await prisma.queueGroup.create({ data: { organizationId, name: 'Ancien' } });
  const doc = (entry: { type: string; label: string; config: Record<string, unknown> }): object => ({
    schemaVersion: 1, name: 'Doc', language: 'fr', entry: 'start',
    nodes: [{ id: 'start', position: { x: 0, y: 0 }, ...entry }],
    edges: [],
  });
  const accueil = await prisma.flow.create({ data: { organizationId, name: 'Accueil' } });
  const accueilDoc = doc({ type: 'voicemail', label: 'Messagerie', config: { mailbox: { kind: 'group', groupId: support.id } } });
  await prisma.flowVersion.create({ data: { organizationId, flowId: accueil.id, status: 'published', number: 1, document: accueilDoc, publishedAt: new Date() } });
  await prisma.flowVersion.create({ data: { organizationId, flowId: accueil.id, status: 'draft', document: accueilDoc } });
  const overflow = await prisma.flow.create({ data: { organizationId, name: 'Débordement' } });
  await prisma.flowVersion.create({ data: { organizationId, flowId: overflow.id, status: 'draft', document: doc({ type: 'redirect', label: 'Vers l’accueil', config: { target: { kind: 'flow', flowId: accueil.id } } }) } });
  const e164 = `+3319800${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
  await prisma.phoneNumber.create({ data: { organizationId, e164, flowId: accueil.id, label: 'Standard' } });
  return { accueil, e164 };
}

for (const lang of ['fr', 'en'] as const) {
  test(`${lang}: a group used by a live flow cannot be deleted; the flow page lists what it uses`, async ({ page, prisma, admin, signIn, snapshot }) => {
    const t = TEXTS[lang];
    await page.setViewportSize({ width: 1280, height: 720 });
    const user = await createUser(prisma, admin.organizationId, 'admin', lang);
    const { accueil, e164 } = await seed(prisma, admin.organizationId);
    await signIn(user);
    const nav = page.getByRole('navigation');

    // The group the live flow uses: refused, the flow and its versions named.
    await nav.getByRole('link', { name: t.groups, exact: true }).click();
    await page.getByRole('button', { name: t.deleteNamed('Support') }).click();
    const dialog = page.getByRole('alertdialog', { name: t.deleteGroupTitle });
    await expect(dialog.getByText(t.refused)).toBeVisible();
    const uses = dialog.locator('.usage-flows li');
    await expect(uses).toHaveCount(2);
    await expect(uses.filter({ hasText: t.draft })).toContainText('Accueil');
    await expect(uses.filter({ hasText: t.live })).toContainText('Accueil');
    await expect(dialog.getByRole('link', { name: 'Accueil' }).first()).toHaveAttribute('href', `/flows/${accueil.id}`);
    await expect(dialog.getByRole('button', { name: t.delete, exact: true })).toHaveCount(0);
    await snapshot(`safe-deletes-group-refused-${lang}`);
    await dialog.getByRole('button', { name: t.close }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('link', { name: 'Support', exact: true })).toBeVisible();

    // A group no flow uses goes at once.
    await page.getByRole('button', { name: t.deleteNamed('Ancien') }).click();
    await page.getByRole('alertdialog', { name: t.deleteGroupTitle }).getByRole('button', { name: t.delete, exact: true }).click();
    await expect(page.getByRole('link', { name: 'Ancien', exact: true })).toHaveCount(0);

    // The flow's page, reached from the refusal: what it uses, what uses it.
    await page.getByRole('button', { name: t.deleteNamed('Support') }).click();
    await dialog.getByRole('link', { name: 'Accueil' }).first().click();
    await expect(page).toHaveURL(new RegExp(`/flows/${accueil.id}$`));
    const usesSection = page.getByRole('region', { name: t.uses });
    await expect(usesSection.getByRole('link', { name: 'Support' })).toBeVisible();
    await expect(usesSection).toContainText(t.usedIn);
    const usedBy = page.getByRole('region', { name: t.usedBy });
    await expect(usedBy.getByRole('link', { name: e164 })).toBeVisible();
    await expect(usedBy.getByRole('link', { name: 'Débordement' })).toBeVisible();
    await expect(usedBy).toContainText(t.draft);
    await snapshot(`safe-deletes-flow-page-${lang}`);

    // The number routed to the live flow: deleted only once the admin has read which flow it feeds.
    await nav.getByRole('link', { name: t.numbers, exact: true }).click();
    await page.getByRole('button', { name: t.deleteNamed(e164) }).click();
    const numberDialog = page.getByRole('alertdialog', { name: t.deleteNumberTitle });
    await expect(numberDialog.getByText(t.numberRoutes)).toBeVisible();
    await numberDialog.getByRole('button', { name: t.deleteAnyway }).click();
    await expect(numberDialog).toBeHidden();
    await expect(page.getByRole('cell', { name: e164 })).toHaveCount(0);

    // Back on the flow's page, no number feeds it any more.
    await page.goto(`/flows/${accueil.id}`);
    await expect(page.getByRole('region', { name: t.usedBy })).toContainText(t.noNumber);

    // The flow itself: another flow's draft still redirects to it.
    await nav.getByRole('link', { name: t.flows, exact: true }).click();
    await page.getByRole('button', { name: t.deleteNamed('Accueil') }).click();
    const flowDialog = page.getByRole('alertdialog', { name: t.deleteFlowTitle });
    await expect(flowDialog.getByText(t.flowRefused)).toBeVisible();
    await expect(flowDialog.locator('.usage-flows li')).toHaveText([`Débordement — ${t.draft} (${lang === 'fr' ? 'étape' : 'step'} Vers l’accueil)`]);
    await flowDialog.getByRole('button', { name: t.close }).click();
    await expect(page.getByRole('link', { name: 'Accueil', exact: true })).toBeVisible();
  });
}
