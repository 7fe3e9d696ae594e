// Issue 12, finding 3, as a user sees it: a sound file over 20 MB is refused on the page, at
// the file field, in the user's language, without being sent (the server would cut the
// upload at the limit anyway).
import { expect, test } from './support/fixtures';

test('a sound file over 20 MB is refused at the field before it is sent', async ({ page, admin, signIn, snapshot }) => {
  await signIn(admin);
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/sounds') posts.push(request.url());
  });
  await page.getByRole('navigation').getByRole('link', { name: 'Sounds' }).click();
  const big = Buffer.alloc(21 * 1024 * 1024);
  big.write('RIFF', 0);
  await page.getByLabel('Audio file').setInputFiles({ name: 'too-big.wav', mimeType: 'audio/wav', buffer: big });
  await page.getByLabel('Name', { exact: true }).fill('Trop gros');
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByText('This file is too large: at most 20 MB.')).toBeVisible();
  await snapshot('sound-too-large');
  expect(posts).toEqual([]);
});
