// Public surface of the media layer. Depend on the MediaEndpoint/MediaServer types; only the
// process wiring (flow-runtime/calls, tests, benches) should pick an implementation, through
// createMediaServer({ thread }) (or createRtpMediaServer for the in-process one directly).
export type * from './media-endpoint';
export { MediaError, isMediaError, type MediaErrorCode } from './errors';
export { createRtpMediaServer, RtpMediaServer, type RtpMediaServerOptions } from './rtp-media-server';
export { createMediaServer, mediaThreadFromEnv, MEDIA_THREADS, type CreateMediaServerOptions, type MediaThread, type ProcessMediaServer } from './create-media-server';
export { createWorkerMediaServer, WorkerMediaServer, type WorkerMediaServerOptions } from './worker/worker-media-server';
export { PromptLibrary, convertToTelephonyWav, type PromptLibraryOptions } from './prompt-library';
export { findCommand, resolveSpeechEngine, speechEngineChoice, synthesizeSpeech, type SpeechEngineName } from './speech-engine';
export { toTelephonyPcm, telephonyWav, MAX_AUDIO_SECONDS } from './telephony-audio';
export { MAX_CONFERENCE_PARTICIPANTS } from './conference-mixer';
