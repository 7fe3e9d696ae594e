// better-auth configuration: email + password sign-in (argon2id via ./password.ts), database
// sessions stored through Prisma, no public sign-up (admins create users, see
// app/lib/users/create-user.ts). Server-only.
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { getPrisma } from '@/prisma/client';
import { CLIENT_ADDRESS_HEADER, isClientAddressHeaderTrusted } from './client-address';
import { hashPassword, verifyPassword } from './password';
import { checkPasswordStrength, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, weakPasswordMessage } from './password-strength';

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
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
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
    // better-auth's own limiter (per address and path) stays for its other endpoints, in
    // production only (tests call them many times). Email sign-in has its own limits instead
    // (./sign-in-limiter.ts: per address and per account, counting failures only), since
    // better-auth's 3 tries per 10 s would count a whole contact centre behind one NAT address.
    rateLimit: {
      enabled: process.env.NODE_ENV === 'production' && process.env.RELAIS_TEST !== '1',
      customRules: { '/sign-in/email': false },
    },
    // Never read the client's own X-Forwarded-For: app/server.ts resolves the address (socket
    // peer, or the header via TRUSTED_PROXIES) into CLIENT_ADDRESS_HEADER. Without app/server.ts
    // in front, that header could come from the client, so address tracking is off.
    // better-auth turns its Origin/CSRF checks off by itself whenever NODE_ENV is "test" or
    // TEST is set (vitest sets TEST, and child processes inherit it). Keep them on always, so
    // tests see what users get: a cookie request, or a browser sign-in, without our Origin is
    // refused (403), like the API's own rule (app/lib/security/write-origin.ts).
    advanced: {
      disableOriginCheck: false,
      disableCSRFCheck: false,
      ipAddress: isClientAddressHeaderTrusted() ? { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] } : { disableIpTracking: true },
    },
    // New passwords set through better-auth (change, reset) must be hard to guess, as for
    // users created by an admin (app/lib/users/create-user-account.ts).
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/change-password' && ctx.path !== '/reset-password') return;
        const password = (ctx.body as { newPassword?: unknown } | undefined)?.newPassword;
        if (typeof password !== 'string') return;
        const verdict = await checkPasswordStrength(password);
        if (verdict.ok) return;
        throw new APIError('BAD_REQUEST', {
          code: 'PASSWORD_TOO_WEAK',
          message: `/newPassword: ${weakPasswordMessage(verdict.reason!)}`,
          path: '/newPassword',
          reason: verdict.reason,
        });
      }),
    },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { relaisAuth?: Auth };

/** The process-wide better-auth instance (created lazily so builds need no secret). */
export function getAuth(): Auth {
  globalForAuth.relaisAuth ??= createAuth();
  return globalForAuth.relaisAuth;
}
