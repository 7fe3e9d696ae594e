'use client';
// The calls in each node now (issue 15 item 4, "live calls on the canvas"): socket.io on the
// admin's origin (session cookie; supervisors and admins are in their organisation's room), the
// `sync` snapshot on every connect (so a reconnection catches up), then `call.updated` /
// `call.ended` applied by the shared reducer (app/lib/realtime/live-state.ts); the counts per
// node come from each call's C3 `flowId` / `nodeId`.
import { useEffect } from 'react';
import { io } from 'socket.io-client';
import { applyLiveEvent, fromSync, type LiveCallLike, type LiveState } from '@/app/lib/realtime/live-state';
import { liveCountsByNode } from '../core/call-stats';
import { useCallStatsStore } from './store';

const EVENTS = ['call.updated', 'call.ended'] as const;

export function useLiveNodeCounts(): void {
  const allowed = useCallStatsStore((s) => s.allowed);
  const flowId = useCallStatsStore((s) => s.flowId);

  useEffect(() => {
    if (!allowed || !flowId) return;
    const { setLive, setLiveConnection } = useCallStatsStore.getState();
    let state: LiveState = { status: null, calls: {} };
    let shown = '';
    const publish = () => {
      const counts = liveCountsByNode(Object.values(state.calls) as LiveCallLike[], flowId);
      const key = JSON.stringify(counts);
      if (key === shown) return;
      shown = key;
      setLive(counts);
    };
    setLiveConnection('connecting');
    const socket = io({
      path: '/socket.io',
      withCredentials: true,
      transports: ['websocket', 'polling'],
    });
    const sync = () => {
      socket.timeout(10_000).emit('sync', (err: Error | null, answer: { status: unknown; calls: LiveCallLike[] } | undefined) => {
        if (err || !answer || !Array.isArray(answer.calls)) return;
        state = fromSync(answer, null);
        publish();
      });
    };
    socket.on('connect', () => {
      setLiveConnection('connected');
      sync();
    });
    socket.on('disconnect', () => setLiveConnection('reconnecting'));
    socket.on('connect_error', () => setLiveConnection(socket.active ? 'reconnecting' : 'off'));
    socket.on('live.resync', sync);
    for (const type of EVENTS) {
      socket.on(type, (payload: { t?: string; d?: unknown } | null) => {
        if (!payload || typeof payload !== 'object') return;
        state = applyLiveEvent(state, { t: type, d: payload.t === type ? payload.d : payload }, null);
        publish();
      });
    }
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
      setLive({});
      setLiveConnection('off');
    };
  }, [allowed, flowId]);
}
