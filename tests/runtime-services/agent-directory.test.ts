// AgentDirectory against a fresh PostgreSQL database: an organisation's presences in one query
// (SQL statements counted on the call context's load, before: one presence query per agent),
// live changes (re-read after the registrar / a NOTIFY, emitted once per state change, fed to
// the queue coordinator), expiry applied from the stored expiresAt, and presence served from
// memory while the database is cut (TCP proxy), including a registration that expires meanwhile.
// Also: an agent's status changed through app/lib/agents reaches the runtime's directory by
// NOTIFY relais_agent_changed (agents/agent-change-listener.ts).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/prisma/generated/client';
import { poolConfigFromUrl } from '@/prisma/database-url';
import { AgentDirectory, type AgentStateChange } from '@/flow-runtime/agents/agent-directory';
import { feedQueueFromDirectory, type AgentQueueState } from '@/flow-runtime/agents/queue-feed';
import { startAgentChangeListener } from '@/flow-runtime/agents/agent-change-listener';
import { loadCallContext } from '@/flow-runtime/calls/call-context';
import { DatabaseUnavailableError } from '@/flow-runtime/calls/last-known-good';
import { InMemoryQueue } from '@/flow-runtime/session/in-memory/queue';
import { updateAgent } from '@/app/lib/agents/update-agent';
import { startCuttableProxy, type CuttableProxy } from '../support/tcp-proxy';
import { createAgent, createTestDatabase, eventually, type TestDatabase } from './support';

const REALM = 'relais.dir.test';
let db: TestDatabase;
let orgId: string;
let clock = Date.now();
const ids: Record<string, string> = {};

async function registration(agentId: string, contact: string, seconds: number) {
  await db.prisma.sipRegistration.create({ data: { agentId, contact, expiresAt: new Date(clock + seconds * 1000) } });
}

