// Just enough of a SIP URI (RFC 3261 §19.1) for the registrar: scheme, user, host, port.
// Hand-written scans, linear in the input: the regular expression used before for the To user
// (`/<?sips?:([^@;>]+)@/i`) took seconds on a 60 KB header.

/** Longest URI or To value looked at; longer ones are refused as unreadable. */
export const MAX_URI_LENGTH = 2048;

export interface SipUriParts {
  scheme: 'sip' | 'sips';
  /** The user part, %-decoded; null when the URI has none. */
  user: string | null;
  /** The host, lower-cased (an IPv6 reference keeps its brackets). */
  host: string;
  /** The port written in the URI, null when none. */
  port: number | null;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // a lone % is kept as sent rather than failing the whole request
  }
}

/** Parses `sip:user@host:port;params?headers` (no angle brackets). Null when it is not one. */
export function parseSipUri(text: string): SipUriParts | null {
  if (text.length > MAX_URI_LENGTH) return null;
  const s = text.trim();
  const colon = s.indexOf(':');
  const scheme = s.slice(0, colon).toLowerCase();
  if (colon < 0 || (scheme !== 'sip' && scheme !== 'sips')) return null;
  // the URI ends its host part at the first ';' or '?' after the userinfo
  let rest = s.slice(colon + 1);
  let user: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const u = rest.slice(0, at);
    // `;` before `@` starts user-params (RFC 3261 §19.1.1, e.g. `;phone-context=`): not the user
    const semi = u.indexOf(';');
    user = decode(semi < 0 ? u : u.slice(0, semi));
    const pw = user.indexOf(':'); // user:password — the password is not part of identity
    if (pw >= 0) user = user.slice(0, pw);
    rest = rest.slice(at + 1);
  }
  let end = rest.length;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === ';' || c === '?' || c === '>' || c === ' ') {
      end = i;
      break;
    }
  }
  const hostport = rest.slice(0, end);
  let host: string;
  let portText = '';
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    if (close < 0) return null;
    host = hostport.slice(0, close + 1);
    if (hostport.length > close + 1) {
      if (hostport[close + 1] !== ':') return null;
      portText = hostport.slice(close + 2);
    }
  } else {
    const pc = hostport.lastIndexOf(':');
    host = pc < 0 ? hostport : hostport.slice(0, pc);
    if (pc >= 0) portText = hostport.slice(pc + 1);
  }
  if (host === '') return null;
  let port: number | null = null;
  if (portText !== '') {
    if (!/^\d{1,5}$/.test(portText)) return null;
    port = Number(portText);
  }
  return { scheme, user, host: host.toLowerCase(), port };
}

/**
 * Whether the digest `uri` names the same target as the Request-URI. The rule (documented in
 * the README): same scheme, same user (after %-decoding), same host (case-insensitive), same
 * port where a missing port counts as the scheme's default (5060 / 5061); URI parameters
 * (transport, user=phone, …) and headers are ignored, because phones differ in which of them
 * they repeat in `uri` and none of them changes who is being registered.
 */
export function sameSipTarget(digestUri: string, requestUri: string): boolean {
  const a = parseSipUri(digestUri);
  const b = parseSipUri(requestUri);
  if (!a || !b) return false;
  const defaultPort = (u: SipUriParts) => u.port ?? (u.scheme === 'sips' ? 5061 : 5060);
  return a.scheme === b.scheme && a.user === b.user && a.host === b.host && defaultPort(a) === defaultPort(b);
}

/** The URI inside a To/From/Contact value: between `<` and `>`, else up to the first `;`. */
export function headerUri(headerValue: string): string | null {
  if (headerValue.length > MAX_URI_LENGTH) return null;
  const lt = headerValue.indexOf('<');
  if (lt >= 0) {
    const gt = headerValue.indexOf('>', lt);
    return gt < 0 ? null : headerValue.slice(lt + 1, gt).trim();
  }
  const semi = headerValue.indexOf(';');
  return (semi < 0 ? headerValue : headerValue.slice(0, semi)).trim();
}
