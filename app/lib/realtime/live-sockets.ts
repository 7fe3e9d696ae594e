// Live events to browsers over socket.io (issue 14 C2, issue 15 item 4), on the admin's `io`.
// - Authentication (middleware): the better-auth session cookie, or an API token
//   (`Authorization: Bearer …`, or `auth: { token }` in the socket.io handshake); refused
//   otherwise (`connect_error` "unauthorized"). A session-cookie connection from another origin
//   is refused too ("forbidden origin").
// - Rooms: admins and supervisors join `org:<organizationId>`; an agent-role user joins
//   `agent:<agentId>` of the Agent linked to them (Agent.userId; none → refused "not an agent").
// - Each admin process LISTENs on `relais_live` (reconnecting, flow-runtime/calls/pg-listen.ts) and
//   emits each event (name = its `t`, payload = the whole event) to `org:<o>` and to
//   `agent:<id>` for each id of `a`. socket.io dedupes a socket in several rooms. After the
//   listener reconnected (events may have been lost) every socket gets `live.resync`.
// - `sync` (with an ack): `{ status, calls }`: the agent's C1 status object (null for a user
//   without an agent) and the LiveCall snapshot (an agent: only the calls it is on). A supervisor's
//   `sync` with `{ wallboard: true }` also gets `agents`, `groups` and `serverTime`
//   (app/lib/wallboard/wallboard-roster.ts: every agent's status, for the wallboard).
import type { Server as SocketServer, Socket } from 'socket.io';
import type { PrismaClient } from '@/prisma/client';
import { getPrisma } from '@/prisma/client';
import { databaseUrl, poolConfigFromUrl, type PoolConfig } from '@/prisma/database-url';
import { PgListen } from '@/flow-runtime/calls/pg-listen';
import { getCurrentUser, type CurrentUser } from '@/app/lib/auth/current-user';
import { agentStatusView, type AgentStatusView } from './agent-status';
import { wallboardRoster, type WallboardRoster } from '@/app/lib/wallboard/wallboard-roster';
import { LIVE_CHANNEL, parseLiveEvent } from './publish';

export interface LiveSocketData {
  user: CurrentUser;
  /** The Agent linked to the user (any role), or null. */
  agentId: string | null;
  /** Sees the whole organisation (admin, supervisor). */
  supervisor: boolean;
}

