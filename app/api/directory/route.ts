import { ApiError } from '@/app/lib/api/errors';
import { withApi } from '@/app/lib/api/handler';
import { DIRECTORY_KINDS, searchDirectory, type DirectoryKind } from '@/app/lib/agent-console/directory';
import { getPrisma } from '@/prisma/client';

export const dynamic = 'force-dynamic';

/** Agents, groups, flows and contacts of the organisation matching ?q= (accent-insensitive), of the ?kinds= asked (default all). */
export const GET = withApi({}, async (req, { user }) => {
  const params = new URL(req.url).searchParams;
  const q = (params.get('q') ?? '').slice(0, 100);
  const kindsParam = params.get('kinds');
  const kinds = kindsParam ? kindsParam.split(',').map((k) => k.trim()).filter(Boolean) : [...DIRECTORY_KINDS];
  const unknown = kinds.find((k) => !DIRECTORY_KINDS.includes(k as DirectoryKind));
  if (unknown) {
    throw new ApiError('VALIDATION_FAILED', `kinds: ${unknown} is not one of ${DIRECTORY_KINDS.join(', ')}`, {
      path: '/kinds', problems: [{ severity: 'error', code: 'kinds.invalid', message: `unknown kind ${unknown}`, path: '/kinds' }], details: { messageKey: 'calls.listErrors.invalidKinds' },
    });
  }
  return searchDirectory(getPrisma(), user.organizationId, q, kinds as DirectoryKind[]);
});
