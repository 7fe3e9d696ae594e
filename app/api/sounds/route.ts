import { json, withApi } from '@/app/lib/api/handler';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { listSounds } from '@/app/lib/sounds/list-sounds';
import { readSoundUpload } from '@/app/lib/sounds/read-sound-upload';
import { uploadSound } from '@/app/lib/sounds/upload-sound';

export const dynamic = 'force-dynamic';

export const GET = withApi({}, async (req, { user }) => ({
  sounds: await listSounds(user, { language: new URL(req.url).searchParams.get('language') ?? undefined }),
}));

export const POST = withApi({ roles: RESOURCE_ADMINS }, async (req, { user }) =>
  json(await uploadSound(user, await readSoundUpload(req, user.locale === 'en' ? 'en' : 'fr')), 201),
);