export interface LiveSocketsOptions {
  prisma?: PrismaClient;
  connection?: PoolConfig;
  log?: { info(obj: unknown, msg?: string): void; warn(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void; debug(obj: unknown, msg?: string): void };
}

export interface LiveSockets {
  close(): Promise<void>;
  /** Resolves once the LISTEN is in place (tests). */
  ready: Promise<void>;
}

export const orgRoom = (organizationId: string) => `org:${organizationId}`;
export const agentRoom = (agentId: string) => `agent:${agentId}`;

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/** A session cookie is only accepted from the admin's own origin (no cross-site socket). */
function originAllowed(origin: string | null, host: string | null): boolean {
  if (!origin) return true;
  try {
    const o = new URL(origin);
    if (host && o.host === host) return true;
    const fixed = process.env.BETTER_AUTH_URL;
    return !!fixed && new URL(fixed).origin === o.origin;
  } catch {
    return false;
  }
}

export async function authenticateSocket(prisma: PrismaClient, socket: Pick<Socket, 'handshake'>): Promise<LiveSocketData | { refused: string }> {
  const headers = toHeaders(socket.handshake.headers);
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (!headers.get('authorization') && typeof token === 'string' && token) headers.set('authorization', `Bearer ${token}`);
  const user = await getCurrentUser(headers).catch(() => null);
  if (!user) return { refused: 'unauthorized' };
  if (user.via === 'session' && !originAllowed(headers.get('origin'), headers.get('host'))) return { refused: 'forbidden origin' };
  const agent = await prisma.agent.findFirst({ where: { userId: user.id, organizationId: user.organizationId }, select: { id: true } });
  const supervisor = user.role === 'admin' || user.role === 'supervisor';
  if (!supervisor && !agent) return { refused: 'not an agent' };
  return { user, agentId: agent?.id ?? null, supervisor };
}

/**
 * The runtime touches a LiveCall row at least every minute (flow-runtime/live/live-call-view.ts,
 * LIVE_TOUCH_MS); an older row was left by a runtime that died: not shown.
 */
export const LIVE_STALE_MS = 180_000;

/** What a `sync` may ask for besides the calls: `wallboard` (supervisors only) adds every agent's status and the groups. */
export interface SyncOptions {
  wallboard?: boolean;
}

export type LiveSnapshot = { status: AgentStatusView | null; calls: unknown[] } & Partial<WallboardRoster>;

/** The `sync` answer: the caller's status and the calls it may see (and the wallboard's roster when asked). */
export async function liveSnapshot(prisma: PrismaClient, data: LiveSocketData, options: SyncOptions = {}): Promise<LiveSnapshot> {
  if (options.wallboard === true && data.supervisor) {
    const [snapshot, roster] = await Promise.all([liveSnapshot(prisma, data), wallboardRoster(prisma, data.user.organizationId)]);
    return { ...snapshot, ...roster };
  }
  const status = data.agentId ? await agentStatusView(prisma, data.agentId) : null;
  const fresh = { updatedAt: { gt: new Date(Date.now() - LIVE_STALE_MS) } };
  const where = data.supervisor
    ? { organizationId: data.user.organizationId, ...fresh }
    : { organizationId: data.user.organizationId, agentIds: { has: data.agentId! }, ...fresh };
  const rows = await prisma.liveCall.findMany({ where, orderBy: { updatedAt: 'asc' }, take: 1000, select: { view: true } });
  return { status, calls: rows.map((r) => r.view) };
}

export function attachLiveSockets(io: SocketServer, options: LiveSocketsOptions = {}): LiveSockets {
  const prisma = options.prisma ?? getPrisma();
  const log = options.log ?? console;

  io.use((socket, next) => {
    authenticateSocket(prisma, socket)
      .then((result) => {
        if ('refused' in result) return next(new Error(result.refused));
        socket.data = result;
        next();
      })
      .catch((err: unknown) => {
        log.error({ err }, 'live sockets: authentication failed');
        next(new Error('unauthorized'));
      });
  });

  io.on('connection', (socket) => {
    const data = socket.data as LiveSocketData;
    if (data.supervisor) void socket.join(orgRoom(data.user.organizationId));
    else if (data.agentId) void socket.join(agentRoom(data.agentId));
    socket.on('sync', (...args: unknown[]) => {
      const ack = args.find((a): a is (r: unknown) => void => typeof a === 'function');
      if (!ack) return;
      const options = args.find((a): a is SyncOptions => typeof a === 'object' && a !== null) ?? {};
      liveSnapshot(prisma, data, options).then(ack, (err: unknown) => {
        log.error({ err }, 'live sockets: sync failed');
        ack({ error: { code: 'SYNC_FAILED' } });
      });
    });
  });

  const emit = (event: NonNullable<ReturnType<typeof parseLiveEvent>>) => {
    const rooms = [orgRoom(event.o), ...event.a.map(agentRoom)];
    io.to(rooms).emit(event.t, event);
  };
  // Events leave in the order they came: one that must first read its row (below) holds the
  // later ones back until it is sent, so a console never sees a call's end before its last update.
  let order: Promise<void> = Promise.resolve();
  let reading = 0;
  const dispatch = (payload: string | undefined) => {
    const event = parseLiveEvent(payload);
    if (!event) return;
    const ref = event.d as { callId?: unknown; ref?: unknown; audienceFromRow?: unknown } | null;
    const isRef = event.t === 'call.updated' && !!ref && ref.ref === true && typeof ref.callId === 'string';
    if (!isRef && reading === 0) return emit(event);
    if (!isRef) {
      order = order.then(() => emit(event));
      return;
    }
    // A view too large for NOTIFY (flow-runtime/live/live-call-view.ts callUpdated): read its row.
    const callId = ref!.callId as string;
    reading++;
    order = order
      .then(() => prisma.liveCall.findUnique({ where: { callId } }))
      .then((row) => {
        if (!row || row.organizationId !== event.o) return; // ended meanwhile: call.ended follows
        emit({ ...event, a: ref!.audienceFromRow === true ? row.agentIds : event.a, d: row.view });
      })
      .catch((err: unknown) => log.warn({ err, callId }, 'live sockets: a large call view could not be read'))
      .finally(() => reading--);
  };

  const listen = new PgListen({
    connection: options.connection ?? poolConfigFromUrl(databaseUrl()),
    channel: LIVE_CHANNEL,
    onNotification: dispatch,
    name: 'live events listener',
    logger: { info: () => undefined, debug: () => undefined, warn: (o, m) => log.warn(o, m), error: (o, m) => log.error(o, m) },
  });
  listen.on('listening', ({ reconnected }) => {
    if (reconnected) io.emit('live.resync', { at: new Date().toISOString() });
  });
  const ready = listen.start();

  return {
    ready,
    async close() {
      await listen.close();
    },
  };
}
