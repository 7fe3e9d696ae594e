// One call as the consoles and the wallboard see it (issue 14, C2: LiveCallView), kept up to date
// from what happens on the call: the session's effects and events (path, queue, legs ringing,
// bridge, end) and the call-control records (hold, transfers, consultation, conference,
// recording: the same `record(kind, data)` that writes CallEvent rows, so phone actions show too).
// Each change upserts the `LiveCall` row and publishes `call.updated`; the end deletes the row and
// publishes `call.ended`. Writes are coalesced: every change made in one turn of the event loop
// gives one upsert + one NOTIFY, and writes run one after the other (never out of order).
// A database outage drops the writes (logged); the call never waits on them.
import { sqlPool, type PrismaClient } from '../../prisma/client';
import type { Effect, CallEvent, CallState, PathEntry } from '../interpreter';
import type { Logger } from '../calls/sip-types';
import { LIVE_CHANNEL, livePayload, publishLive, type LiveEvent } from './publish';

export type LiveCallState = 'ivr' | 'queued' | 'ringing' | 'talking' | 'held' | 'consulting' | 'conference' | 'transferring';
export type LiveAgentRole = 'ringing' | 'talking' | 'held' | 'consulting' | 'target';

export interface LiveCallView {
  callId: string;
  organizationId: string;
  direction: 'inbound' | 'outbound' | 'internal';
  entryNumber: string;
  caller: string | null;
  contactName: string | null;
  group: { id: string; name: string; color: string } | null;
  startedAt: string;
  waitedMs: number;
  answeredAt: string | null;
  /** Nodes entered, oldest first; `key`: the menu key pressed there; `at`: when entered (additive to C2). */
  path: { nodeId: string; label: string; key?: string; at?: string }[];
  state: LiveCallState;
  /** When `state` last changed (additive to C2: the wallboard's "time in step"). */
  stateSince: string;
  agents: { agentId: string; role: LiveAgentRole }[];
  canRetrieve: boolean;
  canComplete: boolean;
  canSwitch: boolean;
  canConference: boolean;
  recording: boolean;
  /** The flow the call is running now (issue 15 C3; changes on a transfer into another flow), null for calls without a flow. */
  flowId: string | null;
  /**
   * The node the call is in now (issue 15 C3): the current step, or while bridged to an agent the
   * last node entered (the queue group or redirect that reached them); null before the first node
   * and for calls without a flow. The canvas counts calls per node from it.
   */
  nodeId: string | null;
}

/** Used when the QueueGroup row has no colour (column not there yet, or null). */
export const DEFAULT_GROUP_COLOR = '#4f7cff';
/** The path kept in a view (the NOTIFY payload stays small): the last entries. */
const PATH_MAX = 30;
const LABEL_MAX = 80;

type Db = Pick<PrismaClient, '$executeRawUnsafe' | '$queryRawUnsafe' | 'liveCall'>;

export interface LiveCallViewOptions {
  callId: string;
  organizationId: string;
  direction: LiveCallView['direction'];
  entryNumber: string;
  caller: string | null;
  startedAt?: Date;
  /** The node's config (queue-group steps name their group): the call's flow. */
  nodeConfig?: (nodeId: string) => Record<string, unknown> | undefined;
  /** Looks up the caller's contact name (null when unknown). */
  contactName?: () => Promise<string | null>;
  /** The call's queue group from the start (an agent's outgoing call: the group it is placed for). */
  groupId?: string;
  /** The flow the call starts in (its session's state says it after, e.g. on a transfer into another flow). */
  flowId?: string | null;
  log: Logger;
  /** Test hook: instead of setImmediate. */
  schedule?: (run: () => void) => void;
  /** How often the row's updatedAt is refreshed while nothing changes (default LIVE_TOUCH_MS). */
  touchMs?: number;
}

/**
 * A live row is touched this often; readers ignore rows older than LIVE_STALE_MS (a runtime that
 * died leaves its rows behind: they fade out of `sync` instead of showing calls forever).
 */
export const LIVE_TOUCH_MS = 60_000;
export const LIVE_STALE_MS = 180_000;

type WarmPhase = 'ringing' | 'talking' | 'failed' | 'conference' | null;

