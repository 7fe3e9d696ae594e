// The outbound SIP trunk: where external numbers go, with which credentials and caller ID.

/** Which number the called party sees. */
export type CallerIdRule =
  /** the organisation's number the call came in on (the default: callers recognise it) */
  | { kind: 'entry' }
  /** the original caller's number (forwarding; trunks often require it to be verified) */
  | { kind: 'caller' }
  | { kind: 'fixed'; number: string };

/** How numbers are written in the Request-URI and From: +33…, 33…, or national 0…. */
export type NumberFormat = 'e164' | 'e164-digits' | 'national';

export interface TrunkConfig {
  host: string;
  port: number;
  transport: 'udp' | 'tcp';
  username: string | null;
  password: string | null;
  callerId: CallerIdRule;
  numberFormat: NumberFormat;
  /** Home country calling code, for national numbers (33 = France). */
  countryCode: string;
}
