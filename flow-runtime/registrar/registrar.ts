// The REGISTER handler: authenticates agents' phones with digest against the stored HA1 and
// keeps their bindings (SipRegistration rows) — add, refresh, remove, and purge when expired.
//   0. source address banned (too many failures, auth-limiter.ts) → 503 + Retry-After, nothing read;
//   1. no Authorization → 401 with a fresh signed nonce;
//   2. Authorization over 4 KB → 400 without parsing it; unreadable credentials, other realm
//      or forged nonce → 401 again (new challenge);
//   3. expired nonce → 401 stale=true whatever the response (it is not even checked, so an old
//      nonce tells nothing about the password);
//   4. no qop=auth (with nc and cnonce), or digest uri ≠ Request-URI (sip-uri.ts) → 400;
//   5. user locked against this address → 503 + Retry-After;
//   6. unknown user, To ≠ username, wrong response → 403, counted by the limiter (held back
//      by a growing delay once failures pile up, logged at warn);
//   7. nc not above every nc already accepted for this nonce (a replay) → 401 stale=true;
//   8. authenticated: `*` + Expires 0 removes every binding; each contact's expires (its own
//      parameter, else the Expires header, else the default) 0 → removed, below the minimum →
//      423 with Min-Expires, above the maximum → clamped; 200 lists the current bindings.
import type { Logger } from 'pino';
import type { PrismaClient } from '../../prisma/client';
import { MAX_AUTHORIZATION_BYTES } from './auth-params';
import { createAuthLimiter, type AuthLimiter, type AuthLimiterOptions } from './auth-limiter';
import { parseContacts, uriUser } from './contacts';
import { createNonceSigner, digestChallenge, nonceExpiry, parseDigestAuthorization, parseNonceCount, verifyDigestResponse, type NonceSigner } from './digest';
import { createNonceCounts } from './nonce-counts';
import { sameSipTarget } from './sip-uri';
import { createThrottleStore } from './throttle-store';
import { publishRegistrations } from './registration-events';

/** The parts of a drachtio-srf request the registrar reads. */
export interface SipRequestLike {
  method: string;
  uri: string;
  get(name: string): string | undefined;
  has(name: string): boolean;
  source_address?: string;
  source_port?: number;
  protocol?: string;
}

export interface SipResponseLike {
  send(status: number, reason?: string | { headers?: Record<string, string> }, opts?: { headers?: Record<string, string> }): void;
}

export interface RegistrarOptions {
  prisma: PrismaClient;
  realm: string;
  nonceSecret: string;
  nonceTtlSeconds?: number;
  minExpires?: number;
  maxExpires?: number;
  defaultExpires?: number;
  purgeIntervalSeconds?: number;
  logger?: Logger;
  now?: () => number;
  /** Told about every change of an agent's bindings (e.g. to push presence to the admin). */
  onBindingsChanged?: (agentId: string) => void;
  /** Failed-authentication limits (auth-limiter.ts for the defaults). */
  limiter?: AuthLimiterOptions;
  /** Most nonces whose nc is tracked (replay protection), 50,000 by default. */
  maxTrackedNonces?: number;
  /** How often failure counts and bans are copied to SipAuthThrottle for admins (2 s). */
  throttleFlushSeconds?: number;
}

/** An agent whose phone proved its SIP credentials. */
export interface AuthenticatedAgent {
  id: string;
  organizationId: string;
  extension: string | null;
  name: string;
  sipUsername: string;
}

export interface Registrar {
  /** The srf.register() handler. */
  handle(req: SipRequestLike, res: SipResponseLike): Promise<void>;
  /** The SIP realm of the agents' credentials. */
  readonly realm: string;
  /**
   * A request from an agent's phone other than REGISTER (an INVITE): 407 + Proxy-Authenticate
   * without `Proxy-Authorization`, else the same checks, limiter and replay counts as REGISTER,
   * with From (not To) naming the user. Null once a response was sent; never throws (500).
   */
  authenticateRequest(req: SipRequestLike, res: SipResponseLike): Promise<AuthenticatedAgent | null>;
  /** Deletes expired registrations; returns how many. */
  purgeExpired(): Promise<number>;
  /** Copies changed failure counts and bans to the database now (the timer does it every 2 s). */
  flushThrottles(): Promise<number>;
  /** The failed-authentication limiter (for tests and metrics). */
  readonly limiter: AuthLimiter;
  /** Starts the periodic purge. */
  start(): void;
  stop(): void;
}

