// A linear-time scanner for HTTP/SIP credentials (RFC 7235 §2.1, RFC 3261 §25.1):
//   credentials = auth-scheme 1*SP #auth-param
//   auth-param  = token BWS "=" BWS ( token / quoted-string )
// It replaces a regular expression that backtracked: one REGISTER with a 60,000-character
// Authorization header froze the runtime for 2.4 s (issue 11). Here every character is looked
// at a bounded number of times, the header is refused before scanning when it is over
// `maxBytes`, and the number of parameters is capped.
//
// Tolerances kept on purpose (seen on real phones): any amount of blank space around `=` and
// commas, empty list elements (`a=1,,b=2`), and unquoted values holding characters outside
// RFC 7230's tchar (`uri=sip:1.2.3.4`): an unquoted value runs to the next comma or blank.

/** Longest Authorization header read at all. Real ones are 250–600 bytes; a long Request-URI stays well under. */
export const MAX_AUTHORIZATION_BYTES = 4096;
/** More parameters than any Digest response has (RFC 7616 defines 12). */
export const MAX_AUTH_PARAMS = 24;

export type AuthParamsResult =
  | { ok: true; scheme: string; params: Map<string, string> }
  | { ok: false; reason: string };

const TCHAR = (() => {
  const t = new Uint8Array(128);
  for (const c of "!#$%&'*+-.^_`|~") t[c.charCodeAt(0)] = 1;
  for (let c = 48; c <= 57; c++) t[c] = 1;
  for (let c = 65; c <= 90; c++) t[c] = 1;
  for (let c = 97; c <= 122; c++) t[c] = 1;
  return t;
})();

const isTchar = (code: number) => code < 128 && TCHAR[code] === 1;
// SP, HTAB, and CR/LF left over from folded lines (RFC 3261 LWS)
const isBlank = (code: number) => code === 32 || code === 9 || code === 13 || code === 10;

/**
 * Parses `Scheme k=v, k="quoted, \"escaped\"", …`. Parameter names are lower-cased; a name
 * given twice is an error (RFC 7616 §3.4: each at most once), as is anything unreadable.
 */
export function parseAuthParams(header: string, maxBytes = MAX_AUTHORIZATION_BYTES): AuthParamsResult {
  if (header.length > maxBytes) return { ok: false, reason: `header longer than ${maxBytes} bytes` };
  const n = header.length;
  let i = 0;
  const skipBlank = () => {
    while (i < n && isBlank(header.charCodeAt(i))) i++;
  };
  const readToken = () => {
    const start = i;
    while (i < n && isTchar(header.charCodeAt(i))) i++;
    return header.slice(start, i);
  };

  skipBlank();
  const scheme = readToken();
  if (scheme === '') return { ok: false, reason: 'missing auth scheme' };
  if (i < n && !isBlank(header.charCodeAt(i))) return { ok: false, reason: `unexpected "${header[i]}" after the scheme` };

  const params = new Map<string, string>();
  for (;;) {
    // separators: blanks and commas, empty elements allowed
    while (i < n && (isBlank(header.charCodeAt(i)) || header.charCodeAt(i) === 44)) i++;
    if (i >= n) break;
    const at = i;
    const name = readToken().toLowerCase();
    if (name === '') return { ok: false, reason: `expected a parameter name at offset ${at}` };
    skipBlank();
    if (header.charCodeAt(i) !== 61 /* = */) return { ok: false, reason: `expected "=" after "${name}"` };
    i++;
    skipBlank();
    let value: string;
    if (header.charCodeAt(i) === 34 /* " */) {
      i++;
      const parts: string[] = [];
      let start = i;
      let closed = false;
      while (i < n) {
        const c = header.charCodeAt(i);
        if (c === 34) {
          parts.push(header.slice(start, i));
          i++;
          closed = true;
          break;
        }
        if (c === 92 /* \ */) {
          // quoted-pair: keep the escaped character, drop the backslash
          parts.push(header.slice(start, i));
          if (i + 1 >= n) break;
          parts.push(header[i + 1]);
          i += 2;
          start = i;
          continue;
        }
        i++;
      }
      if (!closed) return { ok: false, reason: `unterminated quoted value of "${name}"` };
      value = parts.join('');
    } else {
      const start = i;
      while (i < n && header.charCodeAt(i) !== 44 && !isBlank(header.charCodeAt(i)) && header.charCodeAt(i) !== 34) i++;
      value = header.slice(start, i);
      if (value === '') return { ok: false, reason: `empty value of "${name}"` };
    }
    if (params.has(name)) return { ok: false, reason: `parameter "${name}" given twice` };
    if (params.size >= MAX_AUTH_PARAMS) return { ok: false, reason: `more than ${MAX_AUTH_PARAMS} parameters` };
    params.set(name, value);
    skipBlank();
    if (i < n && header.charCodeAt(i) !== 44) return { ok: false, reason: `expected "," after "${name}"` };
  }
  return { ok: true, scheme, params };
}
