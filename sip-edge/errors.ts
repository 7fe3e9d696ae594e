// Typed errors of the SIP edge. Each carries a stable code so callers branch on it, not on text.

export type SipEdgeErrorCode =
  | 'SIP_PARSE_ERROR' // a SIP message could not be framed or parsed
  | 'SIP_INVALID_REQUEST' // a request parsed but breaks RFC 3261 rules (answered 4xx/5xx)
  | 'WIRE_PROTOCOL_ERROR' // an app sent a frame that is not drachtio protocol
  | 'TRANSPORT_ERROR' // a socket could not send or bind
  | 'NO_SUCH_TRANSACTION' // an app answered a transaction the edge does not know (any more)
  | 'NO_SUCH_DIALOG' // an app sent an in-dialog request for an unknown dialog
  | 'BAD_DESTINATION' // an app asked to send to a URI the edge cannot resolve
  | 'CONFIG_ERROR'; // invalid startSipEdge options

export class SipEdgeError extends Error {
  readonly code: SipEdgeErrorCode;
  constructor(code: SipEdgeErrorCode, message: string) {
    super(message);
    this.name = 'SipEdgeError';
    this.code = code;
  }
}

/** A message that failed parsing; `status` is the response RFC 3261 / RFC 4475 asks for, if any. */
export class SipParseError extends SipEdgeError {
  readonly status: number;
  constructor(message: string, status = 400) {
    super('SIP_PARSE_ERROR', message);
    this.name = 'SipParseError';
    this.status = status;
  }
}