/** A queue group's name and colour; the colour read defensively (QueueGroup.color may not exist yet). */
export async function groupInfo(db: Pick<PrismaClient, '$queryRawUnsafe'>, organizationId: string, groupId: string): Promise<{ id: string; name: string; color: string } | null> {
  const rows = await db.$queryRawUnsafe<{ name: string; color: string | null }[]>(
    `SELECT g."name", to_jsonb(g)->>'color' AS color FROM "QueueGroup" g WHERE g."id" = $1 AND g."organizationId" = $2`,
    groupId,
    organizationId,
  );
  const row = rows[0];
  return row ? { id: groupId, name: row.name, color: row.color && /^#[0-9a-fA-F]{6}$/.test(row.color) ? row.color : DEFAULT_GROUP_COLOR } : null;
}

export class LiveCallTracker {
  private readonly view: LiveCallView;
  /** Flow legs ringing or bridged: legId → agentId. */
  private readonly legAgents = new Map<string, string>();
  private readonly agents = new Map<string, LiveAgentRole>();
  private bridgedAgent: string | null = null;
  private held = false;
  private transferring = false;
  private warm: WarmPhase = null;
  private warmTarget: string | null = null;
  private warmWith: 'target' | 'caller' = 'target';
  private queued = false;
  /** An agent's outgoing call (calls/originate/): the agent answered, the customer still rings. */
  private customerRinging = false;
  /** A call placed by an agent's phone (internal-call/): its phase, and who is on it. */
  private internal: { phase: 'ringing' | 'answered'; from: string; to: string | null; holding: Set<string> } | null = null;
  private ended = false;
  private dirty = false;
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly schedule: (run: () => void) => void;
  private readonly touchTimer: NodeJS.Timeout;
  /** The client's pg pool: each write is one plain statement (row + NOTIFY), not two Prisma queries. */
  private readonly sql: ReturnType<typeof sqlPool>;

  constructor(
    private readonly db: Db,
    private readonly opts: LiveCallViewOptions,
  ) {
    this.schedule = opts.schedule ?? ((run) => void setImmediate(run));
    this.sql = sqlPool(db);
    this.touchTimer = setInterval(() => this.touch(), opts.touchMs ?? LIVE_TOUCH_MS);
    this.touchTimer.unref?.();
    this.view = {
      callId: opts.callId,
      organizationId: opts.organizationId,
      direction: opts.direction,
      entryNumber: opts.entryNumber,
      caller: opts.caller,
      contactName: null,
      group: null,
      startedAt: (opts.startedAt ?? new Date()).toISOString(),
      waitedMs: 0,
      answeredAt: null,
      path: [],
      state: 'ivr',
      stateSince: (opts.startedAt ?? new Date()).toISOString(),
      agents: [],
      canRetrieve: false,
      canComplete: false,
      canSwitch: false,
      canConference: false,
      recording: false,
      flowId: opts.flowId ?? null,
      nodeId: null,
    };
    this.changed();
    if (opts.groupId) this.setGroup(opts.groupId);
    if (opts.contactName) {
      opts
        .contactName()
        .then((name) => {
          if (name && !this.ended) {
            this.view.contactName = name;
            this.changed();
          }
        })
        .catch((err: unknown) => opts.log.debug({ err, callId: opts.callId }, 'live view: contact lookup failed'));
    }
  }

  /** The current view (a copy). */
  snapshot(): LiveCallView {
    this.refresh();
    return structuredClone(this.view);
  }

  // ---- inputs ----------------------------------------------------------------------------

  /** The session's snapshot after each event (session.subscribe). */
  onSession({ event, state, effects }: { event: CallEvent; state: CallState; effects: Effect[] }): void {
    if (this.ended) return;
    switch (event.type) {
      case 'legFailed':
      case 'legEnded':
        this.dropLeg(event.legId);
        break;
      default:
        break;
    }
    for (const effect of effects) {
      switch (effect.type) {
        case 'persistEvent':
          this.onPath(effect.entry);
          break;
        case 'ringLegs':
          for (const leg of effect.legs) {
            if (leg.target.kind !== 'agent') continue;
            this.legAgents.set(leg.legId, leg.target.agentId);
            this.agents.set(leg.target.agentId, 'ringing');
          }
          break;
        case 'cancelLegs':
          for (const legId of effect.legIds) this.dropLeg(legId);
          break;
        case 'queueJoin':
          this.queued = true;
          break;
        case 'queueLeave':
          this.queued = false;
          break;
        case 'bridge': {
          const agentId = this.legAgents.get(effect.legId) ?? null;
          for (const [legId, id] of this.legAgents) {
            if (legId === effect.legId) continue;
            this.legAgents.delete(legId);
            this.agents.delete(id);
          }
          this.bridgedAgent = agentId;
          if (agentId) this.agents.set(agentId, 'talking');
          this.queued = false;
          this.markAnswered();
          break;
        }
        default:
          break;
      }
    }
    this.locate(state);
    if (state.status !== 'bridged' && this.bridgedAgent !== null && state.bridgedLeg === null && event.type !== 'callStarted') {
      // The flow went on after its bridge (agent left, transfer into a flow or a mailbox).
      this.agents.delete(this.bridgedAgent);
      this.bridgedAgent = null;
      this.held = false;
    }
    this.changed();
  }

  /** The 200 OK went out (answered by the flow or by an agent's bridge). */
  onAnswered(): void {
    // The flow answering (a message, a menu) is not an agent answering: answeredAt is the bridge.
  }

  /** A call-control record (hold, resume, transfer, switch, retrieve, conference, recording). */
  onRecord(kind: string, data: Record<string, unknown>): void {
    if (this.ended) return;
    const str = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : null);
    const result = str('result');
    switch (kind) {
      case 'hold':
        this.held = true;
        break;
      case 'resume':
        this.held = false;
        break;
      case 'recording':
        this.view.recording = str('action') === 'started';
        break;
      case 'switch':
        this.warmWith = str('to') === 'caller' ? 'caller' : 'target';
        break;
      case 'retrieve':
        this.endWarm();
        break;
      case 'conference':
        if (result === 'joined') this.warm = 'conference';
        else if (result === 'left') {
          const party = str('party');
          if (party === 'agent' && this.warmTarget) this.replaceAgent(this.warmTarget);
          this.endWarm();
        }
        break;
      case 'transfer':
        this.onTransfer(str('mode'), result, data);
        break;
      default:
        break;
    }
    this.changed();
  }

  private onTransfer(mode: string | null, result: string | null, data: Record<string, unknown>): void {
    const toAgentId = typeof data.toAgentId === 'string' ? data.toAgentId : null;
    if (mode === 'warm') {
      switch (result) {
        case 'started':
          this.warm = 'ringing';
          this.warmWith = 'target';
          this.warmTarget = toAgentId;
          if (toAgentId) this.agents.set(toAgentId, 'target');
          return;
        case 'answered':
          this.warm = 'talking';
          this.warmWith = 'target';
          return;
        case 'no_answer':
        case 'busy':
        case 'failed':
        case 'target_left':
          this.warm = 'failed';
          if (this.warmTarget) this.agents.delete(this.warmTarget);
          return;
        case 'retrieved':
          this.endWarm();
          return;
        case 'blind':
          // The agent let go while the target rings: it is a cold transfer now.
          if (this.bridgedAgent) this.agents.delete(this.bridgedAgent);
          this.bridgedAgent = null;
          this.warm = null;
          this.transferring = true;
          return;
        case 'completed':
          if (toAgentId) this.replaceAgent(toAgentId);
          else this.replaceAgent(null);
          this.endWarm();
          return;
        default:
          return;
      }
    }
    // cold (from a command or a REFER on the phone) and attended (REFER with Replaces)
    switch (result) {
      case 'started':
        this.transferring = true;
        if (toAgentId) this.agents.set(toAgentId, 'target');
        for (const member of Array.isArray(data.members) ? data.members : []) {
          const id = typeof member === 'string' ? member : (member as { agentId?: unknown })?.agentId;
          if (typeof id === 'string') this.agents.set(id, 'target');
        }
        if (typeof data.groupId === 'string' && typeof data.groupName === 'string' && !this.view.group) {
          this.setGroup(data.groupId);
        }
        return;
      case 'answered':
        this.transferring = false;
        this.clearTargets();
        this.replaceAgent(toAgentId);
        this.held = false;
        return;
      case 'returned':
        this.transferring = false;
        this.clearTargets();
        if (toAgentId) this.replaceAgent(toAgentId);
        return;
      case 'no_answer':
      case 'busy':
      case 'failed':
        this.clearTargets();
        return;
      case 'lost':
      case 'entered':
      case 'voicemail':
        this.transferring = false;
        this.clearTargets();
        this.replaceAgent(null);
        return;
      default:
        return;
    }
  }

  /**
   * A call placed by an agent's phone (internal-call/internal-call.ts): its `internal_call` records
   * (started / answered / busy / no_answer / failed / cancelled / ended) and `hold` / `resume` of a party.
   */
  onInternal(kind: string, data: Record<string, unknown>): void {
    if (this.ended) return;
    const id = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : null);
    if (kind === 'internal_call') {
      const result = id('result');
      if (result === 'started') {
        const from = id('fromAgentId');
        if (!from) return;
        this.internal = { phase: 'ringing', from, to: id('toAgentId'), holding: new Set() };
      } else if (this.internal && result === 'answered') {
        this.internal.phase = 'answered';
        this.markAnswered();
      } else if (this.internal && result !== 'ended') {
        // busy, no answer, failed, cancelled: the call ends right after
        if (this.internal.to) this.agents.delete(this.internal.to);
        this.internal.to = null;
      }
    } else if (this.internal && (kind === 'hold' || kind === 'resume')) {
      const agentId = id('agentId') ?? '';
      if (kind === 'hold') this.internal.holding.add(agentId);
      else this.internal.holding.delete(agentId);
    }
    this.changed();
  }

  /**
   * An agent's outgoing call (calls/originate/: no flow session behind it): `agent-ringing` the
   * agent's phones ring (state ringing, agent ringing); `customer-ringing` the agent answered and
   * the customer rings (state ringing, agent talking); `answered` the customer answered (talking,
   * answeredAt). Hold, transfers and recording come through `onRecord` as for a flow's call.
   */
  onOutgoing(phase: 'agent-ringing' | 'customer-ringing' | 'answered', agentId: string): void {
    if (this.ended) return;
    switch (phase) {
      case 'agent-ringing':
        this.agents.set(agentId, 'ringing');
        break;
      case 'customer-ringing':
        this.bridgedAgent = agentId;
        this.customerRinging = true;
        break;
      case 'answered':
        this.customerRinging = false;
        this.markAnswered();
        break;
    }
    this.changed();
  }

  /** The call is over: deletes the row and publishes `call.ended`. */
  end(outcome: string | null): Promise<void> {
    if (this.ended) return this.chain;
    this.ended = true;
    clearInterval(this.touchTimer);
    const { callId, organizationId } = this.view;
    const agentIds = this.allAgentIds();
    this.chain = this.chain.then(async () => {
      const event: LiveEvent = { o: organizationId, a: agentIds, t: 'call.ended', d: { callId, outcome } };
      const payload = this.sql ? livePayload(event) : null;
      if (this.sql && payload !== null) {
        // one statement: the row deleted and the event sent (at its commit)
        try {
          await this.sql.query(`WITH gone AS (DELETE FROM "LiveCall" WHERE "callId" = $1) SELECT pg_notify('${LIVE_CHANNEL}', $2)`, [callId, payload]);
          return;
        } catch (err) {
          this.opts.log.warn({ err, callId }, 'live view: LiveCall row not deleted');
        }
      } else {
        try {
          await this.db.liveCall.deleteMany({ where: { callId } });
        } catch (err) {
          this.opts.log.warn({ err, callId }, 'live view: LiveCall row not deleted');
        }
      }
      await publishLive(this.db, event, this.opts.log);
    });
    return this.chain;
  }

  /** Resolves when the writes asked so far are done (tests, shutdown). */
  settled(): Promise<void> {
    return this.chain;
  }

  // ---- state -----------------------------------------------------------------------------

  private everAgents = new Set<string>();
  private lastAudience: string[] = [];

  private allAgentIds(): string[] {
    for (const id of this.agents.keys()) this.everAgents.add(id);
    return [...this.everAgents];
  }

  private onPath(entry: PathEntry): void {
    if (entry.kind === 'node-entered' && entry.nodeId) {
      const data = entry.data ?? {};
      const label = (typeof data.label === 'string' && data.label.trim() ? data.label.trim() : (entry.nodeType ?? entry.nodeId)).slice(0, LABEL_MAX);
      this.view.path.push({ nodeId: entry.nodeId, label, at: new Date(entry.at).toISOString() });
      if (this.view.path.length > PATH_MAX) this.view.path.splice(0, this.view.path.length - PATH_MAX);
      if (entry.nodeType === 'queue-group') {
        const groupId = this.opts.nodeConfig?.(entry.nodeId)?.groupId;
        if (typeof groupId === 'string') this.setGroup(groupId);
      }
    } else if (entry.kind === 'output-taken' && entry.nodeType === 'menu' && entry.output && /^[0-9*#]$/.test(entry.output)) {
      const last = this.view.path[this.view.path.length - 1];
      if (last && last.nodeId === entry.nodeId) last.key = entry.output;
    } else if (entry.kind === 'queue' && entry.data?.event === 'join') {
      this.queued = true;
    }
  }

  /** Where the call is in its flow (C3): the current step, else (bridged, between steps) the last node entered. */
  private locate(state: CallState): void {
    if (state.flowId) this.view.flowId = state.flowId;
    const current = state.step?.nodeId ?? this.view.path[this.view.path.length - 1]?.nodeId ?? null;
    if (current !== null) this.view.nodeId = current;
  }

  private setGroup(groupId: string): void {
    if (this.view.group?.id === groupId) return;
    groupInfo(this.db, this.view.organizationId, groupId)
      .then((group) => {
        if (group && !this.ended) {
          this.view.group = group;
          this.changed();
        }
      })
      .catch((err: unknown) => this.opts.log.warn({ err, callId: this.view.callId }, 'live view: group lookup failed'));
  }

  private dropLeg(legId: string): void {
    const agentId = this.legAgents.get(legId);
    if (!agentId) return;
    this.legAgents.delete(legId);
    if (this.bridgedAgent === agentId) {
      this.bridgedAgent = null;
      this.held = false;
    }
    if (this.agents.get(agentId) === 'ringing' || this.agents.get(agentId) === 'talking' || this.agents.get(agentId) === 'held') this.agents.delete(agentId);
  }

  private replaceAgent(agentId: string | null): void {
    if (this.bridgedAgent) this.agents.delete(this.bridgedAgent);
    this.bridgedAgent = agentId;
    if (agentId) this.agents.set(agentId, 'talking');
  }

  private clearTargets(): void {
    for (const [id, role] of this.agents) if (role === 'target') this.agents.delete(id);
  }

  private endWarm(): void {
    if (this.warmTarget && this.warmTarget !== this.bridgedAgent) this.agents.delete(this.warmTarget);
    this.warm = null;
    this.warmTarget = null;
    this.warmWith = 'target';
  }

  private markAnswered(): void {
    if (this.view.answeredAt) return;
    const now = new Date();
    this.view.answeredAt = now.toISOString();
    this.view.waitedMs = Math.max(0, now.getTime() - Date.parse(this.view.startedAt));
  }

  /** Derives state, roles and the can* flags from what is known. */
  private refresh(): void {
    const before = this.view.state;
    this.derive();
    if (this.view.state !== before) this.view.stateSince = new Date().toISOString();
  }

  private derive(): void {
    const v = this.view;
    if (!v.answeredAt) v.waitedMs = Math.max(0, Date.now() - Date.parse(v.startedAt));
    if (this.internal) {
      const { phase, from, to, holding } = this.internal;
      const held = holding.size > 0;
      this.agents.set(from, held ? 'held' : 'talking');
      if (to) this.agents.set(to, phase === 'ringing' ? 'ringing' : held ? 'held' : 'talking');
      v.state = phase === 'ringing' ? 'ringing' : held ? 'held' : 'talking';
      v.canRetrieve = v.canSwitch = v.canConference = v.canComplete = false;
      v.agents = [...this.agents].map(([agentId, role]) => ({ agentId, role }));
      for (const agentId of this.agents.keys()) this.everAgents.add(agentId);
      return;
    }
    const agent = this.bridgedAgent;
    if (agent) this.agents.set(agent, this.warm === 'ringing' || (this.warm === 'talking' && this.warmWith === 'target') ? 'consulting' : this.held ? 'held' : 'talking');
    if (this.warmTarget && this.agents.has(this.warmTarget)) {
      this.agents.set(this.warmTarget, this.warm === 'conference' ? 'talking' : this.warm === 'talking' && this.warmWith === 'caller' ? 'held' : 'target');
    }
    const ringing = [...this.agents.values()].includes('ringing');
    if (this.warm === 'conference') v.state = 'conference';
    else if (this.warm !== null) v.state = 'consulting';
    else if (this.transferring) v.state = 'transferring';
    else if (agent) v.state = this.held ? 'held' : this.customerRinging ? 'ringing' : 'talking';
    else if (ringing) v.state = 'ringing';
    else if (this.queued) v.state = 'queued';
    else v.state = 'ivr';
    v.canRetrieve = this.warm === 'ringing' || this.warm === 'talking' || this.warm === 'failed';
    v.canSwitch = this.warm === 'talking';
    v.canConference = this.warm === 'talking';
    v.canComplete = this.warm === 'talking' || this.warm === 'conference';
    v.agents = [...this.agents].map(([agentId, role]) => ({ agentId, role }));
    for (const id of this.agents.keys()) this.everAgents.add(id);
  }

  /** Nothing changed for a while: refresh updatedAt (no event). */
  private touch(): void {
    if (this.ended || this.scheduled) return;
    const { callId } = this.view;
    this.chain = this.chain.then(async () => {
      if (this.ended) return;
      const touched = this.sql
        ? this.sql.query('UPDATE "LiveCall" SET "updatedAt" = $2 WHERE "callId" = $1', [callId, new Date().toISOString()])
        : this.db.liveCall.updateMany({ where: { callId }, data: { updatedAt: new Date() } });
      await touched.catch((err: unknown) => this.opts.log.debug({ err, callId }, 'live view: touch failed'));
    });
  }

  private changed(): void {
    if (this.ended) return;
    this.dirty = true;
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      if (!this.dirty || this.ended) return;
      this.dirty = false;
      this.refresh();
      const view = structuredClone(this.view);
      // Agents who just left the call get this update too (their console drops it).
      const current = view.agents.map((a) => a.agentId);
      const agentIds = [...new Set([...current, ...this.lastAudience])];
      this.lastAudience = current;
      this.chain = this.chain.then(() => this.write(view, current, agentIds));
    });
  }

  private async write(view: LiveCallView, agentIds: string[], audience: string[]): Promise<void> {
    if (this.ended) return;
    const json = view as unknown as object;
    if (this.sql) {
      const event = callUpdated(view, audience);
      const payload = livePayload(event);
      // one statement: the row upserted and the event sent at its commit (the admin reading a
      // `ref` event finds the row); the view goes as JSON text once, for both
      try {
        await this.sql.query(
          `WITH up AS (INSERT INTO "LiveCall" ("callId", "organizationId", "agentIds", "view", "updatedAt") VALUES ($1, $2, $3, $4::jsonb, $5)
             ON CONFLICT ("callId") DO UPDATE SET "agentIds" = EXCLUDED."agentIds", "view" = EXCLUDED."view", "updatedAt" = EXCLUDED."updatedAt")
           SELECT ${payload === null ? 'NULL' : `pg_notify('${LIVE_CHANNEL}', $6)`}`,
          [view.callId, view.organizationId, agentIds, JSON.stringify(json), new Date().toISOString(), ...(payload === null ? [] : [payload])],
        );
        if (payload === null) this.opts.log.warn({ type: event.t }, 'live event too large: dropped');
        return;
      } catch (err) {
        this.opts.log.warn({ err, callId: view.callId }, 'live view: LiveCall row not written');
      }
      if (this.ended) return;
      await publishLive(this.db, event, this.opts.log);
      return;
    }
    try {
      await this.db.liveCall.upsert({
        where: { callId: view.callId },
        create: { callId: view.callId, organizationId: view.organizationId, agentIds, view: json },
        update: { agentIds, view: json },
      });
    } catch (err) {
      this.opts.log.warn({ err, callId: view.callId }, 'live view: LiveCall row not written');
    }
    if (this.ended) return;
    await publishLive(this.db, callUpdated(view, audience), this.opts.log);
  }
}

/**
 * The `call.updated` event of a view. A view over NOTIFY's size limit (a call ringing dozens of
 * agents at once after a long path) goes out as a reference to its LiveCall row, written just
 * before: `d = { callId, ref: true }`; each admin process reads the row and emits the whole view
 * (app/lib/realtime/live-sockets.ts). When even the audience is too long, `audienceFromRow` tells
 * the admin to take the row's agentIds instead.
 */
export function callUpdated(view: LiveCallView, audience: string[]): LiveEvent {
  const full: LiveEvent = { o: view.organizationId, a: audience, t: 'call.updated', d: view };
  if (livePayload(full) !== null) return full;
  const ref: LiveEvent = { o: view.organizationId, a: audience, t: 'call.updated', d: { callId: view.callId, ref: true } };
  if (livePayload(ref) !== null) return ref;
  return { o: view.organizationId, a: [], t: 'call.updated', d: { callId: view.callId, ref: true, audienceFromRow: true } };
}
