// Typed errors of the media endpoint. Callers branch on `code`, never on the message text.
// The session maps them to SIP answers (e.g. `media.no_common_codec` → 488 Not Acceptable Here).

export type MediaErrorCode =
  | 'media.sdp_invalid' // the remote SDP could not be parsed or has no audio stream
  | 'media.no_common_codec' // the remote SDP offers no PCMU/PCMA over RTP/AVP (answer 488)
  | 'media.no_port' // every port of the configured RTP range is taken
  | 'media.bind_failed' // the RTP socket could not bind (bad host, permissions)
  | 'media.transport_error' // the RTP socket failed while sending or receiving
  | 'media.state' // the operation does not fit the endpoint's state (answer without offer, …)
  | 'media.closed' // the endpoint was closed before or during the operation
  | 'media.aborted' // the caller's AbortSignal fired
  | 'media.busy' // the endpoint is bridged and cannot play or record by itself
  | 'media.invalid_argument' // a bad option (unknown digit, negative duration, …)
  | 'media.prompt_not_found' // a prompt file does not exist or cannot be read
  | 'media.prompt_conversion_failed' // sox/ffmpeg could not convert a prompt file
  | 'media.tts_failed' // text-to-speech failed (espeak-ng binary or its WebAssembly build)
  | 'media.unsupported_audio' // not WAV/MP3, or a WAV encoding we do not decode (ADPCM…)
  | 'media.corrupt_audio' // a WAV/MP3 whose header or frames cannot be read
  | 'media.too_long' // more audio than MAX_AUDIO_SECONDS
  | 'media.record_failed' // the recording could not be written
  | 'media.not_supported'; // this media server does not implement the operation (e.g. a future adapter without conferences)

/** Every error raised by the media layer; `code` is stable, `message` tells what to fix. */
export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MediaError';
  }
}

/** True when `err` is a MediaError, optionally with the given code. */
export function isMediaError(err: unknown, code?: MediaErrorCode): err is MediaError {
  return err instanceof MediaError && (code === undefined || err.code === code);
}

/** Throws `media.aborted` when the signal has already fired. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new MediaError('media.aborted', `${what} was cancelled`);
}
