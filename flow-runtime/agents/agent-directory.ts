// Who can take a call right now. Registration and status come from the database (the
// registrar writes SipRegistration, the admin writes Agent.status); "on a call" is kept in
// memory by this runtime instance as legs are answered and end.
//
// Every agent row read is kept in memory (name, status, registrations with their expiresAt):
//   - loadOrganization(orgId) reads every agent of an organisation with its registrations in
//     one Prisma query (two SQL statements, whatever the number of agents); a call's context
//     reads it once, then asks `states(orgId)` (memory, expiry applied at that instant) each
//     time the interpreter looks: presence is live for calls in progress;
//   - refresh(agentId) re-reads one agent: the registrar calls it when a binding is added,
//     removed or purged (same process), the agent change listener when the admin changed the
//     agent (NOTIFY relais_agent_changed);
//   - each change of an agent's state (available / busy / paused / offline) is emitted as
//     `change` (the queue coordinator is fed from it, queue-feed.ts);
//   - a read that fails with a connection error (or gets no answer within 2 s) is answered
//     from memory, expiry still applied from the stored expiresAt; during such an outage kept
//     answers are served at once while one refresh per key runs (as calls/last-known-good.ts).
// Several runtime instances would each only know their own calls: scale-out moves the busy
// set to Redis (a set per organisation with a TTL per entry), behind this same class.
import { EventEmitter } from 'node:events';
import { sqlPool, type PrismaClient } from '../../prisma/client';
import { DatabaseUnavailableError, isConnectionError, withTimeout } from '../calls/last-known-good';

export type AgentStatus = 'available' | 'paused' | 'offline';
/** Registration, status and "on a call" in one word (what the interpreter reads). */
export type PresenceState = 'available' | 'busy' | 'paused' | 'offline';

export interface AgentPresence {
  agentId: string;
  organizationId: string;
  name: string;
  status: AgentStatus;
  /** Unexpired registration contacts, most recently refreshed first. */
  contacts: string[];
  reachable: boolean;
  onCall: boolean;
  /** reachable && status available && not on a call. */
  available: boolean;
  /** In a post-call pause (wrap-up): counts as busy (issue 14, wrap-up.ts). */
  wrapUpEndsAt: number | null;
  /** offline when unreachable or status offline; paused; busy when on a call; else available. */
  state: PresenceState;
}

export interface GroupMemberPresence extends AgentPresence {
  position: number;
  /** The member's ring time, else the group's default. */
  ringTimeSeconds: number;
}

export interface AgentDirectoryOptions {
  now?: () => number;
  /** A read without an answer for this long counts as a connection error. Default 2 s. */
  lookupTimeoutMs?: number;
}

export interface AgentStateChange {
  agentId: string;
  organizationId: string;
  state: PresenceState;
  /** null the first time this directory learns about the agent. */
  previous: PresenceState | null;
}

/** What the runtime is doing with an agent (issue 14): ringing, on a call, in a post-call pause, or nothing. */
export type AgentActivity = 'ringing' | 'in_call' | 'wrap_up' | null;

export interface AgentActivityChange {
  agentId: string;
  organizationId: string;
  activity: AgentActivity;
  previous: AgentActivity;
  wrapUpEndsAt: number | null;
}

/** How long an agent's post-call pause lasts after `callId` (seconds; 0: none). */
export type WrapUpPolicy = (agentId: string, callId: string, choiceSeconds: number | null, groupId: string | null) => Promise<number>;

export interface AgentDirectoryEvents {
  /** The runtime's activity with an agent changed (ringing / in_call / wrap_up / null). */
  activity: [AgentActivityChange];
  /** An agent's state changed (first read, registration, status, on a call, removal → offline). */
  change: [AgentStateChange];
  /** The first read of an outage answered from memory. */
  outage: [{ what: string; err: unknown }];
  /** A read succeeded again after an outage. */
  recovered: [{ staleAnswers: number; ms: number }];
}

interface Registration {
  contact: string;
  expiresAt: number;
  updatedAt: number;
}

interface AgentRow {
  id: string;
  organizationId: string;
  name: string;
  status: AgentStatus;
  registrations: Registration[];
  /** The agent's choice of post-call pause for the current call (PPA), seconds. */
  wrapUpChoiceSeconds: number | null;
}

interface WrapUp {
  callId: string;
  startedAt: number;
  /** null while the duration is being resolved (the agent is kept busy meanwhile). */
  endsAt: number | null;
  /** The choice that set endsAt (a new choice during the wrap-up moves the end). */
  choice: number | null;
  timer: NodeJS.Timeout | null;
}

