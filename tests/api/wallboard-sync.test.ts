// The wallboard's `sync` (issue 15 item 4; app/lib/wallboard/wallboard-roster.ts) against the real
// admin server: a supervisor's socket asking `{ wallboard: true }` gets, besides the calls, every
// agent of its organisation (none of another) with its C1 status (paused with its reason, a
// runtime activity) and groups, and the groups with their colour, and the server's clock; a
// plain `sync` is unchanged; an agent's socket asking for it gets no roster. Then an agent's
// status change (PUT /api/agent/me/status) reaches the supervisor's socket as `agent.status`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { baseUrl, testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { signIn } from '../support/http';

type Creds = { cookie: string };
const sockets: Socket[] = [];

function open(url: string, creds: Creds): Promise<Socket> {
  const socket = connectSocket(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: creds.cookie, origin: url }, reconnection: false, forceNew: true });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

interface RosterAgent {
  agentId: string;
  name: string;
  extension: string | null;
  groupIds: string[];
  status: { status: string; pauseReason: { id: string; label: string } | null; since: string };
}
interface Answer {
  status: unknown;
  calls: { callId: string }[];
  agents?: RosterAgent[];
  groups?: { id: string; name: string; color: string }[];
  serverTime?: string;
}

const sync = (socket: Socket, options?: object): Promise<Answer> =>
  (options ? socket.timeout(10_000).emitWithAck('sync', options) : socket.timeout(10_000).emitWithAck('sync')) as Promise<Answer>;

let supervisor: Creds;
let agentUser: Creds;
let hugoId: string;
let inesId: string;
let groupId: string;
let reasonId: string;

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'Wallboard A');
  const b = await createOrganizationWithUsers(prisma, 'Wallboard B');
  const org = a.organization.id;
  const reason = await prisma.pauseReason.create({ data: { organizationId: org, label: 'Formation', position: 0 } });
  reasonId = reason.id;
  const agent = (organizationId: string, name: string, data: Record<string, unknown> = {}) =>
    prisma.agent.create({ data: { organizationId, name, sipUsername: `${name}-${organizationId.slice(0, 8)}`, sipRealm: 'relais.test', sipHa1: '0'.repeat(32), ...data } });
  const hugo = await agent(org, 'Hugo', { extension: '201', userId: a.agent.id, status: 'paused', pauseReasonId: reason.id, statusSince: new Date(Date.now() - 90_000) });
  const ines = await agent(org, 'Inès', { extension: '202', activity: 'in_call', activitySince: new Date(Date.now() - 30_000) });
  await agent(b.organization.id, 'Carol');
  hugoId = hugo.id;
  inesId = ines.id;
  const group = await prisma.queueGroup.create({ data: { organizationId: org, name: 'Support', color: '#d92d20', members: { create: [{ agentId: hugo.id, position: 0 }, { agentId: ines.id, position: 1 }] } } });
  groupId = group.id;
  await prisma.queueGroup.create({ data: { organizationId: b.organization.id, name: 'Other org' } });
  supervisor = await signIn(a.supervisor);
  agentUser = await signIn(a.agent);
});

afterAll(() => {
  for (const s of sockets) s.close();
});

describe('wallboard sync', () => {
  it('a supervisor asking for the wallboard gets every agent of its organisation with its status, the groups and the server clock', async () => {
    const socket = await open(baseUrl(), supervisor);
    const before = Date.now();
    const answer = await sync(socket, { wallboard: true });
    expect(Array.isArray(answer.calls)).toBe(true);
    expect(answer.agents?.map((a) => a.name)).toEqual(['Hugo', 'Inès']);
    const hugo = answer.agents!.find((a) => a.agentId === hugoId)!;
    expect(hugo).toMatchObject({ extension: '201', groupIds: [groupId], status: { status: 'paused', pauseReason: { id: reasonId, label: 'Formation' } } });
    expect(Date.now() - Date.parse(hugo.status.since)).toBeGreaterThanOrEqual(90_000);
    const ines = answer.agents!.find((a) => a.agentId === inesId)!;
    expect(ines.status.status).toBe('in_call');
    expect(answer.groups).toEqual([{ id: groupId, name: 'Support', color: '#d92d20' }]);
    const server = Date.parse(answer.serverTime!);
    expect(server).toBeGreaterThanOrEqual(before - 1000);
    expect(server).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('a plain sync is unchanged; an agent asking for the wallboard gets no roster', async () => {
    const sup = await open(baseUrl(), supervisor);
    const plain = await sync(sup);
    expect(plain.agents).toBeUndefined();
    expect(plain.groups).toBeUndefined();
    const agentSocket = await open(baseUrl(), agentUser);
    const answer = await sync(agentSocket, { wallboard: true });
    expect(answer.agents).toBeUndefined();
    expect(answer.groups).toBeUndefined();
    expect(answer.status).toMatchObject({ status: 'paused' });
  });

  it('an agent’s status change reaches the supervisor’s socket', async () => {
    const socket = await open(baseUrl(), supervisor);
    const got = new Promise<{ d: { agentId: string; status: { status: string } } }>((resolve) => socket.on('agent.status', resolve));
    const res = await fetch(`${baseUrl()}/api/agent/me/status`, {
      method: 'PUT',
      headers: { cookie: agentUser.cookie, origin: baseUrl(), 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'available' }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const event = await got;
    expect(event.d).toMatchObject({ agentId: hugoId, status: { status: 'available' } });
    const answer = await sync(socket, { wallboard: true });
    expect(answer.agents!.find((a) => a.agentId === hugoId)!.status.status).toBe('available');
  });
});
