import type { UserRole } from '@/app/lib/auth/current-user';

/** Who may list, create, change and remove the organisation's users: admins only. */
export const USER_ADMINS: readonly UserRole[] = ['admin'];
