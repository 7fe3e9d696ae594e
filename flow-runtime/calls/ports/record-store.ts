// RecordStore → CallRecorder: path entries become CallEvent rows, leg entries also CallLeg rows
// (ringing → started, outcome → ended), storeVoicemail reads the finished recording's WAV and
// stores it with the duration measured by the media layer.
import { readFile, unlink } from 'node:fs/promises';
import type { RecordStore } from '../../session';
import type { CallOutcome, EndReason, PathEntry } from '../../interpreter';
import type { CallRecorder } from '../../records/call-recorder';
import type { RecordingResult } from '../../media';
import type { Logger } from '../sip-types';

export class LiveRecordStore implements RecordStore {
  /** Interpreter leg id → CallLeg id. */
  private readonly legRows = new Map<string, { rowId: string; answered: boolean; ended: boolean }>();

  constructor(
    private readonly recorder: CallRecorder,
    private readonly call: { organizationId: string; recordings: Map<string, Promise<RecordingResult>> },
    private readonly log: Logger,
  ) {}

  appendPath(callId: string, entry: PathEntry): void {
    this.recorder.pathEvent(callId, { kind: entry.kind, nodeId: entry.nodeId, nodeType: entry.nodeType, output: entry.output, data: entry.data, at: new Date(entry.at) });
    if (entry.kind === 'leg' && entry.data) this.leg(callId, entry);
  }

  private leg(callId: string, entry: PathEntry): void {
    const data = entry.data as { legId?: string; event?: string; agentId?: string; number?: string; outcome?: string };
    if (!data.legId) return;
    const at = new Date(entry.at);
    if (data.event === 'ringing') {
      const rowId = this.recorder.legStarted(callId, {
        agentId: data.agentId ?? null, destination: data.agentId ? `agent:${data.agentId}` : (data.number ?? ''), startedAt: at, kind: data.agentId ? 'agent' : 'outbound',
      });
      this.legRows.set(data.legId, { rowId, answered: false, ended: false });
      return;
    }
    const row = this.legRows.get(data.legId);
    if (!row || !data.outcome || row.ended) return;
    if (data.outcome === 'answered') {
      row.answered = true;
      this.recorder.legAnswered(callId, row.rowId, at);
      return;
    }
    row.ended = true;
    this.recorder.legEnded(callId, row.rowId, data.outcome as 'no_answer' | 'busy' | 'cancelled' | 'failed', at);
  }

  /** The party of a flow leg was released by a transfer (call-control/): its row ends now, answered. */
  legReleased(callId: string, legId: string): void {
    const row = this.legRows.get(legId);
    if (!row || row.ended || !row.answered) return;
    row.ended = true;
    this.recorder.legEnded(callId, row.rowId, 'answered');
  }

  async storeVoicemail(
    callId: string,
    request: { recordingId: string; mailbox: { kind: 'agent'; agentId: string } | { kind: 'group'; groupId: string }; caller: string | null; durationMs: number },
  ): Promise<void> {
    const recording = this.call.recordings.get(request.recordingId);
    if (!recording) return this.log.warn({ callId, recordingId: request.recordingId }, 'voicemail: no such recording');
    // A hang-up stops the recording; its promise settles once the file is complete.
    const result = await recording;
    const audio = await readFile(result.path);
    this.recorder.voicemail({ organizationId: this.call.organizationId, callId, mailbox: request.mailbox, caller: request.caller, durationMs: result.durationMs, audio });
    this.call.recordings.delete(request.recordingId);
    await unlink(result.path).catch(() => undefined);
  }

  callEnded(callId: string, outcome: CallOutcome | null, _reason: EndReason): void {
    for (const row of this.legRows.values()) {
      if (row.answered && !row.ended) {
        row.ended = true;
        this.recorder.legEnded(callId, row.rowId, 'answered');
      }
    }
    this.recorder.callEnded(callId, outcome);
  }
}