beforeAll(async () => {
  db = await createTestDatabase();
  const slug = `org-${randomBytes(4).toString('hex')}`;
  orgId = (await db.prisma.organization.create({ data: { name: slug, slug } })).id;
  for (const [name, status] of [['alice', 'available'], ['bob', 'paused'], ['carol', 'available']] as const) {
    ids[name] = (await createAgent(db.prisma, orgId, { username: name, password: 'pw', realm: REALM, status })).id;
  }
  // 17 more agents, unregistered: the directory read must not grow with them
  for (let i = 0; i < 17; i++) await createAgent(db.prisma, orgId, { username: `extra${i}`, password: 'pw', realm: REALM });
  await registration(ids.alice, 'sip:alice@127.0.0.1:5071', 300);
  await registration(ids.bob, 'sip:bob@127.0.0.1:5072', 300);
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

describe('AgentDirectory', () => {
  it('reads an organisation\'s presences in one query: two SQL statements for 20 agents (two per agent before)', async () => {
    const counted = new PrismaClient({ adapter: new PrismaPg(poolConfigFromUrl(db.url)), log: [{ emit: 'event', level: 'query' }] });
    let statements = 0;
    counted.$on('query', (e) => {
      if (!/^(BEGIN|COMMIT)/i.test(e.query)) statements++;
    });
    try {
      const directory = new AgentDirectory(counted as never, () => clock);
      await directory.loadOrganization(orgId);
      expect(statements).toBe(2); // agents, then their registrations
      statements = 0;
      const context = await loadCallContext(counted as never, directory, { organizationId: orgId, timezone: 'Europe/Paris' });
      // calendars, groups, forbidden lists with their nested rows (7) + agents and registrations (2);
      // before: one presence query (agent + registrations) per agent, 7 + 1 + 2 × 20 = 48
      console.log(`call context load: ${statements} SQL statements for 20 agents`);
      expect(statements).toBeLessThanOrEqual(9);
      const statementsBefore = statements;
      const agents = context().agents;
      expect(Object.keys(agents)).toHaveLength(20);
      expect(agents[ids.alice].status).toBe('available');
      expect(agents[ids.bob].status).toBe('paused');
      expect(agents[ids.carol].status).toBe('offline'); // not registered
      expect(statements).toBe(statementsBefore); // reading the context again asks memory only
    } finally {
      await counted.$disconnect();
    }
  });

  it('is live: a re-read after a registration or a status change updates calls in progress and emits one change each', async () => {
    clock = Date.now();
    const directory = new AgentDirectory(db.prisma, () => clock);
    const changes: AgentStateChange[] = [];
    directory.on('change', (c) => changes.push(c));
    const context = await loadCallContext(db.prisma, directory, { organizationId: orgId, timezone: 'Europe/Paris' });
    expect(changes.find((c) => c.agentId === ids.alice)).toMatchObject({ state: 'available', previous: null });
    changes.length = 0;

    await registration(ids.carol, 'sip:carol@127.0.0.1:5073', 120);
    await directory.refresh(ids.carol); // what the registrar does in-process
    expect(context().agents[ids.carol].status).toBe('available');
    expect(changes).toEqual([{ agentId: ids.carol, organizationId: orgId, state: 'available', previous: 'offline' }]);

    await db.prisma.agent.update({ where: { id: ids.bob }, data: { status: 'available' } });
    await directory.refresh(ids.bob); // what a NOTIFY does
    expect(context().agents[ids.bob].status).toBe('available');
    await directory.refresh(ids.bob);
    expect(changes.filter((c) => c.agentId === ids.bob)).toHaveLength(1); // same state: no second change

    directory.markBusy(ids.alice, 'call-1');
    expect(context().agents[ids.alice].status).toBe('busy');
    directory.markFree(ids.alice, 'call-1');
    expect(context().agents[ids.alice].status).toBe('available');

    clock += 121_000; // carol's 120 s registration is over: offline at once, without a re-read
    expect(context().agents[ids.carol].status).toBe('offline');
    expect(await directory.contacts(ids.carol)).toEqual([]);
    await db.prisma.agent.update({ where: { id: ids.bob }, data: { status: 'paused' } });
  });

  it('feeds the queue coordinator: a caller waiting for a group is offered to an agent as soon as they come back from pause', async () => {
    clock = Date.now();
    const directory = new AgentDirectory(db.prisma, () => clock);
    const told: Array<[string, AgentQueueState]> = [];
    const inner = new InMemoryQueue({ now: () => clock } as never);
    const queue = feedQueueFromDirectory(directory, {
      join: (...a) => inner.join(...a), leave: (callId) => inner.leave(callId), offerResult: (...a) => inner.offerResult(...a),
      setAgent: (agentId, state) => {
        told.push([agentId, state]);
        inner.setAgent(agentId, state);
      },
    });
    await directory.loadOrganization(orgId);
    expect(told).toContainEqual([ids.bob, 'away']);
    const events: Array<{ type: string; agentId?: string }> = [];
    queue.join('call-q', { queueId: 'g1', maxQueueSize: 5, agentIds: [ids.bob] }, (e) => events.push(e as never));
    expect(events.some((e) => e.type === 'agentAvailable')).toBe(false);

    await db.prisma.agent.update({ where: { id: ids.bob }, data: { status: 'available' } });
    await directory.refresh(ids.bob);
    expect(events.find((e) => e.type === 'agentAvailable')).toMatchObject({ agentId: ids.bob });

    // the legs port saying "free" after a call does not offer a paused agent
    await db.prisma.agent.update({ where: { id: ids.bob }, data: { status: 'paused' } });
    await directory.refresh(ids.bob);
    told.length = 0;
    queue.setAgent(ids.bob, 'free');
    expect(told).toEqual([[ids.bob, 'away']]);
  });

  it('serves kept presence and contacts while the database is cut, expiry still applied; unknown agents fail fast', async () => {
    clock = Date.now();
    const proxy: CuttableProxy = await startCuttableProxy(Number(new URL(db.url).port || 5432));
    const u = new URL(db.url);
    u.port = String(proxy.port);
    const viaProxy = new PrismaClient({ adapter: new PrismaPg(poolConfigFromUrl(u.toString())) });
    try {
      const directory = new AgentDirectory(viaProxy as never, { now: () => clock, lookupTimeoutMs: 1000 });
      await registration(ids.carol, 'sip:carol@127.0.0.1:5074', 60);
      await directory.loadOrganization(orgId);
      expect(await directory.contacts(ids.alice)).toEqual(['sip:alice@127.0.0.1:5071']);
      const outages: unknown[] = [];
      directory.on('outage', (o) => outages.push(o));

      proxy.cut();
      expect(await directory.contacts(ids.alice)).toEqual(['sip:alice@127.0.0.1:5071']);
      expect(await directory.contacts(ids.carol)).toContain('sip:carol@127.0.0.1:5074');
      expect((await directory.loadOrganization(orgId)).length).toBe(20);
      expect(outages).toHaveLength(1);
      clock += 61_000;
      expect(await directory.contacts(ids.carol)).not.toContain('sip:carol@127.0.0.1:5074'); // expired meanwhile
      await expect(new AgentDirectory(viaProxy as never, { lookupTimeoutMs: 1000 }).contacts(ids.alice)).rejects.toBeInstanceOf(DatabaseUnavailableError);

      // a database that accepts connections and never answers: kept answers at once during the outage
      proxy.blackhole();
      const t0 = Date.now();
      expect(await directory.contacts(ids.alice)).toEqual(['sip:alice@127.0.0.1:5071']);
      expect(Date.now() - t0).toBeLessThan(500);

      const recovered = new Promise((r) => directory.once('recovered', r));
      proxy.restore();
      await eventually(async () => {
        await directory.contacts(ids.alice);
        return Promise.race([recovered.then(() => true), new Promise((r) => setTimeout(() => r(false), 200))]);
      }, 'the directory reading the database again', 20_000);
    } finally {
      proxy.restore();
      await viaProxy.$disconnect();
      await proxy.close();
    }
  }, 60_000);

  it('an agent paused through app/lib/agents (updateAgent) reaches the runtime\'s directory by NOTIFY', async () => {
    clock = Date.now();
    const directory = new AgentDirectory(db.prisma, () => clock);
    await directory.loadOrganization(orgId);
    const listener = startAgentChangeListener({ connection: poolConfigFromUrl(db.url), directory });
    await eventually(() => listener.listening, 'listening');
    // the admin's domain function uses the process-wide client (prisma/client.ts getPrisma)
    (globalThis as { relaisPrisma?: unknown }).relaisPrisma = db.prisma;
    const userId = `u-${randomBytes(4).toString('hex')}`;
    await db.prisma.user.create({ data: { id: userId, name: 'admin', email: `${userId}@example.test`, organizationId: orgId, role: 'admin' } });
    try {
      expect(directory.stateOf(ids.alice)).toBe('available');
      const t0 = performance.now();
      await updateAgent({ id: userId, organizationId: orgId }, ids.alice, { status: 'paused' });
      await eventually(() => directory.stateOf(ids.alice) === 'paused', 'alice paused in the directory', 5_000);
      console.log(`agent status change → runtime directory: ${Math.round(performance.now() - t0)} ms`);
      await updateAgent({ id: userId, organizationId: orgId }, ids.alice, { status: 'available' });
      await eventually(() => directory.stateOf(ids.alice) === 'available', 'alice available again', 5_000);
    } finally {
      await listener.close();
      delete (globalThis as { relaisPrisma?: unknown }).relaisPrisma;
    }
  });
});
