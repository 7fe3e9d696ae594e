// Agent changes made by the admin (status, name, deletion) reach the runtime's AgentDirectory:
// app/lib/agents sends `pg_notify('relais_agent_changed', agentId)` inside the updating
// transaction (delivered only once committed); this LISTENs on its own connection
// (calls/pg-listen.ts: reconnects with backoff) and re-reads that agent. After a reconnect the
// directory re-reads everything it keeps, since notifications sent meanwhile are lost.
import type { PoolConfig } from '../../prisma/database-url';
import { PgListen } from '../calls/pg-listen';
import type { Logger } from '../calls/sip-types';
import type { AgentDirectory } from './agent-directory';

export const AGENT_CHANGED_CHANNEL = 'relais_agent_changed';

export interface AgentChangeListenerOptions {
  connection: PoolConfig;
  directory: Pick<AgentDirectory, 'refresh' | 'refreshAll'>;
  logger?: Logger;
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** Starts listening (connection errors are retried in the background); `close()` stops. */
export function startAgentChangeListener(opts: AgentChangeListenerOptions): PgListen {
  const listen = new PgListen({
    connection: opts.connection, channel: AGENT_CHANGED_CHANNEL, name: 'agent change listener', logger: opts.logger,
    minDelayMs: opts.minDelayMs, maxDelayMs: opts.maxDelayMs,
    onNotification: (agentId) => {
      if (agentId) void opts.directory.refresh(agentId);
    },
  });
  listen.on('listening', ({ reconnected }) => {
    if (reconnected) void opts.directory.refreshAll();
  });
  void listen.start();
  return listen;
}
