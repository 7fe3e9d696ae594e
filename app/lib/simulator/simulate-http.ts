// HTTP request steps of a simulated call, performed for real by the server: through
// flow-runtime/outbound-http with the organisation's allow-list, so exactly what a live call
// may reach (internal addresses refused, redirects checked, 1 MB answers, one deadline of at
// most 30 s). POST /api/flows/:id/simulate/http is limited per user (a token bucket:
// RELAIS_SIMULATE_HTTP_BURST at once, default 30, refilled at RELAIS_SIMULATE_HTTP_PER_MINUTE,
// default 30; over it 429 with Retry-After). Runs of saved cases (POST …/simulate, the
// publish gate) get a request count and a total time budget instead (serverHttp options).
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { ApiError, notFound } from '@/app/lib/api/errors';
import { TokenBuckets } from '@/app/lib/tts/tts-limits';
import { getPrisma } from '@/prisma/client';
import type { HttpHeader } from '@/flow-runtime/interpreter';
import { allowList, MAX_TIMEOUT_MS, OutboundHttpError, outboundRequest } from '@/flow-runtime/outbound-http';

/** The request fields of the interpreter's httpRequest effect (URL, headers and body already rendered). */
export interface SimulatedHttpRequest {
  method: string;
  url: string;
  headers: HttpHeader[];
  body: string | null;
  timeoutMs: number;
}

export type SimulatedHttpAnswer = { status: number; body: string } | { error: 'network' | 'timeout' | 'refused'; detail?: string };

export interface ServerHttpOptions {
  /** Real requests allowed in all (past it: `refused`, saying so). */
  maxRequests?: number;
  /** Total time all real requests may take (ms); each request's timeout is cut to what is left (then `timeout`). */
  budgetMs?: number;
}

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The organisation's outbound HTTP as a simulator `http` function (allow-list read once per run). */
export function serverHttp(organizationId: string, options: ServerHttpOptions = {}): (request: SimulatedHttpRequest) => Promise<SimulatedHttpAnswer> {
  let allowed: Promise<readonly string[]> | undefined;
  let count = 0;
  let spentMs = 0;
  return async (request) => {
    if (options.maxRequests !== undefined && count >= options.maxRequests) {
      return { error: 'refused', detail: `at most ${options.maxRequests} real HTTP requests per run; type an answer for this step in the test case` };
    }
    const left = options.budgetMs === undefined ? MAX_TIMEOUT_MS : options.budgetMs - spentMs;
    if (left <= 0) return { error: 'timeout', detail: 'the run has used its time for real HTTP requests' };
    count++;
    allowed ??= getPrisma()
      .organization.findUnique({ where: { id: organizationId }, select: { outboundHttpAllow: true } })
      .then((org) => org?.outboundHttpAllow ?? []);
    const started = Date.now();
    try {
      const response = await outboundRequest({
        method: request.method,
        url: request.url,
        headers: request.headers.map((h) => [h.name, h.value] as const),
        body: request.body,
        timeoutMs: Math.max(1, Math.min(request.timeoutMs, MAX_TIMEOUT_MS, left)),
        allow: allowList(await allowed),
      });
      return { status: response.status, body: response.body };
    } catch (err) {
      if (!(err instanceof OutboundHttpError)) throw err;
      // as a live call: timeout and network as such, a refusal or a too-large answer as refused
      return { error: err.kind === 'timeout' ? 'timeout' : err.kind === 'network' ? 'network' : 'refused', detail: err.message };
    } finally {
      spentMs += Date.now() - started;
    }
  };
}

const globalLimits = globalThis as unknown as { relaisSimulateHttpBuckets?: TokenBuckets };

/** 429 when the user has used up their allowance of real requests from the simulator. */
function takeSimulateHttpToken(userId: string): void {
  globalLimits.relaisSimulateHttpBuckets ??= new TokenBuckets(envNumber('RELAIS_SIMULATE_HTTP_BURST', 30), envNumber('RELAIS_SIMULATE_HTTP_PER_MINUTE', 30));
  const retryAfter = globalLimits.relaisSimulateHttpBuckets.take(userId);
  if (retryAfter > 0) {
    throw new ApiError('TOO_MANY_REQUESTS', `Too many HTTP requests from the simulator; try again in ${retryAfter} s`, { details: { retryAfter } });
  }
}

/** POST /api/flows/:id/simulate/http: one request of an HTTP step, for the simulator panel. */
export async function simulateHttp(user: Pick<CurrentUser, 'id' | 'organizationId'>, flowId: string, request: SimulatedHttpRequest): Promise<SimulatedHttpAnswer> {
  const flow = await getPrisma().flow.findFirst({ where: { id: flowId, organizationId: user.organizationId, deletedAt: null }, select: { id: true } });
  if (!flow) throw notFound('Flow', flowId);
  takeSimulateHttpToken(user.id);
  return serverHttp(user.organizationId)({ ...request, headers: request.headers.map((h) => ({ name: h.name, value: h.value, secret: h.secret === true })) });
}
