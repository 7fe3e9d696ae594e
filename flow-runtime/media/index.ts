// Public surface of the media layer. Depend on the MediaEndpoint/MediaServer types; only the
// process wiring (flow-runtime/main.ts) should name the in-process implementation.
export type * from './media-endpoint';
export { MediaError, isMediaError, type MediaErrorCode } from './errors';
export { createRtpMediaServer, RtpMediaServer, type RtpMediaServerOptions } from './rtp-media-server';
export { PromptLibrary, convertToTelephonyWav, type PromptLibraryOptions } from './prompt-library';