interface GroupRow {
  ringTimeSeconds: number;
  members: { agentId: string; position: number; ringTimeSeconds: number | null }[];
}

const AGENT_SELECT = {
  id: true, organizationId: true, name: true, status: true, lockStatus: true, wrapUpChoiceSeconds: true,
  registrations: { select: { contact: true, expiresAt: true, updatedAt: true } },
} as const;

type DbAgent = { id: string; organizationId: string; name: string; status: AgentStatus; lockStatus: AgentStatus | null; wrapUpChoiceSeconds: number | null; registrations: { contact: string; expiresAt: Date; updatedAt: Date }[] };

export class AgentDirectory extends EventEmitter<AgentDirectoryEvents> {
  /** agentId → the calls this instance has the agent on. */
  private readonly busy = new Map<string, Set<string>>();
  /** The last row read for each agent. */
  private readonly agents = new Map<string, AgentRow>();
  /** organisationId → its agents, for organisations read as a whole (loadOrganization). */
  private readonly organizations = new Map<string, Set<string>>();
  private readonly groups = new Map<string, GroupRow>();
  /** The last state emitted per agent. */
  private readonly states = new Map<string, PresenceState>();
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private outageSince: number | null = null;
  private staleAnswers = 0;
  private readonly refreshing = new Set<string>();
  /** agentId → the calls ringing them (issue 14). */
  private readonly ringingCalls = new Map<string, Set<string>>();
  /** agentId → their post-call pause in progress. */
  private readonly wrapUps = new Map<string, WrapUp>();
  private readonly activities = new Map<string, AgentActivity>();
  private wrapUpPolicy: WrapUpPolicy | null = null;
  /** `${callId} ${agentId}` → the group whose queue offered that call to the agent. */
  private readonly offeredBy = new Map<string, string>();

  constructor(private readonly prisma: PrismaClient, opts: AgentDirectoryOptions | (() => number) = {}) {
    super();
    const o = typeof opts === 'function' ? { now: opts } : opts;
    this.now = o.now ?? Date.now;
    this.timeoutMs = o.lookupTimeoutMs ?? 2_000;
  }

  // ---- reads (database first, memory when it is unreachable) ------------------------------

  /** Every agent of the organisation with its presence: one query; kept for `stateOf` / `organizationStates`. */
  async loadOrganization(organizationId: string): Promise<AgentPresence[]> {
    const ids = await this.read('agents of organisation', `org:${organizationId}`, async () => {
      const rows = await this.organizationAgents(organizationId);
      const previous = this.organizations.get(organizationId) ?? new Set<string>();
      const ids = new Set(rows.map((r) => r.id));
      this.organizations.set(organizationId, ids);
      for (const row of rows) this.store(row);
      for (const id of previous) if (!ids.has(id)) this.forget(id);
      return ids;
    }, () => this.organizations.get(organizationId));
    return [...ids].map((id) => this.known(id)).filter((p): p is AgentPresence => p !== null);
  }

  /**
   * The organisation's agents with their registrations. Every call reads this once: as one plain
   * statement on the client's pg pool (issue 18; through Prisma, two statements and ~2 ms of CPU).
   * Times are read as epoch milliseconds (the columns hold UTC wall time, as Prisma writes them).
   */
  private async organizationAgents(organizationId: string): Promise<DbAgent[]> {
    const sql = sqlPool(this.prisma);
    if (!sql) return this.prisma.agent.findMany({ where: { organizationId }, select: AGENT_SELECT });
    const { rows } = await sql.query<Omit<DbAgent, 'registrations'> & { registrations: { contact: string; expiresAt: number; updatedAt: number }[] }>(
      `SELECT a."id", a."organizationId", a."name", a."status"::text AS "status", a."lockStatus"::text AS "lockStatus", a."wrapUpChoiceSeconds",
         coalesce((SELECT json_agg(json_build_object('contact', r."contact",
           'expiresAt', extract(epoch FROM r."expiresAt") * 1000, 'updatedAt', extract(epoch FROM r."updatedAt") * 1000) ORDER BY r."id")
           FROM "SipRegistration" r WHERE r."agentId" = a."id"), '[]') AS "registrations"
       FROM "Agent" a WHERE a."organizationId" = $1`,
      [organizationId],
    );
    return rows.map((r) => ({
      ...r,
      registrations: r.registrations.map((g) => ({ contact: g.contact, expiresAt: new Date(Number(g.expiresAt)), updatedAt: new Date(Number(g.updatedAt)) })),
    }));
  }

