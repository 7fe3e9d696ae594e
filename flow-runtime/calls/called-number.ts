// The numbers of an incoming INVITE: the called number from the Request-URI user (else the
// To user), E.164-normalised (French national 0X… → +33X…), and the caller's from the From user
// (P-Asserted-Identity only when the request came from the trunk or a trusted peer:
// identity-trust.ts; otherwise anyone could present any number).
import { toE164 } from '../trunk/numbers';

/** The bit of a drachtio-srf request read here. */
export interface InviteNumbersSource {
  uri: string;
  get(name: string): string | undefined;
}

/** Longest header value looked at for a number; a longer one is not a phone's. */
const MAX_VALUE_LENGTH = 4096;

/**
 * The user part of a SIP URI or name-addr (`"Bob" <sip:+331…@host>;tag=x` → `+331…`), decoded:
 * the first `sip:`/`sips:` followed by a user and `@` before any `;` or `>`. A linear scan: the
 * regular expression used before (`/<?\s*sips?:([^@;>]+)@/i`) took 4.5 s on a 60 KB To value.
 */
export function sipUser(value: string | undefined): string | null {
  if (!value || value.length > MAX_VALUE_LENGTH) return null;
  const lower = value.toLowerCase();
  let i = lower.indexOf('sip');
  while (i >= 0) {
    let j = i + 3;
    if (lower[j] === 's') j++;
    if (lower[j] === ':') {
      let k = j + 1;
      while (k < value.length && value[k] !== '@' && value[k] !== ';' && value[k] !== '>') k++;
      if (value[k] === '@' && k > j + 1) {
        const user = value.slice(j + 1, k);
        try {
          return decodeURIComponent(user);
        } catch {
          return user;
        }
      }
      // every later start before k would stop at the same character: go on after it
      i = lower.indexOf('sip', Math.max(k, i + 1));
    } else {
      i = lower.indexOf('sip', i + 1);
    }
  }
  return null;
}

/** E.164 of the called number, or null when neither the Request-URI nor To holds a number. */
export function calledNumber(req: InviteNumbersSource, countryCode = '33'): string | null {
  for (const user of [sipUser(req.uri), sipUser(req.get('To'))]) {
    const e164 = user ? toE164(user, countryCode) : null;
    if (e164) return e164;
  }
  return null;
}

/**
 * The caller's number (E.164 when it is one, else the From user as sent); null when anonymous.
 * `assertedTrusted`: the request comes from a peer whose P-Asserted-Identity is believed
 * (IdentityTrust.isTrusted); otherwise that header is ignored and From is the caller.
 */
export function callerNumber(req: InviteNumbersSource, countryCode = '33', assertedTrusted = false): string | null {
  const asserted = assertedTrusted ? sipUser(req.get('P-Asserted-Identity')) : null;
  const user = asserted ?? sipUser(req.get('From'));
  if (!user || /^anonymous$/i.test(user)) return null;
  return toE164(user, countryCode) ?? user;
}
