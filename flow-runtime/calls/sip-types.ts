// The parts of drachtio-srf objects the call layer uses. srf's bundled typings lack several of
// them (createUAC callback form, Dialog events), so they are described here.
export interface SipMessageLike {
  method?: string;
  uri: string;
  body: string;
  get(name: string): string | undefined;
  has?(name: string): boolean;
  on(event: 'cancel', listener: () => void): unknown;
  cancel?(callback?: (err: unknown) => void): void;
  canceled?: boolean;
  locals?: Record<string, unknown>;
  /** Where the request came from (the edge's network meta), for IdentityTrust. */
  source_address?: string;
  source_port?: number;
}

export interface SipResponseLike {
  send(status: number, reason?: string | Record<string, unknown>, opts?: Record<string, unknown>, callback?: (err: unknown) => void): void;
  finalResponseSent?: boolean;
}

export interface DialogLike {
  remote: { sdp: string };
  destroy(opts?: Record<string, unknown>): Promise<unknown>;
  on(event: 'destroy', listener: (msg?: unknown) => void): unknown;
  on(event: 'info' | 'modify' | 'refer' | 'notify', listener: (req: SipMessageLike, res: SipResponseLike) => void): unknown;
  /** An in-dialog request (NOTIFY of a REFER subscription, …); resolves with the response. */
  request?(opts: { method: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number }>;
  connected?: boolean;
}

export type DialogCallback = (err: (Error & { status?: number }) | null, dialog?: DialogLike) => void;

export interface SrfLike {
  use(method: string, fns: Array<(req: SipMessageLike, res: SipResponseLike, next: (err?: unknown) => void) => void>): unknown;
  invite(handler: (req: SipMessageLike, res: SipResponseLike) => void): unknown;
  createUAS(req: SipMessageLike, res: SipResponseLike, opts: Record<string, unknown>, callback: DialogCallback): unknown;
  createUAC(
    uri: string,
    opts: Record<string, unknown>,
    progress: { cbRequest?: (err: unknown, req: SipMessageLike) => void; cbProvisional?: (res: { status: number; body?: string }) => void },
    callback?: DialogCallback,
  ): unknown;
}

export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
  debug(obj: unknown, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };
