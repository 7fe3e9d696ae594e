import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { displayPrefix, generateTokenSecret, hashTokenSecret } from './token-secret';
import { toApiTokenView, type ApiTokenView } from './api-token-view';

export interface CreateApiTokenInput {
  name: string;
  expiresInDays?: number | null;
}

/** Creates a personal API token acting as the caller; the secret is returned this once only. */
export async function createApiToken(
  user: Pick<CurrentUser, 'id' | 'organizationId'>,
  input: CreateApiTokenInput,
): Promise<ApiTokenView & { token: string }> {
  const secret = generateTokenSecret();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  return inTransaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        organizationId: user.organizationId,
        userId: user.id,
        name: input.name.trim(),
        prefix: displayPrefix(secret),
        tokenHash: hashTokenSecret(secret),
        expiresAt,
      },
    });
    await recordAudit(tx, user, { action: 'create', entityType: 'api_token', entityId: row.id, details: { name: row.name } });
    return { ...toApiTokenView(row), token: secret };
  });
}
