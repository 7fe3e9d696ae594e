// Reads the multipart/form-data of a sound upload (fields: file, name, language) and checks
// the fields against schemas/api/sound-upload.schema.json.
import { ApiError } from '@/app/lib/api/errors';
import { assertValid } from '@/app/lib/api/validate-body';
import type { UploadSoundInput } from './upload-sound';

export const MAX_SOUND_BYTES = 20 * 1024 * 1024;

export async function readSoundUpload(req: Request, defaultLanguage = 'fr'): Promise<UploadSoundInput> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the sound as multipart/form-data with the fields file, name and language', { path: '' });
  }
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > MAX_SOUND_BYTES + 64 * 1024) throw tooLarge();
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw new ApiError('INVALID_JSON', 'The multipart body could not be read', { path: '' });
  }
  const file = form.get('file');
  const fields: Record<string, unknown> = {};
  if (file instanceof Blob) fields.file = 'uploaded';
  else if (file !== null) fields.file = null; // a text field named file: reported as the wrong type
  for (const key of ['name', 'language']) {
    const value = form.get(key);
    if (value !== null) fields[key] = typeof value === 'string' ? value : null;
  }
  if (fields.language === undefined) fields.language = defaultLanguage;
  for (const key of form.keys()) if (!['file', 'name', 'language'].includes(key)) fields[key] = 'unexpected';
  assertValid('SoundUpload', fields);
  const blob = file as Blob;
  if (blob.size > MAX_SOUND_BYTES) throw tooLarge();
  if (blob.size === 0) throw new ApiError('VALIDATION_FAILED', 'The file is empty', { path: '/file' });
  return {
    name: fields.name as string,
    language: fields.language as string,
    originalName: 'name' in blob && typeof blob.name === 'string' ? blob.name : null,
    file: Buffer.from(await blob.arrayBuffer()),
  };
}

function tooLarge(): ApiError {
  return new ApiError('PAYLOAD_TOO_LARGE', `Sounds are limited to ${MAX_SOUND_BYTES / 1024 / 1024} MB`, { path: '/file' });
}
