'use client';
// The wallboard's live connection: socket.io on the admin's own origin (session cookie). On every
// connect — the first one and each reconnection — it emits `sync` with `{ wallboard: true }` and
// replaces its state with the answer (calls, every agent's status, the groups, the server's
// clock), so a wall screen that lost its connection catches up without a reload. Then
// `call.updated`, `call.ended` and `agent.status` events change it (wallboard-state.ts).
// `live.resync` (the admin's database listener came back) and an event naming an agent or a
// group created since the last sync sync again.
import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import { applyEvent, applySync, emptyWallboard, needsRoster, type WallboardEvent, type WallboardState, type WallboardSync } from './wallboard-state';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

const ROSTER_RESYNC_MS = 10_000;
const EVENT_TYPES = ['agent.status', 'call.updated', 'call.ended'] as const;

export function useWallboardLive() {
  const [state, setState] = useState<WallboardState>(emptyWallboard);
  const [connection, setConnection] = useState<ConnectionState>('connecting');

  useEffect(() => {
    const socket = io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
    // The state lives here, changed synchronously by each event, and is handed to React as a whole.
    // React gets it at most once per frame: a busy board (hundreds of calls, dozens of events a
    // second) renders as often as the screen refreshes, not once per event.
    let current = emptyWallboard;
    let frame: number | null = null;
    const set = (next: WallboardState) => {
      if (next === current) return;
      current = next;
      frame ??= requestAnimationFrame(() => {
        frame = null;
        setState(current);
      });
    };
    let syncing = false;
    let lastSyncAt = 0;
    let again = false;
    const sync = () => {
      if (syncing) {
        again = true;
        return;
      }
      syncing = true;
      const sentAt = Date.now();
      lastSyncAt = sentAt;
      socket.timeout(10_000).emit('sync', { wallboard: true }, (err: Error | null, answer: WallboardSync | undefined) => {
        syncing = false;
        // An error answer ({ error }) leaves the state as it is; the next connect syncs again.
        if (!err && answer && Array.isArray(answer.calls)) set(applySync(answer, sentAt, Date.now()));
        if (again) {
          again = false;
          sync();
        }
      });
    };
    socket.on('connect', () => {
      setConnection('connected');
      sync();
    });
    socket.on('disconnect', () => setConnection('reconnecting'));
    socket.on('connect_error', () => setConnection((c) => (c === 'connecting' ? 'connecting' : 'reconnecting')));
    socket.on('live.resync', sync);
    for (const type of EVENT_TYPES) {
      socket.on(type, (payload: unknown) => {
        const envelope = payload as { t?: unknown; d?: unknown } | null;
        if (!envelope || typeof envelope.d !== 'object' || envelope.d === null) return;
        const event = { t: type, d: envelope.d } as WallboardEvent;
        const unknown = needsRoster(current, event);
        set(applyEvent(current, event));
        // At most every 10 s: an agent missing from every roster (deleted meanwhile) must not cause a sync per event.
        if (unknown && Date.now() - lastSyncAt > ROSTER_RESYNC_MS) sync();
      });
    }
    return () => {
      if (frame !== null) cancelAnimationFrame(frame);
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, []);

  return { state, connection };
}
