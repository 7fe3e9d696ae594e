// The wrapper every REST route handler goes through:
//   export const GET = withApi({ roles: ['admin'] }, async (req, { user, params }) => ({ ... }));
// 1. authenticates (session cookie or API token) → 401 UNAUTHENTICATED; a session-cookie
//    write without our Origin → 403 ORIGIN_REFUSED (app/lib/security/write-origin.ts);
// 2. checks the role → 403 FORBIDDEN;
// 3. runs the handler; a returned plain value becomes a 200 JSON response;
// 4. turns ApiError, known Prisma errors and anything else into the JSON error shape.
import { ApiError } from './errors';
import { WRITE_ORIGIN_MESSAGES, writeOriginProblem } from '@/app/lib/security/write-origin';
import { toApiError } from './prisma-errors';
import { getCurrentUser, hasRole, type CurrentUser, type UserRole } from '@/app/lib/auth/current-user';

type Params = Record<string, string | string[]>;

export interface ApiContext<P extends Params = Params> {
  user: CurrentUser;
  params: P;
}

export interface PublicApiContext<P extends Params = Params> {
  user: CurrentUser | null;
  params: P;
}

/** Next.js 16 passes dynamic segments as a promise. */
type RouteContext = { params: Promise<Params> };
export type RouteHandler = (req: Request, ctx: RouteContext) => Promise<Response>;

export function withApi<P extends Params = Params>(
  options: { roles?: readonly UserRole[]; public?: false },
  handler: (req: Request, ctx: ApiContext<P>) => Promise<unknown>,
): RouteHandler;
export function withApi<P extends Params = Params>(
  options: { public: true },
  handler: (req: Request, ctx: PublicApiContext<P>) => Promise<unknown>,
): RouteHandler;
export function withApi<P extends Params = Params>(
  options: { roles?: readonly UserRole[]; public?: boolean },
  handler: (req: Request, ctx: ApiContext<P>) => Promise<unknown>,
): RouteHandler {
  return async (req, ctx) => {
    try {
      const params = ((await ctx?.params) ?? {}) as P;
      const user = await getCurrentUser(req.headers);
      if (!user && !options.public) {
        throw new ApiError('UNAUTHENTICATED', 'Sign in, or send an API token as "Authorization: Bearer <token>"');
      }
      // CSRF: a cookie write must say it comes from one of our pages; token writes need not.
      const originProblem = user?.via === 'session' ? writeOriginProblem(req.method, req.headers) : null;
      if (originProblem) throw new ApiError('ORIGIN_REFUSED', WRITE_ORIGIN_MESSAGES[originProblem]);
      if (user && !options.public && !hasRole(user, options.roles)) {
        throw new ApiError('FORBIDDEN', `This needs one of the roles: ${options.roles!.join(', ')}; you are ${user.role}`);
      }
      const result = await handler(req, { user: user as CurrentUser, params });
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: 204 });
      return Response.json(result);
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.code === 'INTERNAL') console.error(`api: ${req.method} ${new URL(req.url).pathname} failed`, err);
      const retryAfter = apiError.details?.retryAfter;
      const headers = typeof retryAfter === 'number' ? { ...noStore, 'retry-after': String(retryAfter) } : noStore;
      return Response.json(apiError.toBody(), { status: apiError.status, headers });
    }
  };
}

const noStore = { 'cache-control': 'no-store' };

/** A JSON response with a status other than 200 (e.g. 201 Created). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...noStore, ...headers } });
}

/** 204 No Content (e.g. after a delete). */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}
