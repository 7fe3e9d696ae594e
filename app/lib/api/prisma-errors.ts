// Maps what can escape a domain function to an ApiError. Unique-constraint violations become
// 409 CONFLICT (a race lost against a pre-check), missing rows 404; the rest is INTERNAL.
import { ApiError, notAvailable } from './errors';

/** Values unique across organisations (see notAvailable). */
const PLATFORM_UNIQUE = new Set(['email', 'sipUsername', 'e164']);

interface PrismaLikeError {
  code?: string;
  meta?: { target?: unknown; modelName?: string; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } };
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const code = (err as PrismaLikeError | null)?.code;
  if (code === 'P2002') {
    const meta = (err as PrismaLikeError).meta;
    const fields = Array.isArray(meta?.target)
      ? (meta!.target as string[])
      : meta?.driverAdapterError?.cause?.constraint?.fields ?? [];
    const field = fields.filter((f) => f !== 'organizationId' && f !== 'sipRealm').at(-1);
    // A race lost on a platform-wide unique value answers like the pre-check does.
    if (field && PLATFORM_UNIQUE.has(field)) return notAvailable(field);
    return new ApiError('CONFLICT', field ? `This ${field} is already in use` : 'This value is already in use', {
      path: field ? `/${field}` : undefined,
    });
  }
  if (code === 'P2025') return new ApiError('NOT_FOUND', 'The object was not found');
  return new ApiError('INTERNAL', 'Something went wrong on the server; the request changed nothing. Details are in the server log.');
}
