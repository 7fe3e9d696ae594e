import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/app/lib/auth/require-user';
import { listApiTokens } from '@/app/lib/api-tokens/list-api-tokens';
import { TokensList, type TokenRow } from './tokens-list';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('tokens'))('title') };
}

/** The signed-in user's own personal API tokens (any role; reached from the user menu). */
export default async function TokensPage() {
  const user = await requireUser();
  const tokens = await listApiTokens(user);
  const rows: TokenRow[] = tokens.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
  }));
  return <TokensList tokens={rows} />;
}