  /** The agent's presence (null when there is no such agent). */
  async presence(agentId: string): Promise<AgentPresence | null> {
    return this.read('agent presence', `agent:${agentId}`, async () => {
      const row = await this.prisma.agent.findUnique({ where: { id: agentId }, select: AGENT_SELECT });
      if (!row) {
        this.forget(agentId);
        return null;
      }
      this.store(row);
      return this.known(agentId);
    }, () => (this.agents.has(agentId) ? this.known(agentId) : undefined));
  }

  /** The agent's unexpired contact URIs, most recently refreshed first (empty when not registered). */
  async contacts(agentId: string): Promise<string[]> {
    return (await this.presence(agentId))?.contacts ?? [];
  }

  async isReachable(agentId: string): Promise<boolean> {
    return (await this.contacts(agentId)).length > 0;
  }

  async isAvailable(agentId: string): Promise<boolean> {
    return (await this.presence(agentId))?.available ?? false;
  }

  /** The group's members in cascade order, with their ring times and presence. */
  async groupMembers(groupId: string): Promise<GroupMemberPresence[]> {
    const group = await this.read('group members', `group:${groupId}`, async () => {
      const g = await this.prisma.queueGroup.findUnique({
        where: { id: groupId },
        select: { ringTimeSeconds: true, members: { orderBy: { position: 'asc' }, select: { position: true, ringTimeSeconds: true, agent: { select: AGENT_SELECT } } } },
      });
      if (!g) {
        this.groups.delete(groupId);
        return null;
      }
      for (const m of g.members) this.store(m.agent);
      const row: GroupRow = { ringTimeSeconds: g.ringTimeSeconds, members: g.members.map((m) => ({ agentId: m.agent.id, position: m.position, ringTimeSeconds: m.ringTimeSeconds })) };
      this.groups.set(groupId, row);
      return row;
    }, () => this.groups.get(groupId));
    if (!group) return [];
    return group.members.flatMap((m) => {
      const p = this.known(m.agentId);
      return p ? [{ ...p, position: m.position, ringTimeSeconds: m.ringTimeSeconds ?? group.ringTimeSeconds }] : [];
    });
  }

  /** Re-reads one agent after a change announced elsewhere (registrar, NOTIFY); never throws. */
  async refresh(agentId: string): Promise<void> {
    await this.presence(agentId).catch(() => undefined);
  }

  /** Re-reads every organisation and agent kept (after the change listener reconnects); never throws. */
  async refreshAll(): Promise<void> {
    const orgs = [...this.organizations.keys()];
    const loose = [...this.agents.values()].filter((a) => !this.organizations.get(a.organizationId)?.has(a.id)).map((a) => a.id);
    await Promise.all([...orgs.map((o) => this.loadOrganization(o).catch(() => undefined)), ...loose.map((id) => this.refresh(id))]);
  }

  // ---- memory (synchronous, live) -----------------------------------------------------------

  /** The agent's presence from memory at this instant (null when never read). */
  known(agentId: string): AgentPresence | null {
    const row = this.agents.get(agentId);
    return row ? this.toPresence(row) : null;
  }

  /** The agent's state from memory at this instant (null when never read). */
  stateOf(agentId: string): PresenceState | null {
    return this.known(agentId)?.state ?? null;
  }

  /** Every agent of an organisation read by loadOrganization, with its state at this instant. */
  organizationStates(organizationId: string): Array<{ agentId: string; name: string; state: PresenceState }> {
    const ids = this.organizations.get(organizationId);
    if (!ids) return [];
    return [...ids].flatMap((id) => {
      const p = this.known(id);
      return p ? [{ agentId: id, name: p.name, state: p.state }] : [];
    });
  }

  isOnCall(agentId: string): boolean {
    return (this.busy.get(agentId)?.size ?? 0) > 0;
  }

  /** An agent's leg was answered on `callId`. */
  markBusy(agentId: string, callId: string): void {
    let calls = this.busy.get(agentId);
    if (!calls) this.busy.set(agentId, (calls = new Set()));
    calls.add(callId);
    this.changed(agentId);
  }

