'use client';
// The agents page's live connection (socket.io, as the agent console): `agent.status` changes an
// agent's presence, `agent.registrations` its phones. A reconnection, or `live.resync`, reloads
// the page's data (events may have been lost meanwhile); fresh server data replaces what events said.
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { io } from 'socket.io-client';
import { presenceFromEvent, registrationsFromEvent, type PhoneRegistration, type Presence } from './presence';

export interface LiveAgentParts {
  presence?: Presence;
  phones?: PhoneRegistration[];
}

export type LiveConnection = 'connecting' | 'connected' | 'reconnecting';

export function useAgentsLive<T>(serverData: T): { parts: Record<string, LiveAgentParts>; connection: LiveConnection } {
  const router = useRouter();
  const [live, setLive] = useState<{ from: T; parts: Record<string, LiveAgentParts> }>({ from: serverData, parts: {} });
  const [connection, setConnection] = useState<LiveConnection>('connecting');
  const current = useRef(serverData);
  useEffect(() => {
    current.current = serverData;
  }, [serverData]);

  useEffect(() => {
    const socket = io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
    let connectedBefore = false;
    const update = (agentId: string, part: LiveAgentParts) =>
      setLive((l) => {
        const parts = l.from === current.current ? l.parts : {};
        return { from: current.current, parts: { ...parts, [agentId]: { ...parts[agentId], ...part } } };
      });
    socket.on('connect', () => {
      setConnection('connected');
      if (connectedBefore) router.refresh();
      connectedBefore = true;
    });
    socket.on('disconnect', () => setConnection('reconnecting'));
    socket.on('connect_error', () => setConnection((c) => (c === 'connecting' ? 'connecting' : 'reconnecting')));
    socket.on('live.resync', () => router.refresh());
    socket.on('agent.status', (event: { d?: { agentId?: unknown; status?: unknown } } | null) => {
      const presence = presenceFromEvent(event?.d?.status);
      if (presence && typeof event?.d?.agentId === 'string') update(event.d.agentId, { presence });
    });
    socket.on('agent.registrations', (event: { d?: unknown } | null) => {
      const change = registrationsFromEvent(event?.d);
      if (change) update(change.agentId, { phones: change.registrations });
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [router]);

  // New server data (a refresh) is newer than the events seen before it.
  return { parts: live.from === serverData ? live.parts : {}, connection };
}