export function createRegistrar(opts: RegistrarOptions): Registrar {
  const now = opts.now ?? Date.now;
  const minExpires = opts.minExpires ?? 60;
  const maxExpires = opts.maxExpires ?? 3600;
  const defaultExpires = opts.defaultExpires ?? 3600;
  const nonces: NonceSigner = createNonceSigner(opts.nonceSecret, (opts.nonceTtlSeconds ?? 300) * 1000, now);
  const { prisma, realm } = opts;
  const log = opts.logger;
  let purgeTimer: NodeJS.Timeout | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  const limiterWindowSeconds = opts.limiter?.windowSeconds ?? 900;
  const limiter = createAuthLimiter({ now, ...opts.limiter });
  const nonceCounts = createNonceCounts({ maxEntries: opts.maxTrackedNonces, now });
  const throttles = createThrottleStore(prisma, limiter, { logger: log, now });

  const unavailable = (res: SipResponseLike, retryAfterS: number) =>
    res.send(503, 'Service Unavailable', { headers: { 'Retry-After': String(retryAfterS) } });

  /** A failed authentication: counted, logged, answered 403 after the limiter's delay. */
  async function refuse(res: SipResponseLike, address: string, claimed: string, agent: { organizationId: string } | null, why: string) {
    // the username is the peer's text (up to the header cap): keep logs and the admin table short
    const username = claimed.length > 128 ? `${claimed.slice(0, 128)}…` : claimed;
    const out = limiter.fail(address, username, agent);
    log?.warn({ address, username, failures: out.addressFailures, userFailures: out.userFailures, delayMs: out.delayMs }, `registrar: authentication failed (${why})`);
    if (out.newlyBanned === 'address') log?.warn({ address, username, failures: out.addressFailures }, 'registrar: address banned after repeated authentication failures');
    if (out.newlyBanned === 'user') log?.warn({ address, username, userFailures: out.userFailures }, 'registrar: user locked against addresses with failures');
    // a timer, not a busy wait: other requests go on meanwhile
    if (out.delayMs > 0) await new Promise((r) => setTimeout(r, out.delayMs));
    res.send(403, 'Forbidden');
  }

  /**
   * Steps 0–7 of the header comment, shared by REGISTER (401, `Authorization`, To = the user) and
   * by requests from agents' phones such as INVITE (407, `Proxy-Authorization`, From = the user):
   * the same nonces, replay counts and failure limiter. Returns the agent, or null once a
   * response (challenge, refusal) was sent.
   */
  async function authenticate(req: SipRequestLike, res: SipResponseLike, mode: 'register' | 'proxy'): Promise<AuthenticatedAgent | null> {
    const address = req.source_address ?? 'unknown';
    const banned = limiter.check(address, null);
    if (banned.refuse) return void unavailable(res, banned.retryAfterS), null;
    const authHeader = req.get(mode === 'register' ? 'Authorization' : 'Proxy-Authorization');
    const challenge = (stale = false) => {
      const value = digestChallenge(realm, nonces.issue(), stale);
      if (mode === 'register') res.send(401, { headers: { 'WWW-Authenticate': value } });
      else res.send(407, { headers: { 'Proxy-Authenticate': value } });
      return null;
    };
    if (!authHeader) return challenge();
    if (authHeader.length > MAX_AUTHORIZATION_BYTES) {
      log?.warn({ address, bytes: authHeader.length }, 'registrar: Authorization header too large, refused unread');
      return void res.send(400, 'Authorization Header Too Large'), null;
    }
    const creds = parseDigestAuthorization(authHeader);
    if (!creds || creds.realm !== realm) return challenge();
    const nonceState = nonces.check(creds.nonce);
    if (nonceState === 'invalid') return challenge();
    // Before anything else about the credentials: an expired nonce must not tell right from wrong.
    if (nonceState === 'stale') return challenge(true);
    const nc = parseNonceCount(creds.nc);
    if (creds.qop !== 'auth' || nc === null || !creds.cnonce) return void res.send(400, 'Digest qop=auth With nc And cnonce Required'), null;
    if (!sameSipTarget(creds.uri, req.uri)) {
      log?.info({ address, username: creds.username, uri: creds.uri.slice(0, 200), requestUri: req.uri }, 'registrar: digest uri does not match the Request-URI');
      return void res.send(400, 'Digest uri Does Not Match Request-URI'), null;
    }
    const locked = limiter.check(address, creds.username);
    if (locked.refuse) return void unavailable(res, locked.retryAfterS), null;

    const agent = await prisma.agent.findUnique({
      where: { sipRealm_sipUsername: { sipRealm: realm, sipUsername: creds.username } },
      select: { id: true, sipHa1: true, organizationId: true, extension: true, name: true },
    });
    // Again after the await: guesses sent in parallel all passed the first check before any of
    // them failed; from here to limiter.fail() nothing awaits, so a ban stops the rest at once.
    const lockedNow = limiter.check(address, creds.username);
    if (lockedNow.refuse) return void unavailable(res, lockedNow.retryAfterS), null;
    if (!agent) return refuse(res, address, creds.username, null, 'unknown user').then(() => null);
    // REGISTER binds the To address; a call is placed as the From address: either must be the user's.
    const claimedHeader = mode === 'register' ? 'To' : 'From';
    const claimedUser = uriUser(req.get(claimedHeader) ?? '');
    if (claimedUser !== creds.username) return refuse(res, address, creds.username, agent, `${claimedHeader} user ${JSON.stringify(claimedUser?.slice(0, 64) ?? null)} is not the authenticated user`).then(() => null);
    if (!verifyDigestResponse(agent.sipHa1, req.method, creds)) return refuse(res, address, creds.username, agent, 'wrong credentials').then(() => null);
    // Synchronous from here to the decision: two copies of one header cannot both pass.
    const use = nonceCounts.use(creds.nonce, nonceExpiry(creds.nonce) ?? 0, nc);
    if (use !== 'ok') {
      log?.warn({ address, username: creds.username, nc: creds.nc, use }, `registrar: nonce count not increasing (replayed ${req.method}?), challenged again`);
      return challenge(true);
    }
    return { id: agent.id, organizationId: agent.organizationId, extension: agent.extension, name: agent.name, sipUsername: creds.username };
  }

  /** A binding of the agent was added, refreshed or removed: the calls' directory, then the admin pages (live event). */
  function bindingsChanged(agentId: string): void {
    opts.onBindingsChanged?.(agentId);
    void publishRegistrations(prisma, agentId, log);
  }

  async function handle(req: SipRequestLike, res: SipResponseLike): Promise<void> {
    const agent = await authenticate(req, res, 'register');
    if (!agent) return;

    const contactValues = req.has('Contact') ? [req.get('Contact') as string] : [];
    const parsed = parseContacts(contactValues);
    const expiresHeader = req.get('Expires');
    const headerExpires = expiresHeader !== undefined && /^\s*\d+\s*$/.test(expiresHeader) ? Number(expiresHeader) : null;

    if (parsed.kind === 'invalid') return res.send(400, `Bad Contact: ${parsed.reason}`);
    if (parsed.kind === 'wildcard') {
      if (headerExpires !== 0) return res.send(400, 'Contact "*" requires Expires: 0');
      const { count } = await prisma.sipRegistration.deleteMany({ where: { agentId: agent.id } });
      log?.info({ agentId: agent.id, removed: count }, 'registrar: all bindings removed');
      bindingsChanged(agent.id);
      return res.send(200, 'OK');
    }

    const wanted = parsed.contacts.map((c) => ({ uri: c.uri, expires: c.expires ?? headerExpires ?? defaultExpires }));
    const tooBrief = wanted.find((c) => c.expires > 0 && c.expires < minExpires);
    if (tooBrief) return res.send(423, 'Interval Too Brief', { headers: { 'Min-Expires': String(minExpires) } });

    const at = now();
    const userAgent = req.get('User-Agent')?.slice(0, 200) ?? null;
    // Behind NAT the Contact names a private address: keep where the REGISTER really came from.
    const host = req.source_address?.includes(':') ? `[${req.source_address}]` : req.source_address;
    const source = host ? `${(req.protocol ?? 'udp').toLowerCase()}:${host}${req.source_port ? `:${req.source_port}` : ''}` : null;
    if (wanted.length > 0) {
      await prisma.$transaction(
        wanted.map((c) =>
          c.expires === 0
            ? prisma.sipRegistration.deleteMany({ where: { agentId: agent.id, contact: c.uri } })
            : prisma.sipRegistration.upsert({
                where: { agentId_contact: { agentId: agent.id, contact: c.uri } },
                create: { agentId: agent.id, contact: c.uri, userAgent, source, expiresAt: new Date(at + Math.min(c.expires, maxExpires) * 1000) },
                update: { userAgent, source, expiresAt: new Date(at + Math.min(c.expires, maxExpires) * 1000) },
              }),
        ),
      );
      log?.info({ agentId: agent.id, contacts: wanted }, 'registrar: bindings updated');
      bindingsChanged(agent.id);
    }

    const current = await prisma.sipRegistration.findMany({
      where: { agentId: agent.id, expiresAt: { gt: new Date(at) } },
      orderBy: { createdAt: 'asc' },
    });
    const headers: Record<string, string> = { Date: new Date(at).toUTCString() };
    if (current.length > 0) {
      headers.Contact = current
        .map((r) => `<${r.contact}>;expires=${Math.max(0, Math.round((r.expiresAt.getTime() - at) / 1000))}`)
        .join(', ');
    }
    res.send(200, 'OK', { headers });
  }

  async function purgeExpired(): Promise<number> {
    const expired = await prisma.sipRegistration.findMany({ where: { expiresAt: { lte: new Date(now()) } }, select: { id: true, agentId: true } });
    if (expired.length === 0) return 0;
    await prisma.sipRegistration.deleteMany({ where: { id: { in: expired.map((e) => e.id) } } });
    for (const agentId of new Set(expired.map((e) => e.agentId))) bindingsChanged(agentId);
    return expired.length;
  }

  return {
    async handle(req, res) {
      try {
        await handle(req, res);
      } catch (err) {
        // Database briefly unreachable: the phone retries after Retry-After.
        log?.error({ err }, 'registrar: REGISTER failed');
        res.send(500, 'Server Internal Error', { headers: { 'Retry-After': '30' } });
      }
    },
    realm,
    async authenticateRequest(req, res) {
      try {
        return await authenticate(req, res, 'proxy');
      } catch (err) {
        log?.error({ err }, 'registrar: authentication of a request failed');
        res.send(500, 'Server Internal Error', { headers: { 'Retry-After': '30' } });
        return null;
      }
    },
    purgeExpired,
    flushThrottles: () => throttles.flush(),
    limiter,
    start() {
      if (purgeTimer) return;
      purgeTimer = setInterval(() => {
        limiter.sweep();
        nonceCounts.sweep();
        purgeExpired().catch((err) => log?.warn({ err }, 'registrar: purge failed'));
        throttles.purge(limiterWindowSeconds).catch((err) => log?.warn({ err }, 'registrar: purge of authentication failures failed'));
      }, (opts.purgeIntervalSeconds ?? 60) * 1000);
      purgeTimer.unref();
      flushTimer = setInterval(() => void throttles.flush(), (opts.throttleFlushSeconds ?? 2) * 1000);
      flushTimer.unref();
    },
    stop() {
      if (purgeTimer) clearInterval(purgeTimer);
      if (flushTimer) clearInterval(flushTimer);
      purgeTimer = undefined;
      flushTimer = undefined;
    },
  };
}
