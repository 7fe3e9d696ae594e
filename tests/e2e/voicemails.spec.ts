// Voicemail in the admin, as a user meets it: the seeded message is listed with its caller,
// mailbox and duration; playing it in the browser really plays the stored WAV (it ends, and its
// duration is the stored one) and marks it listened; "new only" then hides it; it can be marked
// new again, downloaded and deleted after a confirmation; the page speaks French and English.
import wavefile from 'wavefile';
import { createUser } from '@/tests/support/factories';
import { expect, test } from './support/fixtures';

const DURATION_MS = 3200;
const CALLER = '+33612345678';

/** A PCM16 8 kHz mono WAV, like the runtime records: a 440 Hz tone lasting `ms`. */
function toneWav(ms: number): Uint8Array<ArrayBuffer> {
  const samples = new Int16Array(Math.round((ms * 8000) / 1000));
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000));
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, 8000, '16', samples);
  return new Uint8Array(wav.toBuffer());
}

test('voicemail: listen, listened, new-only filter, mark new, download, delete, French', async ({ page, admin, prisma, signIn, snapshot }) => {
  const group = await prisma.queueGroup.create({ data: { organizationId: admin.organizationId, name: 'Accueil' } });
  await prisma.voicemail.create({
    data: { organizationId: admin.organizationId, mailboxKind: 'group', groupId: group.id, caller: CALLER, durationMs: DURATION_MS, audio: toneWav(DURATION_MS) },
  });

  await signIn(admin);
  const navLink = page.getByRole('navigation').getByRole('link', { name: /^Voicemail/ });
  await expect(navLink).toContainText('1 new message');
  await navLink.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Voicemail' })).toBeVisible();
  await expect(page.getByTestId('voicemail-unread-count')).toHaveText('1 new message.');

  const row = page.getByTestId('voicemail-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(CALLER);
  await expect(row).toContainText('Group Accueil');
  await expect(row).toContainText('0:03');
  await expect(row).toContainText('New');
  await snapshot('voicemails-new');

  // Play: the click on the player gives the page the user activation audio needs. Chromium
  // fetches media with Range requests; the server answers them with 206.
  const audioStatuses: number[] = [];
  page.on('response', (res) => {
    if (/\/api\/voicemails\/[^/]+\/audio$/.test(new URL(res.url()).pathname)) audioStatuses.push(res.status());
  });
  const audio = row.locator('audio');
  await expect(audio).toHaveAttribute('preload', 'none');
  await audio.click();
  await audio.evaluate((el: HTMLAudioElement) => (el.paused ? el.play() : undefined));
  await expect(row).toContainText('Listened');
  await expect(row.getByRole('button', { name: `Mark the message from ${CALLER} as new` })).toBeVisible();
  await audio.evaluate((el: HTMLAudioElement) => new Promise<void>((resolve, reject) => {
    if (el.ended) return resolve();
    el.addEventListener('ended', () => resolve(), { once: true });
    el.addEventListener('error', () => reject(new Error(`audio error ${el.error?.code}`)), { once: true });
  }));
  const played = await audio.evaluate((el: HTMLAudioElement) => ({ duration: el.duration, currentTime: el.currentTime, ended: el.ended }));
  expect(played.ended).toBe(true);
  expect(Math.abs(played.duration - DURATION_MS / 1000)).toBeLessThanOrEqual(0.2);
  expect(played.currentTime).toBeGreaterThan(DURATION_MS / 1000 - 0.2);
  expect(audioStatuses.length).toBeGreaterThan(0);
  expect(audioStatuses.every((status) => status === 206)).toBe(true);
  await expect(navLink).not.toContainText('new message');
  await expect(page.getByTestId('voicemail-unread-count')).toHaveText('No new messages.');

  // Stored, not only shown: still listened after a reload; "new only" hides it.
  await page.reload();
  await expect(row).toContainText('Listened');
  await page.getByLabel('New messages only').check();
  await expect(page).toHaveURL(/\/voicemails\?unread=1$/);
  await expect(row).toHaveCount(0);
  await expect(page.getByText('No voicemail matches these filters.')).toBeVisible();
  await page.getByLabel('New messages only').uncheck();
  await expect(row).toHaveCount(1);

  // Manually back to new: the filter shows it again.
  await row.getByRole('button', { name: `Mark the message from ${CALLER} as new` }).click();
  await expect(row).toContainText('New');
  await expect(navLink).toContainText('1 new message');
  await page.getByLabel('New messages only').check();
  await expect(row).toHaveCount(1);
  await page.getByLabel('New messages only').uncheck();

  // Download: the WAV itself.
  const downloading = page.waitForEvent('download');
  await row.getByRole('link', { name: `Download the message from ${CALLER} (WAV)` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^voicemail-\d{8}-\d{4}-\+33612345678\.wav$/);

  // French.
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'FR' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Messagerie vocale' })).toBeVisible();
  await expect(row).toContainText('Groupe Accueil');
  await expect(row).toContainText('Nouveau');
  await expect(page.getByRole('navigation').getByRole('link', { name: /^Messagerie vocale/ })).toContainText('1 nouveau message');
  await snapshot('voicemails-fr');

  // Delete, after a confirmation (cancel first: nothing happens).
  await row.getByRole('button', { name: `Supprimer le message de ${CALLER}` }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Supprimer ce message vocal ?' });
  await expect(dialog).toContainText(CALLER);
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: `Supprimer le message de ${CALLER}` }).click();
  await dialog.getByRole('button', { name: 'Supprimer' }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByText('Aucun message vocal pour l’instant.', { exact: false })).toBeVisible();
  expect(await prisma.voicemail.count({ where: { organizationId: admin.organizationId } })).toBe(0);

  await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'EN' }).click();
  await expect(page.getByText('No voicemail yet.', { exact: false })).toBeVisible();
});

test('voicemail: an agent sees their groups’ messages only, and may not delete a group’s', async ({ page, admin, prisma, signIn }) => {
  const agentUser = await createUser(prisma, admin.organizationId, 'agent', 'en');
  const agent = await prisma.agent.create({
    data: { organizationId: admin.organizationId, userId: agentUser.id, name: 'Alice', sipUsername: `alice-${agentUser.id}`, sipRealm: 'relais.test', sipHa1: '0'.repeat(32) },
  });
  const reception = await prisma.queueGroup.create({ data: { organizationId: admin.organizationId, name: 'Accueil' } });
  const sales = await prisma.queueGroup.create({ data: { organizationId: admin.organizationId, name: 'Ventes' } });
  await prisma.groupMember.create({ data: { groupId: reception.id, agentId: agent.id, position: 0 } });
  for (const [groupId, caller] of [[reception.id, '+33611111111'], [sales.id, '+33622222222']]) {
    await prisma.voicemail.create({ data: { organizationId: admin.organizationId, mailboxKind: 'group', groupId, caller, durationMs: 1000, audio: toneWav(1000) } });
  }

  await signIn(agentUser);
  await page.getByRole('navigation').getByRole('link', { name: /^Voicemail/ }).click();
  const row = page.getByTestId('voicemail-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('+33611111111');
  await expect(row.getByRole('button', { name: /^Delete/ })).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Mark the message from +33611111111 as listened' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Mailbox' }).locator('option')).toHaveText(['All mailboxes', 'Group Accueil', 'Agent Alice']);
});
