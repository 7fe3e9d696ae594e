// Reads the multipart/form-data of a sound upload (fields: file, name, language) and checks
// the fields against schemas/api/sound-upload.schema.json. The body is counted while it
// streams and abandoned past SOUND_UPLOAD_LIMIT (a chunked upload is never buffered whole).
import { SOUND_FILE_LIMIT, SOUND_UPLOAD_RULE } from '@/app/lib/api/body-limits';
import { ApiError } from '@/app/lib/api/errors';
import { payloadTooLarge, readBodyBytes } from '@/app/lib/api/read-body';
import { assertStorableJson, assertValid } from '@/app/lib/api/validate-body';
import type { UploadSoundInput } from './upload-sound';

export const MAX_SOUND_BYTES = SOUND_FILE_LIMIT;

export async function readSoundUpload(req: Request, defaultLanguage = 'fr'): Promise<UploadSoundInput> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the sound as multipart/form-data with the fields file, name and language', { path: '' });
  }
  const body = await readBodyBytes(req, SOUND_UPLOAD_RULE);
  let form: FormData;
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': type } }).formData();
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
  assertStorableJson(fields);
  assertValid('SoundUpload', fields);
  const blob = file as Blob;
  const originalName = 'name' in blob && typeof blob.name === 'string' ? blob.name : null;
  // The file's own name is stored too (PostgreSQL refuses NUL in text).
  if (originalName !== null) assertStorableJson({ file: originalName });
  if (blob.size > MAX_SOUND_BYTES) throw payloadTooLarge(SOUND_UPLOAD_RULE);
  if (blob.size === 0) throw new ApiError('VALIDATION_FAILED', 'The file is empty', { path: '/file' });
  return {
    name: fields.name as string,
    language: fields.language as string,
    originalName,
    file: Buffer.from(await blob.arrayBuffer()),
  };
}
