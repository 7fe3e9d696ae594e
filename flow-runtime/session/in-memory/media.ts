// In-memory media: prompts finish after `promptMs` of fake time, recordings after `recordMs`.
import type { HangupCause, PlayItem } from '../../interpreter';
import type { Clock, MediaPort } from '../ports';

export class InMemoryMedia implements MediaPort {
  readonly answered = new Set<string>();
  readonly plays: Array<{ callId: string; playId: string; items: PlayItem[]; loop: boolean }> = [];
  readonly hangups: Array<{ callId: string; cause: HangupCause }> = [];
  readonly bridges: Array<{ callId: string; legId: string }> = [];
  readonly recordings: Array<{ callId: string; recordingId: string; finishKeys: string[] }> = [];
  private readonly pending = new Map<string, unknown>();

  constructor(
    private readonly clock: Clock,
    private readonly options: { promptMs?: number; recordMs?: number; recordReason?: 'key' | 'silence' | 'max-length'; log?: boolean } = {},
  ) {}

  answer(callId: string): void {
    this.answered.add(callId);
  }

  play(callId: string, request: { playId: string; items: PlayItem[]; loop: boolean }): Promise<void> {
    if (this.options.log !== false) this.plays.push({ callId, ...request });
    if (request.loop) return new Promise(() => undefined);
    return new Promise((resolve) => {
      this.pending.set(`${callId}/${request.playId}`, this.clock.setTimer(this.options.promptMs ?? 2000, resolve));
    });
  }

  stop(callId: string, playId: string): void {
    const key = `${callId}/${playId}`;
    this.clock.clearTimer(this.pending.get(key));
    this.pending.delete(key);
  }

  collectDigits(): void {}

  record(callId: string, request: { recordingId: string; maxLengthSeconds: number; finishKeys: string[] }): Promise<{ reason: 'key' | 'silence' | 'max-length'; durationMs: number }> {
    this.recordings.push({ callId, recordingId: request.recordingId, finishKeys: request.finishKeys });
    const durationMs = Math.min(this.options.recordMs ?? 5000, request.maxLengthSeconds * 1000);
    return new Promise((resolve) => {
      this.pending.set(`${callId}/${request.recordingId}`, this.clock.setTimer(durationMs, () => resolve({ reason: this.options.recordReason ?? 'silence', durationMs })));
    });
  }

  stopRecording(callId: string, recordingId: string): void {
    this.stop(callId, recordingId);
  }

  bridge(callId: string, legId: string): void {
    this.bridges.push({ callId, legId });
  }

  hangup(callId: string, cause: HangupCause): void {
    this.hangups.push({ callId, cause });
  }
}
