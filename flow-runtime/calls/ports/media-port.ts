// MediaPort over the caller's MediaEndpoint. Prompts: uploaded sounds (Sound.data written once
// to the media cache as a WAV file), text-to-speech, digits read out, tones. A ringback tone
// alone before the call is answered is early media: 183 Session Progress with our SDP, then the
// tone plays at once. Anything else waits for the 200 OK so the caller hears prompts from their
// start; the bridge too (200 OK, then media relayed). Recordings are kept by id until the record
// store takes their audio.
// Prompts play with the media layer's fallback: a prompt that cannot be produced (no TTS
// engine, unreadable sound) is replaced by a short chime, and this port logs a warning with the
// node, language and reason, so a first start on a bare machine is never silent and never mute in the log.
import type { MediaPort } from '../../session';
import type { HangupCause, PlayItem } from '../../interpreter';
import { isRingbackOnly } from '../../interpreter/step-run';
import type { PromptSource, RecordingResult } from '../../media';
import type { LiveCall } from '../live-call';
import type { Logger } from '../sip-types';
import type { SoundFiles } from './sound-files';

const REASONS: Record<RecordingResult['reason'], 'key' | 'silence' | 'max-length'> = {
  'finish-key': 'key',
  silence: 'silence',
  'max-duration': 'max-length',
  stopped: 'max-length',
  closed: 'max-length',
};

export class LiveMediaPort implements MediaPort {
  private currentPlay: string | null = null;
  readonly recordings = new Map<string, Promise<RecordingResult>>();

  constructor(
    private readonly call: LiveCall,
    private readonly sounds: SoundFiles,
    private readonly diagnostics: { log: Logger; currentNode: () => string | undefined } | null = null,
  ) {}

  answer(): void {
    void this.call.answer().catch(() => undefined);
  }

  async play(_callId: string, request: { playId: string; items: PlayItem[]; loop: boolean; bargeIn: boolean }): Promise<void> {
    this.currentPlay = request.playId;
    const node = this.diagnostics?.currentNode();
    const early = !this.call.answered && isRingbackOnly(request.items);
    if (early) this.call.earlyMedia();
    const sources = await Promise.all(request.items.map((item) => this.source(item)));
    if (!early) await this.call.answer();
    // Stopped, replaced or bridged while the prompt was being prepared.
    if (this.currentPlay !== request.playId || this.call.endpoint.closed || this.call.endpoint.bridgedTo) return;
    const itemOf = sources.flatMap((list, item) => list.map(() => item));
    const result = await this.call.endpoint.play(sources.flat(), { loop: request.loop, bargeIn: request.bargeIn, fallback: true });
    for (const f of result.fallbacks ?? []) {
      const item = request.items[itemOf[f.index ?? 0]];
      this.diagnostics?.log.warn(
        { callId: this.call.id, node, language: item && 'language' in item ? item.language : undefined, item: item?.kind, code: f.code, reason: f.reason },
        'prompt unavailable: played the fallback chime instead',
      );
    }
  }

  stop(_callId: string, playId: string): void {
    if (this.currentPlay !== playId) return;
    this.currentPlay = null;
    this.call.endpoint.stopPlayback();
  }

  /** Digits reach the session as they come (LiveCall); the interpreter drops those nobody waits for. */
  collectDigits(): void {}

  async record(
    _callId: string,
    request: { recordingId: string; maxLengthSeconds: number; finishKeys: string[]; silenceSeconds: number },
  ): Promise<{ reason: 'key' | 'silence' | 'max-length'; durationMs: number }> {
    this.currentPlay = null;
    const recording = this.call.answer().then(() =>
      this.call.endpoint.record({
        maxDurationMs: request.maxLengthSeconds * 1000,
        finishKeys: request.finishKeys,
        silenceTimeoutMs: request.silenceSeconds * 1000,
      }),
    );
    this.recordings.set(request.recordingId, recording);
    const result = await recording;
    return { reason: REASONS[result.reason], durationMs: result.durationMs };
  }

  stopRecording(): void {
    this.call.endpoint.stopRecording();
  }

  bridge(_callId: string, legId: string): void {
    const leg = this.call.legs.get(legId);
    if (!leg?.endpoint) return;
    const other = leg.endpoint;
    this.currentPlay = null;
    // 200 OK to the caller first (the interpreter asked for it just before), then the media.
    this.call.answer().then(
      () => {
        if (this.call.endpoint.closed || other.closed) return;
        return this.call.endpoint.bridge(other, { dtmf: 'forward' });
      },
      () => undefined,
    ).catch(() => undefined);
  }

  hangup(_callId: string, cause: HangupCause): void {
    this.call.hangup(cause);
  }

  private async source(item: PlayItem): Promise<PromptSource[]> {
    switch (item.kind) {
      case 'tts':
        return [{ kind: 'tts', text: item.text, voice: item.language }];
      case 'digits':
        // One digit at a time, so "0123" is read as digits and not as a number.
        return [{ kind: 'tts', text: item.digits.split('').join(' '), voice: item.language }];
      case 'tone':
        return [{ kind: 'tone', tone: item.tone }];
      case 'sound': {
        const path = await this.sounds.path(item.soundId);
        return path ? [{ kind: 'file', path }] : [];
      }
    }
  }
}
