// The runtime's end of the command channel (issue 13 item 5): the admin API inserts a CallCommand
// row and sends `pg_notify('relais_call_command', '{"id","callId"}')` in the same transaction
// (app/lib/calls/send-call-command.ts). Every runtime process LISTENs (pg-listen.ts: reconnects
// with backoff); the one holding the call (`active`) claims the row (pending → running, one
// UPDATE, so two processes never both run it), re-checks the organisation, runs
// CallControl.execute with actor { kind: 'command', userId } and writes the result (done /
// failed). Nothing lives in a connection: after a restart or a reconnect the runtime scans the
// pending, unexpired commands of the calls it holds (notifications sent meanwhile are lost); a
// command nobody claims before expiresAt is marked expired by the admin, which answers 504.
import os from 'node:os';
import type { PrismaClient } from '../../prisma/client';
import type { PoolConfig } from '../../prisma/database-url';
import type { CallCommand, CommandResult } from './call-control/commands';
import type { LiveCall } from './live-call';
import { PgListen } from './pg-listen';
import { silentLogger, type Logger } from './sip-types';

export const CALL_COMMAND_CHANNEL = 'relais_call_command';

export interface CommandChannelOptions {
  connection: PoolConfig;
  prisma: PrismaClient;
  /** The calls this process holds (CallHandling.active). */
  active: ReadonlyMap<string, LiveCall>;
  /**
   * Runs an `originate` command (an agent's outgoing call, originate/): such a command has no call
   * yet, so any runtime with this hook may claim it; settles once the agent's phone rings.
   */
  originate?: (command: { id: string; organizationId: string; requestedById: string | null; payload: Record<string, unknown> }) => Promise<CommandResult>;
  logger?: Logger;
  minDelayMs?: number;
  maxDelayMs?: number;
}

interface Row {
  id: string;
  organizationId: string;
  callId: string | null;
  type: string;
  payload: unknown;
  requestedById: string | null;
}