  /**
   * That call's leg ended; the agent is free once no other call holds them and their post-call
   * pause (wrap-up, when a policy is set) is over: meanwhile they count as busy.
   */
  markFree(agentId: string, callId: string): void {
    const calls = this.busy.get(agentId);
    if (!calls) return;
    calls.delete(callId);
    if (calls.size === 0) {
      this.busy.delete(agentId);
      if (this.wrapUpPolicy && !this.wrapUps.has(agentId)) this.startWrapUp(agentId, callId);
    }
    this.changed(agentId);
  }

  // ---- ringing and post-call pause (issue 14) -----------------------------------------------

  /** Post-call pauses: after an agent's last call ends, `policy` says for how long they stay busy. */
  setWrapUpPolicy(policy: WrapUpPolicy | null): void {
    this.wrapUpPolicy = policy;
  }

  /** The queue of `groupId` offered `callId` to the agent and they took it (queue-feed.ts): its wrap-up applies. */
  noteOfferedBy(callId: string, agentId: string, groupId: string): void {
    this.offeredBy.set(`${callId} ${agentId}`, groupId);
  }

  /** The runtime is ringing the agent for `callId` (a leg dialled). */
  markRinging(agentId: string, callId: string): void {
    let calls = this.ringingCalls.get(agentId);
    if (!calls) this.ringingCalls.set(agentId, (calls = new Set()));
    calls.add(callId);
    this.changed(agentId);
  }

  /** That ringing ended (answered, failed, cancelled). */
  markRingEnded(agentId: string, callId: string): void {
    const calls = this.ringingCalls.get(agentId);
    if (!calls?.delete(callId)) return;
    if (calls.size === 0) this.ringingCalls.delete(agentId);
    this.changed(agentId);
  }

  /** When the agent's post-call pause ends (ms), null when not in one (or still being resolved). */
  wrapUpEndsAt(agentId: string): number | null {
    return this.wrapUps.get(agentId)?.endsAt ?? null;
  }

  activityOf(agentId: string): AgentActivity {
    if (this.isOnCall(agentId)) return 'in_call';
    if (this.wrapUps.has(agentId)) return 'wrap_up';
    if ((this.ringingCalls.get(agentId)?.size ?? 0) > 0) return 'ringing';
    return null;
  }

  /** Ends the agent's post-call pause now (e.g. tests, shutdown). */
  endWrapUp(agentId: string): void {
    const w = this.wrapUps.get(agentId);
    if (!w) return;
    if (w.timer) clearTimeout(w.timer);
    this.wrapUps.delete(agentId);
    // the choice was for that call (the activity publisher clears it in the database too)
    const row = this.agents.get(agentId);
    if (row) row.wrapUpChoiceSeconds = null;
    this.changed(agentId);
  }

  private startWrapUp(agentId: string, callId: string): void {
    const w: WrapUp = { callId, startedAt: this.now(), endsAt: null, choice: null, timer: null };
    this.wrapUps.set(agentId, w);
    const choice = this.agents.get(agentId)?.wrapUpChoiceSeconds ?? null;
    const groupId = this.offeredBy.get(`${callId} ${agentId}`) ?? null;
    this.offeredBy.delete(`${callId} ${agentId}`);
    this.wrapUpPolicy!(agentId, callId, choice, groupId).catch(() => 0).then((seconds) => {
      if (this.wrapUps.get(agentId) !== w) return;
      if (!(seconds > 0)) return this.endWrapUp(agentId);
      w.choice = choice;
      this.scheduleWrapUpEnd(agentId, w, w.startedAt + seconds * 1000);
    });
  }

  private scheduleWrapUpEnd(agentId: string, w: WrapUp, endsAt: number): void {
    if (w.timer) clearTimeout(w.timer);
    w.endsAt = endsAt;
    const delay = endsAt - this.now();
    if (delay <= 0) return this.endWrapUp(agentId);
    w.timer = setTimeout(() => this.endWrapUp(agentId), delay);
    w.timer.unref?.();
    this.emitActivity(agentId, true);
  }

  // ---- internals -----------------------------------------------------------------------------

  private store(row: DbAgent): void {
    this.agents.set(row.id, {
      // a supervisor's lock overrides the agent's choice (issue 14)
      id: row.id, organizationId: row.organizationId, name: row.name, status: row.lockStatus ?? row.status,
      wrapUpChoiceSeconds: row.wrapUpChoiceSeconds,
      registrations: row.registrations.map((r) => ({ contact: r.contact, expiresAt: r.expiresAt.getTime(), updatedAt: r.updatedAt.getTime() })),
    });
    // a choice of post-call pause made during the wrap-up moves its end
    const w = this.wrapUps.get(row.id);
    if (w && w.endsAt !== null && row.wrapUpChoiceSeconds !== null && row.wrapUpChoiceSeconds !== w.choice) {
      w.choice = row.wrapUpChoiceSeconds;
      this.scheduleWrapUpEnd(row.id, w, w.startedAt + row.wrapUpChoiceSeconds * 1000);
    }
    this.changed(row.id);
  }

