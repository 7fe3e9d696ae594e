// The other administration pages, driven like a user would: agents, a group of them with a
// cascade order, business hours, a forbidden-destination list and a sound upload.
import { expect, test } from './support/fixtures';

/** A short 8 kHz mono 16-bit WAV tone, as a file input accepts it. */
function toneWav(seconds = 0.5, rate = 8000): Buffer {
  const samples = Math.round(seconds * rate);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

test('agents, groups, business hours, forbidden destinations and sounds', async ({ page, admin, signIn, snapshot }) => {
  await signIn(admin);
  const nav = page.getByRole('navigation');

  // Agents: two phones.
  await nav.getByRole('link', { name: 'Agents' }).click();
  for (const [name, extension, username] of [
    ['Alice Bernard', '101', 'alice'],
    ['Bruno Petit', '102', 'bruno'],
  ]) {
    await page.getByRole('button', { name: 'New agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'New agent' });
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByLabel('Extension').fill(extension);
    await dialog.getByLabel('SIP username').fill(username);
    await dialog.getByLabel('SIP password').fill('correct horse battery');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(page.getByRole('cell', { name: 'Bruno Petit', exact: true })).toBeVisible();
  await snapshot('agents-list');

  // A group that rings Bruno first, then Alice.
  await nav.getByRole('link', { name: 'Groups' }).click();
  await page.getByRole('link', { name: 'New group' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Accueil');
  await page.getByLabel('Add a member').selectOption({ label: 'Alice Bernard (101)' });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByLabel('Add a member').selectOption({ label: 'Bruno Petit (102)' });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('button', { name: 'Move Bruno Petit up' }).click();
  await page.getByLabel('Ring time of Alice Bernard, in seconds').fill('3');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.locator('.member-list .field-error')).toBeVisible();
  await snapshot('group-editor-error');
  await page.getByLabel('Ring time of Alice Bernard, in seconds').fill('15');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page).toHaveURL(/\/groups$/);
  await expect(page.getByRole('row', { name: /Accueil/ })).toContainText('Bruno Petit → Alice Bernard');
  await snapshot('groups-list');

  // Business hours: the default week plus Saturday morning.
  await nav.getByRole('link', { name: 'Business hours' }).click();
  await page.getByRole('link', { name: 'New calendar' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Horaires du standard');
  await page.getByRole('button', { name: 'Add a range on Saturday' }).click();
  await page.getByRole('button', { name: 'Add an exception' }).click();
  await page.getByLabel('Date').fill('2026-12-24');
  await page.getByLabel('Label', { exact: true }).fill('Veille de Noël');
  await snapshot('calendar-editor');
  await page.getByRole('button', { name: 'Create calendar' }).click();
  await expect(page).toHaveURL(/\/calendars$/);
  await page.getByRole('link', { name: 'Horaires du standard' }).click();
  await expect(page.getByRole('group', { name: 'Saturday' }).locator('input[type="time"]')).toHaveCount(2);
  await expect(page.getByLabel('Label', { exact: true })).toHaveValue('Veille de Noël');

  // Forbidden destinations: a malformed prefix is refused at its field.
  await nav.getByRole('link', { name: 'Forbidden destinations' }).click();
  await page.getByRole('link', { name: 'New list' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Numéros surtaxés');
  await page.getByRole('button', { name: 'Add an entry' }).click();
  const third = page.getByRole('group', { name: 'Entry 3' });
  await third.getByLabel('Number or prefix').fill('+33-8-ABC');
  await page.getByRole('button', { name: 'Create list' }).click();
  await expect(third.locator('.field-error')).toHaveText('Digits, optionally after +, at most 15.');
  await snapshot('forbidden-editor-error');
  await third.getByLabel('Number or prefix').fill('+3390');
  await page.getByRole('button', { name: 'Create list' }).click();
  await expect(page).toHaveURL(/\/forbidden-destinations$/);
  await expect(page.getByRole('row', { name: /Numéros surtaxés/ })).toContainText('3 entries');

  // Sounds: upload a WAV, hear it listed.
  await nav.getByRole('link', { name: 'Sounds' }).click();
  await page.getByLabel('Audio file').setInputFiles({ name: 'bienvenue.wav', mimeType: 'audio/wav', buffer: toneWav() });
  await page.getByLabel('Name', { exact: true }).fill('Bienvenue');
  await page.getByRole('button', { name: 'Upload' }).click();
  const sound = page.getByTestId('sound-row').filter({ hasText: 'Bienvenue' });
  await expect(sound).toBeVisible();
  await expect(sound.locator('audio')).toHaveAttribute('src', /\/api\/sounds\/.+\/audio$/);
  const audio = await page.request.get((await sound.locator('audio').getAttribute('src'))!);
  expect(audio.status()).toBe(200);
  await snapshot('sounds-list');
});