/** Events: `listening`, `done` ({ id, type, result }) after each command this process ran. */
export class CommandChannel {
  private readonly listen: PgListen;
  private readonly log: Logger;
  private readonly runtime = `${os.hostname()}:${process.pid}`;
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly opts: CommandChannelOptions) {
    this.log = opts.logger ?? silentLogger;
    this.listen = new PgListen({
      connection: opts.connection, channel: CALL_COMMAND_CHANNEL, name: 'call command channel', logger: opts.logger,
      minDelayMs: opts.minDelayMs, maxDelayMs: opts.maxDelayMs,
      onNotification: (payload) => this.notified(payload),
    });
    // on start and after every reconnect: what was sent while we were not listening
    this.listen.on('listening', () => this.track(this.scan()));
  }

  get listening(): boolean {
    return this.listen.listening;
  }

  start(): Promise<void> {
    return this.listen.start();
  }

  /** Stops listening; waits for the commands being run (bounded by their own time). */
  async close(): Promise<void> {
    this.closed = true;
    await this.listen.close();
    await Promise.allSettled([...this.running]);
  }

  /** Looks for pending commands of the calls held here (also useful after a call starts). */
  scan(): Promise<void> {
    return this.scanPending().catch((err) => this.log.warn({ err }, 'call command channel: scan failed'));
  }

  private notified(payload: string | undefined): void {
    let note: { id?: unknown; callId?: unknown };
    try {
      note = JSON.parse(payload ?? '');
    } catch {
      return this.log.warn({ payload }, 'call command channel: unreadable notification ignored');
    }
    if (typeof note.id !== 'string') return;
    // an outgoing call to place: whichever runtime claims it first (one UPDATE) runs it
    if (note.callId === null && this.opts.originate) return this.track(this.claimAndRun(note.id));
    if (typeof note.callId !== 'string') return;
    // another runtime holds that call (or nobody: the admin expires it)
    if (!this.opts.active.has(note.callId)) return;
    this.track(this.claimAndRun(note.id));
  }

  private track(p: Promise<void>): void {
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }

  private async scanPending(): Promise<void> {
    const callIds = [...this.opts.active.keys()];
    if ((callIds.length === 0 && !this.opts.originate) || this.closed) return;
    const rows = await this.opts.prisma.callCommand.findMany({
      where: {
        status: 'pending', expiresAt: { gt: new Date() },
        OR: [{ callId: { in: callIds } }, ...(this.opts.originate ? [{ callId: null, type: 'originate' }] : [])],
      },
      orderBy: { createdAt: 'asc' },
      select: { id: true },
    });
    for (const row of rows) await this.claimAndRun(row.id);
  }

  private async claimAndRun(id: string): Promise<void> {
    const prisma = this.opts.prisma;
    let row: Row | null;
    try {
      // One UPDATE decides who runs it; PostgreSQL's clock decides whether it expired.
      const claimed = await prisma.$executeRaw`UPDATE "CallCommand" SET status = 'running', "claimedAt" = now(), runtime = ${this.runtime}
        WHERE id = ${id} AND status = 'pending' AND "expiresAt" > now()`;
      if (claimed !== 1) return;
      row = await prisma.callCommand.findUnique({ where: { id }, select: { id: true, organizationId: true, callId: true, type: true, payload: true, requestedById: true } });
    } catch (err) {
      this.log.warn({ err, commandId: id }, 'call command channel: claim failed');
      return;
    }
    if (!row) return;
    let result: CommandResult;
    try {
      result = await this.run(row);
    } catch (err) {
      this.log.error({ err, commandId: id, callId: row.callId }, 'call command failed');
      result = { ok: false, status: 500, reason: 'the command failed in the runtime' };
    }
    try {
      await prisma.callCommand.update({
        where: { id },
        data: { status: result.ok ? 'done' : 'failed', result: result as object, finishedAt: new Date() },
      });
    } catch (err) {
      this.log.error({ err, commandId: id }, 'call command channel: result not written');
    }
    this.log.info({ commandId: id, callId: row.callId, type: row.type, ok: result.ok, status: result.ok ? 200 : result.status }, 'call command');
  }

  private async run(row: Row): Promise<CommandResult> {
    if (row.callId === null) {
      if (row.type !== 'originate' || !this.opts.originate) return { ok: false, status: 501, reason: `unknown command type ${row.type}` };
      const payload = (row.payload && typeof row.payload === 'object' ? row.payload : {}) as Record<string, unknown>;
      return this.opts.originate({ id: row.id, organizationId: row.organizationId, requestedById: row.requestedById, payload });
    }
    const call = this.opts.active.get(row.callId);
    if (!call?.control || call.callerGone) return { ok: false, status: 410, reason: 'the call is over' };
    // The admin checked who may act on the call; the runtime re-checks the organisation of the
    // call and of the user against the command's, whatever wrote the row.
    const [callRow, user] = await Promise.all([
      this.opts.prisma.call.findUnique({ where: { id: row.callId }, select: { organizationId: true } }),
      row.requestedById ? this.opts.prisma.user.findUnique({ where: { id: row.requestedById }, select: { organizationId: true } }) : null,
    ]);
    if (!callRow || callRow.organizationId !== row.organizationId || (row.requestedById && user?.organizationId !== row.organizationId)) {
      return { ok: false, status: 404, reason: 'no such call in this organisation' };
    }
    const payload = (row.payload && typeof row.payload === 'object' ? row.payload : {}) as Record<string, unknown>;
    // an agent target by id must be of the same organisation (extensions and numbers are resolved within it)
    const target = payload.target as { kind?: string; agentId?: string } | undefined;
    if (target?.kind === 'agent' && !(await this.opts.prisma.agent.count({ where: { id: String(target.agentId), organizationId: row.organizationId } }))) {
      return { ok: false, status: 404, reason: 'no such agent in this organisation' };
    }
    const command = { ...payload, type: row.type, by: { kind: 'command', userId: row.requestedById } } as unknown as CallCommand;
    // A type this runtime's CallControl does not handle falls through its dispatch: undefined.
    const result = (await call.control.execute(command)) as CommandResult | undefined;
    return result ?? { ok: false, status: 501, reason: `unknown command type ${row.type}` };
  }
}

/** Creates and starts the channel (connection errors are retried in the background). */
export function startCommandChannel(opts: CommandChannelOptions): CommandChannel {
  const channel = new CommandChannel(opts);
  void channel.start();
  return channel;
}