  private forget(agentId: string): void {
    const row = this.agents.get(agentId);
    if (!row) return;
    this.agents.delete(agentId);
    this.organizations.get(row.organizationId)?.delete(agentId);
    const w = this.wrapUps.get(agentId);
    if (w?.timer) clearTimeout(w.timer);
    this.wrapUps.delete(agentId);
    this.ringingCalls.delete(agentId);
    this.activities.delete(agentId);
    const previous = this.states.get(agentId) ?? null;
    this.states.delete(agentId);
    if (previous !== 'offline') this.emit('change', { agentId, organizationId: row.organizationId, state: 'offline', previous });
  }

  /** Emits `activity` when the runtime's activity with the agent changed (or `force`: its wrap-up end moved). */
  private emitActivity(agentId: string, force = false): void {
    const row = this.agents.get(agentId);
    if (!row) return;
    const activity = this.activityOf(agentId);
    const previous = this.activities.get(agentId) ?? null;
    const wrapUpEndsAt = this.wrapUpEndsAt(agentId);
    // a wrap-up is announced once its end is known
    if (activity === 'wrap_up' && wrapUpEndsAt === null) return;
    if (previous === activity && !force) return;
    this.activities.set(agentId, activity);
    this.emit('activity', { agentId, organizationId: row.organizationId, activity, previous, wrapUpEndsAt });
  }

  /** Emits `change` when the agent's state differs from the last one emitted. */
  private changed(agentId: string): void {
    this.emitActivity(agentId);
    const p = this.known(agentId);
    if (!p) return;
    const previous = this.states.get(agentId) ?? null;
    if (previous === p.state) return;
    this.states.set(agentId, p.state);
    this.emit('change', { agentId, organizationId: p.organizationId, state: p.state, previous });
  }

  private toPresence(row: AgentRow): AgentPresence {
    const at = this.now();
    const contacts = row.registrations.filter((r) => r.expiresAt > at).sort((a, b) => b.updatedAt - a.updatedAt).map((r) => r.contact);
    const onCall = this.isOnCall(row.id);
    const wrapping = this.wrapUps.has(row.id);
    const reachable = contacts.length > 0;
    const state: PresenceState = !reachable || row.status === 'offline' ? 'offline' : row.status === 'paused' ? 'paused' : onCall || wrapping ? 'busy' : 'available';
    return {
      agentId: row.id, organizationId: row.organizationId, name: row.name, status: row.status, contacts, reachable, onCall,
      available: state === 'available', state, wrapUpEndsAt: this.wrapUpEndsAt(row.id),
    };
  }

  /**
   * `load` (which keeps what it read) within the time limit; on a connection error or no answer
   * in time, `kept()` (memory) when it has something, else DatabaseUnavailableError. During an
   * outage a kept answer is served at once and one background refresh per key runs.
   */
  private async read<T>(what: string, key: string, load: () => Promise<T>, kept: () => T | undefined): Promise<T> {
    if (this.outageSince !== null) {
      const value = kept();
      if (value !== undefined) {
        this.refreshInBackground(what, key, load);
        this.staleAnswers++;
        return value;
      }
    }
    try {
      const value = await withTimeout(load(), this.timeoutMs, what);
      this.succeeded();
      return value;
    } catch (err) {
      if (!isConnectionError(err)) throw err;
      const value = kept();
      if (value === undefined) throw new DatabaseUnavailableError(what, err);
      this.staleAnswers++;
      if (this.outageSince === null) {
        this.outageSince = Date.now();
        this.emit('outage', { what, err });
      }
      return value;
    }
  }

  private refreshInBackground<T>(what: string, key: string, load: () => Promise<T>): void {
    if (this.refreshing.has(key)) return;
    this.refreshing.add(key);
    withTimeout(load(), this.timeoutMs, what).then(() => this.succeeded(), () => undefined).finally(() => this.refreshing.delete(key));
  }

  private succeeded(): void {
    if (this.outageSince === null) return;
    const info = { staleAnswers: this.staleAnswers, ms: Date.now() - this.outageSince };
    this.outageSince = null;
    this.staleAnswers = 0;
    this.emit('recovered', info);
  }
}
