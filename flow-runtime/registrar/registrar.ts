// The REGISTER handler: authenticates agents' phones with digest against the stored HA1 and
// keeps their bindings (SipRegistration rows) — add, refresh, remove, and purge when expired.
//   1. no Authorization → 401 with a fresh signed nonce;
//   2. unreadable credentials, other realm or forged nonce → 401 again (new challenge);
//   3. unknown user, To ≠ username, wrong response → 403;
//   4. right response on an expired nonce → 401 stale=true (the phone retries silently);
//   5. authenticated: `*` + Expires 0 removes every binding; each contact's expires (its own
//      parameter, else the Expires header, else the default) 0 → removed, below the minimum →
//      423 with Min-Expires, above the maximum → clamped; 200 lists the current bindings.
import type { Logger } from 'pino';
import type { PrismaClient } from '../../prisma/client';
import { parseContacts, uriUser } from './contacts';
import { createNonceSigner, digestChallenge, parseDigestAuthorization, verifyDigestResponse, type NonceSigner } from './digest';

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
}

export interface Registrar {
  /** The srf.register() handler. */
  handle(req: SipRequestLike, res: SipResponseLike): Promise<void>;
  /** Deletes expired registrations; returns how many. */
  purgeExpired(): Promise<number>;
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

  const challenge = (res: SipResponseLike, stale = false) =>
    res.send(401, { headers: { 'WWW-Authenticate': digestChallenge(realm, nonces.issue(), stale) } });

  async function handle(req: SipRequestLike, res: SipResponseLike): Promise<void> {
    const authHeader = req.get('Authorization');
    if (!authHeader) return challenge(res);
    const creds = parseDigestAuthorization(authHeader);
    if (!creds || creds.realm !== realm) return challenge(res);
    const nonceState = nonces.check(creds.nonce);
    if (nonceState === 'invalid') return challenge(res);

    const agent = await prisma.agent.findUnique({
      where: { sipRealm_sipUsername: { sipRealm: realm, sipUsername: creds.username } },
      select: { id: true, sipHa1: true },
    });
    if (!agent) {
      log?.info({ username: creds.username }, 'registrar: unknown user');
      return res.send(403, 'Forbidden');
    }
    const toUser = uriUser(req.get('To') ?? '');
    if (toUser !== creds.username) {
      log?.info({ username: creds.username, to: toUser }, 'registrar: To does not match the authenticated user');
      return res.send(403, 'Forbidden');
    }
    if (!verifyDigestResponse(agent.sipHa1, req.method, creds)) {
      log?.info({ username: creds.username }, 'registrar: wrong credentials');
      return res.send(403, 'Forbidden');
    }
    if (nonceState === 'stale') return challenge(res, true);

    const contactValues = req.has('Contact') ? [req.get('Contact') as string] : [];
    const parsed = parseContacts(contactValues);
    const expiresHeader = req.get('Expires');
    const headerExpires = expiresHeader !== undefined && /^\s*\d+\s*$/.test(expiresHeader) ? Number(expiresHeader) : null;

    if (parsed.kind === 'invalid') return res.send(400, `Bad Contact: ${parsed.reason}`);
    if (parsed.kind === 'wildcard') {
      if (headerExpires !== 0) return res.send(400, 'Contact "*" requires Expires: 0');
      const { count } = await prisma.sipRegistration.deleteMany({ where: { agentId: agent.id } });
      log?.info({ agentId: agent.id, removed: count }, 'registrar: all bindings removed');
      opts.onBindingsChanged?.(agent.id);
      return res.send(200, 'OK');
    }

    const wanted = parsed.contacts.map((c) => ({ uri: c.uri, expires: c.expires ?? headerExpires ?? defaultExpires }));
    const tooBrief = wanted.find((c) => c.expires > 0 && c.expires < minExpires);
    if (tooBrief) return res.send(423, 'Interval Too Brief', { headers: { 'Min-Expires': String(minExpires) } });

    const at = now();
    const userAgent = req.get('User-Agent') ?? null;
    if (wanted.length > 0) {
      await prisma.$transaction(
        wanted.map((c) =>
          c.expires === 0
            ? prisma.sipRegistration.deleteMany({ where: { agentId: agent.id, contact: c.uri } })
            : prisma.sipRegistration.upsert({
                where: { agentId_contact: { agentId: agent.id, contact: c.uri } },
                create: { agentId: agent.id, contact: c.uri, userAgent, expiresAt: new Date(at + Math.min(c.expires, maxExpires) * 1000) },
                update: { userAgent, expiresAt: new Date(at + Math.min(c.expires, maxExpires) * 1000) },
              }),
        ),
      );
      log?.info({ agentId: agent.id, contacts: wanted }, 'registrar: bindings updated');
      opts.onBindingsChanged?.(agent.id);
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
    for (const agentId of new Set(expired.map((e) => e.agentId))) opts.onBindingsChanged?.(agentId);
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
    purgeExpired,
    start() {
      if (purgeTimer) return;
      purgeTimer = setInterval(() => {
        purgeExpired().catch((err) => log?.warn({ err }, 'registrar: purge failed'));
      }, (opts.purgeIntervalSeconds ?? 60) * 1000);
      purgeTimer.unref();
    },
    stop() {
      if (purgeTimer) clearInterval(purgeTimer);
      purgeTimer = undefined;
    },
  };
}
