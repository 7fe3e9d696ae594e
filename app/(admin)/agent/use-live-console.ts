'use client';
// The console's live connection (contract C2): socket.io on the admin's own origin, the session
// cookie authenticating it. On every connect — the first one and each reconnection — the console
// emits `sync` and replaces its state with the snapshot it gets back, so a console that lost its
// connection catches up without a reload; then `agent.status`, `call.updated` and `call.ended`
// events change it (console-state.ts). `live.resync` (the admin process's database listener came
// back, events may have been lost) syncs again too.
import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { applyEvent, applySync, emptyConsoleState, type ConsoleState } from './console-state';
import type { AgentStatusView, LiveEvent, SyncResult } from './console-types';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

const EVENT_TYPES = ['agent.status', 'call.updated', 'call.ended'] as const;

/** An event as the server emits it: either the whole NOTIFY envelope `{t, d, …}` or only its `d` under the type's name. */
function toEvent(type: (typeof EVENT_TYPES)[number], payload: unknown): LiveEvent | null {
  if (!payload || typeof payload !== 'object') return null;
  const envelope = payload as { t?: unknown; d?: unknown };
  if (envelope.t === type && envelope.d && typeof envelope.d === 'object') return payload as LiveEvent;
  return { t: type, d: payload } as LiveEvent;
}

export function useLiveConsole(agentId: string | null, initialStatus: AgentStatusView | null, onEvent?: (event: LiveEvent) => void) {
  const [state, setState] = useState<ConsoleState>({ ...emptyConsoleState, status: initialStatus });
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const socketRef = useRef<Socket | null>(null);
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    if (!agentId) return;
    const socket = io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
    socketRef.current = socket;
    const sync = () => {
      socket.timeout(10_000).emit('sync', (err: Error | null, result: SyncResult | undefined) => {
        // An error answer ({ error }) leaves the state as it is; the next connect syncs again.
        if (err || !result || !Array.isArray(result.calls)) return;
        setState((s) => applySync(s, result, agentId));
      });
    };
    const handle = (event: LiveEvent | null) => {
      if (!event) return;
      setState((s) => applyEvent(s, event, agentId));
      onEventRef.current?.(event);
    };
    socket.on('connect', () => {
      setConnection('connected');
      sync();
    });
    socket.on('disconnect', () => setConnection('reconnecting'));
    // The admin's database listener reconnected: events may have been lost meanwhile.
    socket.on('live.resync', sync);
    socket.on('connect_error', () => setConnection((c) => (c === 'connecting' ? 'connecting' : 'reconnecting')));
    for (const type of EVENT_TYPES) socket.on(type, (payload: unknown) => handle(toEvent(type, payload)));
    socket.on('live', (payload: unknown) => {
      const t = (payload as { t?: unknown } | null)?.t;
      if (t === 'agent.status' || t === 'call.updated' || t === 'call.ended') handle(toEvent(t, payload));
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [agentId]);

  /** A status the console learnt from an API answer (PUT /api/agent/me/status) before its event arrives. */
  const setStatus = useCallback((status: AgentStatusView) => setState((s) => ({ ...s, status })), []);

  return { state, connection, setStatus };
}
