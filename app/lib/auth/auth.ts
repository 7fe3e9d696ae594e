// better-auth configuration: email + password sign-in (argon2id via ./password.ts), database
// sessions stored through Prisma, no public sign-up (admins create users, see
// app/lib/users/create-user.ts). Server-only.
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { getPrisma } from '@/prisma/client';
import { hashPassword, verifyPassword } from './password';

/** Hosts accepted when BETTER_AUTH_URL is not set: the product runs on loopback by default. */
const LOOPBACK_HOSTS = ['localhost', 'localhost:*', '127.0.0.1', '127.0.0.1:*', '[::1]', '[::1]:*'];

function baseUrlConfig() {
  const fixed = process.env.BETTER_AUTH_URL;
  if (fixed) return fixed;
  const extra = (process.env.BETTER_AUTH_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  return { allowedHosts: [...LOOPBACK_HOSTS, ...extra], protocol: 'http' as const };
}

function createAuth() {
  const secret = process.env.BETTER_AUTH_SECRET;
  if (!secret && process.env.NODE_ENV === 'production' && process.env.NEXT_PHASE !== 'phase-production-build') {
    throw new Error('BETTER_AUTH_SECRET is not set: scripts/start.ts generates one; set it when running the app another way');
  }
  return betterAuth({
    appName: 'Relais',
    secret,
    baseURL: baseUrlConfig(),
    database: prismaAdapter(getPrisma(), { provider: 'postgresql', transaction: true }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 8,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    user: {
      additionalFields: {
        organizationId: { type: 'string', required: true, input: false },
        role: { type: 'string', required: true, defaultValue: 'agent', input: false },
        locale: { type: 'string', required: false, defaultValue: 'fr', input: false },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
    },
    // Sign-in attempts are rate limited in production only (tests sign in many times).
    rateLimit: { enabled: process.env.NODE_ENV === 'production' && process.env.RELAIS_TEST !== '1' },
    plugins: [nextCookies()],
    // better-auth turns its Origin/CSRF checks off by itself whenever NODE_ENV is "test" or
    // TEST is set (vitest sets TEST, and child processes inherit it). Keep them on always, so
    // tests see what users get: a cookie request, or a browser sign-in, without our Origin is
    // refused (403), like the API's own rule (app/lib/security/write-origin.ts).
    advanced: { disableOriginCheck: false, disableCSRFCheck: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { relaisAuth?: Auth };

/** The process-wide better-auth instance (created lazily so builds need no secret). */
export function getAuth(): Auth {
  globalForAuth.relaisAuth ??= createAuth();
  return globalForAuth.relaisAuth;
}
