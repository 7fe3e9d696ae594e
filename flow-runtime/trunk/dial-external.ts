// Places an outbound call to an external number through the configured SIP trunk:
// Request-URI sip:<number>@<trunk host:port>, From carries the caller ID, digest challenges
// (401/407) are answered with the trunk's credentials by drachtio-srf itself.
import type { TrunkConfig } from './trunk-config';
import { formatForTrunk, InvalidNumberError, toE164 } from './numbers';

/** The bit of drachtio-srf used here. */
export interface SrfUac {
  createUAC(uri: string, opts: Record<string, unknown>, progress?: { cbRequest?: (err: unknown, req: unknown) => void; cbProvisional?: (res: unknown) => void }): Promise<unknown>;
}

export interface DialExternalOptions {
  trunk: TrunkConfig;
  /** Our SDP offer (from the media endpoint). */
  sdp: string;
  /** The number to present (see resolveCallerId), or null for anonymous. */
  callerId: string | null;
  headers?: Record<string, string>;
  /** The sent INVITE (keep it to CANCEL: req.cancel()). */
  cbRequest?: (err: unknown, req: unknown) => void;
  /** 18x responses (ringing, early media). */
  cbProvisional?: (res: unknown) => void;
}

/** The request URI for `number` on the trunk (throws InvalidNumberError). */
export function trunkUri(trunk: TrunkConfig, number: string): string {
  const e164 = toE164(number, trunk.countryCode);
  if (!e164) throw new InvalidNumberError('number', number);
  const transport = trunk.transport === 'tcp' ? ';transport=tcp' : '';
  return `sip:${formatForTrunk(e164, trunk.numberFormat, trunk.countryCode)}@${trunk.host}:${trunk.port}${transport}`;
}

/**
 * Resolves with the srf Dialog once the far end answers; rejects with srf's SipError
 * (err.status: 486 busy, 487 cancelled, 408/480 no answer…) otherwise.
 */
export async function dialExternal<Dialog = unknown>(srf: SrfUac, number: string, opts: DialExternalOptions): Promise<Dialog> {
  const { trunk } = opts;
  const uri = trunkUri(trunk, number);
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.callerId) {
    const e164 = toE164(opts.callerId, trunk.countryCode);
    if (!e164) throw new InvalidNumberError('callerId', opts.callerId);
    headers.From = `<sip:${formatForTrunk(e164, trunk.numberFormat, trunk.countryCode)}@localhost>`;
    headers['P-Asserted-Identity'] = `<sip:${e164}@localhost>`;
  } else {
    headers.From = '"Anonymous" <sip:anonymous@anonymous.invalid>';
    headers.Privacy = 'id';
  }
  const auth = trunk.username ? { username: trunk.username, password: trunk.password ?? '' } : undefined;
  return (await srf.createUAC(uri, { localSdp: opts.sdp, headers, auth }, { cbRequest: opts.cbRequest, cbProvisional: opts.cbProvisional })) as Dialog;
}
