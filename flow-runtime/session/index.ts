// Public entry of the call session (the execute half of the runtime).
export { CallSession, type CallSessionOptions, type SessionEvent, type SessionListener, type SessionSnapshot } from './call-session';
export type * from './ports';
