// The summary columns of one Call (issue 15, contract C0: flow, group, agents, wait, talk,
// transfers, voicemail, callback, last node), built in memory while the call goes from what is
// recorded about it (CallRecorder feeds it every path event) and from the few facts only a kind
// of call knows (`fact()`: the group an outgoing call is placed for, when its talk starts).
// `finish(endedAt)` gives the columns written with the call's end, in the same update as outcome
// and endedAt.
//
// What the path events mean here (flow-runtime/records/README.md lists the kinds):
//   node-entered            → endNodeId (the last node entered, of whichever flow the call is in)
//   queue {event:'offered'} → groupId (the last one), queuedAt (the first offer before any agent answered)
//   leg of a flow step      → ringing: which agent is on the leg; outcome answered: that agent answered
//   transfer                → started to a group: groupId; answered (cold, attended), completed
//                             (warm), entered (a flow), voicemail (the group's mailbox): one transfer
//                             made; toAgentId joins agentIds
//   conference joined       → the consulted agent joins agentIds
//   voicemail, callback of a flow step → voicemail, callbackRequested

/** A fact a kind of call gives the summary itself (no path event says it). */
export type CallSummaryFact =
  /** The call is offered to (queued: true) or placed for (an outgoing call, a callback) this group. */
  | { kind: 'group'; groupId: string; queued?: boolean; at?: Date }
  /** This agent answered (talk starts; the first one is agentId), or only talked (answered: false). */
  | { kind: 'agent'; agentId: string; answered?: boolean; at?: Date }
  | { kind: 'voicemail' }
  | { kind: 'callback' };

/** The C0 columns as written at the end (dates as ISO strings: an outbox op is JSON). */
export interface CallSummaryColumns {
  groupId: string | null;
  agentId: string | null;
  agentIds: string[];
  queuedAt: string | null;
  agentAnsweredAt: string | null;
  waitMs: number | null;
  talkMs: number | null;
  transferCount: number;
  endNodeId: string | null;
  /** Only when true: a Voicemail row written after the end set it already (never turned back to false). */
  voicemail?: true;
  callbackRequested?: true;
}

export interface SummaryEvent {
  kind: string;
  nodeId?: string | null;
  data?: unknown;
  at: Date;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export class CallSummary {
  private groupId: string | null = null;
  private queuedAt: Date | null = null;
  private agentId: string | null = null;
  private agentAnsweredAt: Date | null = null;
  private readonly agentIds: string[] = [];
  private transferCount = 0;
  private voicemail = false;
  private callbackRequested = false;
  private endNodeId: string | null = null;
  /** Flow legs ringing an agent: leg id → agent id. */
  private readonly flowLegs = new Map<string, string>();

  /** One recorded path event of the call. */
  observe(event: SummaryEvent): void {
    const data = (event.data && typeof event.data === 'object' ? event.data : {}) as Record<string, unknown>;
    const fromFlow = !!event.nodeId;
    switch (event.kind) {
      case 'node-entered':
        if (event.nodeId) this.endNodeId = event.nodeId;
        return;
      case 'queue': {
        const groupId = str(data.groupId);
        if (data.event === 'offered' && groupId) this.offered(groupId, event.at, true);
        return;
      }
      case 'leg': {
        // legs of a flow step (queue group, redirect); a callback attempt's legs carry no node
        const legId = str(data.legId);
        if (!fromFlow || !legId) return;
        const agentId = str(data.agentId);
        if (data.event === 'ringing' && agentId) this.flowLegs.set(legId, agentId);
        else if (data.outcome === 'answered' && this.flowLegs.has(legId)) this.agent(this.flowLegs.get(legId)!, true, event.at);
        return;
      }
      case 'transfer':
        return this.transfer(data, event.at);
      case 'conference': {
        const agentId = str(data.targetAgentId);
        if (data.result === 'joined' && agentId) this.agent(agentId, false, event.at);
        return;
      }
      case 'voicemail':
        if (fromFlow) this.voicemail = true;
        return;
      case 'callback':
        if (fromFlow) this.callbackRequested = true;
        return;
      default:
        return;
    }
  }

  fact(fact: CallSummaryFact, now: Date): void {
    switch (fact.kind) {
      case 'group':
        return this.offered(fact.groupId, fact.at ?? now, fact.queued ?? false);
      case 'agent':
        return this.agent(fact.agentId, fact.answered ?? true, fact.at ?? now);
      case 'voicemail':
        this.voicemail = true;
        return;
      case 'callback':
        this.callbackRequested = true;
        return;
    }
  }

  /** The columns at the call's end. */
  finish(endedAt: Date): CallSummaryColumns {
    const since = (from: Date | null, to: Date) => (from ? Math.max(0, to.getTime() - from.getTime()) : null);
    return {
      groupId: this.groupId,
      agentId: this.agentId,
      agentIds: [...this.agentIds],
      queuedAt: this.queuedAt?.toISOString() ?? null,
      agentAnsweredAt: this.agentAnsweredAt?.toISOString() ?? null,
      waitMs: since(this.queuedAt, this.agentAnsweredAt ?? endedAt),
      talkMs: since(this.agentAnsweredAt, endedAt),
      transferCount: this.transferCount,
      endNodeId: this.endNodeId,
      ...(this.voicemail ? { voicemail: true as const } : {}),
      ...(this.callbackRequested ? { callbackRequested: true as const } : {}),
    };
  }

  private offered(groupId: string, at: Date, queued: boolean): void {
    this.groupId = groupId;
    // the wait is the caller's before the first agent: a later queue (after a transfer) does not restart it
    if (queued && !this.queuedAt && !this.agentAnsweredAt) this.queuedAt = at;
  }

  private agent(agentId: string, answered: boolean, at: Date): void {
    if (answered && !this.agentAnsweredAt) {
      this.agentAnsweredAt = at;
      this.agentId = agentId;
    }
    if (!this.agentIds.includes(agentId)) this.agentIds.push(agentId);
  }

  private transfer(data: Record<string, unknown>, at: Date): void {
    const result = data.result;
    const groupId = str(data.groupId);
    if (result === 'started' && data.targetKind === 'group' && groupId) this.offered(groupId, at, true);
    const made =
      (result === 'answered' && (data.mode === 'cold' || data.mode === 'attended')) ||
      (result === 'completed' && data.mode === 'warm') ||
      result === 'entered' ||
      result === 'voicemail';
    if (!made) return;
    this.transferCount += 1;
    const toAgentId = str(data.toAgentId);
    if (toAgentId) this.agent(toAgentId, true, at);
  }
}
