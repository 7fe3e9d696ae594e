// The browser's copy of what is live (console, wallboard): a pure reducer over the `sync` answer
// and the socket.io events, so every page applies them the same way. No socket here:
//   socket.on('connect', async () => state = fromSync(await socket.emitWithAck('sync'), me));
//   socket.on('call.updated', (e) => state = applyLiveEvent(state, e, me)); // same for call.ended, agent.status
// `me` (an agent's id, or null for a supervisor): an update whose `agents` no longer names the
// agent removes the call from its view (it was transferred away, another agent answered).

export interface LiveCallLike {
  callId: string;
  agents: { agentId: string; role: string }[];
  /** The flow and the node the call is in now (issue 15 C3; null without a flow). */
  flowId?: string | null;
  nodeId?: string | null;
  [key: string]: unknown;
}

export interface LiveState<Status = unknown> {
  status: Status | null;
  calls: Record<string, LiveCallLike>;
}

export interface LiveEventMessage {
  t: string;
  d: unknown;
}

const visible = (call: LiveCallLike, me: string | null) => me === null || call.agents.some((a) => a.agentId === me);

export function fromSync<Status>(answer: { status: Status | null; calls: LiveCallLike[] }, me: string | null): LiveState<Status> {
  const calls: Record<string, LiveCallLike> = {};
  for (const call of answer.calls) if (visible(call, me)) calls[call.callId] = call;
  return { status: answer.status, calls };
}

export function applyLiveEvent<Status>(state: LiveState<Status>, event: LiveEventMessage, me: string | null): LiveState<Status> {
  switch (event.t) {
    case 'call.updated': {
      const call = event.d as LiveCallLike;
      const { [call.callId]: _previous, ...rest } = state.calls;
      return { ...state, calls: visible(call, me) ? { ...rest, [call.callId]: call } : rest };
    }
    case 'call.ended': {
      const { callId } = event.d as { callId: string };
      if (!(callId in state.calls)) return state;
      const { [callId]: _gone, ...rest } = state.calls;
      return { ...state, calls: rest };
    }
    case 'agent.status': {
      const d = event.d as { agentId: string; status: Status };
      return me !== null && d.agentId === me ? { ...state, status: d.status } : state;
    }
    default:
      return state;
  }
}
