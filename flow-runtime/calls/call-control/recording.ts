// Call recording on/off (issue 13 item 6): recordStart / recordStop commands on a call with an
// agent. The caller's endpoint records both directions (media `record({ sides: 'both' })`): what
// the caller says mixed with what they hear (the agent, or the hold music while held), one mono
// WAV. The recording follows the caller, not the agent: a transfer keeps it going (the flow's leg
// keeps its id). It ends on recordStop, when the agent on that leg hangs up (the flow may record
// a voicemail next), or when the call ends; whatever was captured is kept (CallRecording row via
// the records outbox, CallEvent `recording` started / stopped with who).
import { readFile, rm } from 'node:fs/promises';
import type { RecordingResult } from '../../media';
import type { LiveCall, OutboundLeg } from '../live-call';
import type { Logger } from '../sip-types';
import type { Actor, CommandResult } from './commands';

/** A finished recording, for the CallRecording row. */
export interface FinishedRecording {
  agentId: string | null;
  startedBy: 'command' | 'agent-phone' | 'caller-phone';
  startedByUserId: string | null;
  startedByAgentId: string | null;
  startedAt: Date;
  endedAt: Date;
  durationMs: number;
  endReason: 'stopped' | 'agent_left' | 'call_ended' | 'max-duration' | 'failed';
  /** The WAV file (8 kHz mono 16-bit). */
  audio: Uint8Array;
}

export interface CallRecordingDeps {
  /** Stores it (CallRecorder outbox → CallRecording); returns the row id. */
  store(recording: FinishedRecording): string;
  /** A CallEvent of the call. */
  record(kind: string, data: Record<string, unknown>): void;
  log: Logger;
  /** Longest recording (default 4 h). */
  maxDurationMs?: number;
}

const who = (by: Actor) => (by.kind === 'agent-phone' ? { by: 'agent-phone', agentId: by.agentId } : by.kind === 'command' ? { by: 'command', userId: by.userId } : { by: 'caller-phone' });

interface Running {
  legId: string;
  agentId: string | null;
  by: Actor;
  startedAt: Date;
  reason: FinishedRecording['endReason'] | null;
  stoppedBy: Actor | null;
  /** Settles with the stored row id (null when nothing could be kept). */
  saved: Promise<string | null>;
}

export class CallRecordingControl {
  private running: Running | null = null;

  constructor(private readonly call: LiveCall, private readonly deps: CallRecordingDeps) {}

  get active(): boolean {
    return this.running !== null;
  }

  start(leg: OutboundLeg | null, by: Actor): CommandResult {
    if (this.running) return { ok: false, status: 409, reason: 'the call is already being recorded' };
    if (!leg || leg.state !== 'answered') return { ok: false, status: 409, reason: 'no agent on the call' };
    const endpoint = this.call.endpoint;
    if (this.call.callerGone || endpoint.closed) return { ok: false, status: 409, reason: 'the call is over' };
    if (endpoint.recording) return { ok: false, status: 409, reason: 'the call is already recording something else' };
    const startedAt = new Date();
    const recording = endpoint.record({ maxDurationMs: this.deps.maxDurationMs ?? 4 * 3600_000, sides: 'both' });
    const running: Running = { legId: leg.legId, agentId: leg.agentId, by, startedAt, reason: null, stoppedBy: null, saved: Promise.resolve(null) };
    running.saved = recording.then(
      (result) => this.save(running, result),
      (err) => {
        this.deps.log.error({ err, callId: this.call.id }, 'call recording failed');
        if (this.running === running) this.running = null;
        this.deps.record('recording', { action: 'stopped', reason: 'failed', ...who(by) });
        return null;
      },
    );
    this.running = running;
    this.deps.record('recording', { action: 'started', ...who(by), agentId: leg.agentId, legId: leg.legId });
    return { ok: true };
  }

  /** recordStop: ends the recording and waits until it is stored (its id in `detail`). */
  async stop(by: Actor): Promise<CommandResult> {
    const running = this.running;
    if (!running) return { ok: false, status: 409, reason: 'the call is not being recorded' };
    this.end(running, 'stopped', by);
    const id = await running.saved;
    return id ? { ok: true, detail: id } : { ok: false, status: 500, reason: 'the recording could not be kept' };
  }

  /** The party on the flow's leg hung up: a recording of that leg ends (kept). */
  agentLeft(leg: OutboundLeg): void {
    if (this.running && this.running.legId === leg.legId) this.end(this.running, 'agent_left', null);
  }

  /** The call is over: a recording in progress is stopped and kept. Resolves once stored. */
  callEnded(): Promise<unknown> {
    const running = this.running;
    if (!running) return Promise.resolve();
    this.end(running, 'call_ended', null);
    return running.saved;
  }

  private end(running: Running, reason: FinishedRecording['endReason'], by: Actor | null): void {
    if (running.reason) return;
    running.reason = reason;
    running.stoppedBy = by;
    this.call.endpoint.stopRecording();
  }

  private async save(running: Running, result: RecordingResult): Promise<string | null> {
    if (this.running === running) this.running = null;
    // the endpoint closed under it (call over) or it hit its limit: still kept
    const reason = running.reason ?? (result.reason === 'max-duration' ? 'max-duration' : 'call_ended');
    try {
      const audio = await readFile(result.path);
      const by = running.by;
      const id = this.deps.store({
        agentId: running.agentId,
        startedBy: by.kind,
        startedByUserId: by.kind === 'command' ? by.userId : null,
        startedByAgentId: by.kind === 'agent-phone' ? by.agentId : null,
        startedAt: running.startedAt,
        endedAt: new Date(),
        durationMs: result.durationMs,
        endReason: reason,
        audio,
      });
      this.deps.record('recording', {
        action: 'stopped', reason, recordingId: id, durationMs: result.durationMs,
        ...(running.stoppedBy ? who(running.stoppedBy) : { by: 'system' }),
      });
      return id;
    } catch (err) {
      this.deps.log.error({ err, callId: this.call.id, path: result.path }, 'call recording could not be read');
      this.deps.record('recording', { action: 'stopped', reason: 'failed' });
      return null;
    } finally {
      await rm(result.path, { force: true }).catch(() => undefined);
    }
  }
}
