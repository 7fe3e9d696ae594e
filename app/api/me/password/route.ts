import { withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { changeOwnPassword, type PasswordChangeInput } from '@/app/lib/account/change-password';

export const dynamic = 'force-dynamic';

/** Changes the caller's own password (current one required) and signs out their other sessions. */
export const POST = withApi({}, async (req, { user }) => changeOwnPassword(user, req.headers, await validateBody<PasswordChangeInput>(req, 'PasswordChange')));
