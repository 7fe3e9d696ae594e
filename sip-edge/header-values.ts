// Strict parsers for the header values the edge itself must understand (RFC 3261 §25 grammar).
// Each returns null on a syntax error, so the caller can answer 400 naming the header.

const TOKEN_RE = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const SCHEME_RE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

export function isToken(s: string): boolean {
  return TOKEN_RE.test(s);
}

export type Params = Map<string, string | null>;

export interface NameAddr {
  displayName: string | null;
  uri: string;
  params: Params;
  /** True when the URI was written inside <...>. */
  bracketed: boolean;
}

function isLws(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/** Reads a quoted string starting at s[i] === '"'; returns [content, nextIndex] or null if unterminated. */
function readQuoted(s: string, i: number): [string, number] | null {
  let out = '';
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') {
      if (j + 1 >= s.length) return null;
      out += s[j + 1];
      j++;
    } else if (c === '"') return [out, j + 1];
    else out += c;
  }
  return null;
}

/**
 * Parses `;name[=value]` generic parameters (LWS allowed around ';' and '='). An empty name, as in
 * ";;", is a syntax error.
 */
export function parseParams(s: string): Params | null {
  const params: Params = new Map();
  let i = 0;
  const skip = () => { while (isLws(s[i])) i++; };
  skip();
  while (i < s.length) {
    if (s[i] !== ';') return null;
    i++;
    skip();
    let name = '';
    while (i < s.length && !isLws(s[i]) && s[i] !== '=' && s[i] !== ';') name += s[i++];
    if (!name || !isToken(name)) return null;
    skip();
    let value: string | null = null;
    if (s[i] === '=') {
      i++;
      skip();
      if (s[i] === '"') {
        const q = readQuoted(s, i);
        if (!q) return null;
        value = `"${q[0]}"`;
        i = q[1];
      } else if (s[i] === '[') {
        const end = s.indexOf(']', i);
        if (end === -1) return null;
        value = s.slice(i, end + 1);
        i = end + 1;
      } else {
        let v = '';
        while (i < s.length && !isLws(s[i]) && s[i] !== ';') v += s[i++];
        if (!v || !/^[A-Za-z0-9\-.!%*_+`'~:]+$/.test(v)) return null;
        value = v;
      }
      skip();
    }
    params.set(name.toLowerCase(), value);
  }
  return params;
}

/** name-addr or addr-spec with header parameters, as in To, From, Contact, Route, Record-Route, Refer-To. */
export function parseNameAddr(input: string): NameAddr | null {
  const s = input.trim();
  if (!s) return null;
  let i = 0;
  let displayName: string | null = null;
  const lt = s.indexOf('<');
  if (s[0] === '"') {
    const q = readQuoted(s, 0);
    if (!q) return null;
    displayName = q[0];
    i = q[1];
    while (isLws(s[i])) i++;
    if (s[i] !== '<') return null;
  } else if (lt !== -1 && !/^[^;]*?:/.test(s.slice(0, lt))) {
    // display name made of tokens; anything else (a comma, say) needs quoting
    const words = s.slice(0, lt).trim();
    if (words && !words.split(/[ \t]+/).every(isToken)) return null;
    displayName = words || null;
    i = lt;
  }
  if (s[i] === '<') {
    const end = s.indexOf('>', i);
    if (end === -1) return null;
    const uri = s.slice(i + 1, end);
    if (!uri || /[\s<"]/.test(uri) || !SCHEME_RE.test(uri)) return null;
    const params = parseParams(s.slice(end + 1));
    if (!params) return null;
    return { displayName, uri, params, bracketed: true };
  }
  // addr-spec: a URI with ';', ',' or '?' must be bracketed, so everything after ';' is a header param
  const semi = s.indexOf(';');
  const uri = (semi === -1 ? s : s.slice(0, semi)).trim();
  if (!uri || /[\s<>"?,]/.test(uri) || !SCHEME_RE.test(uri)) return null;
  const params = parseParams(semi === -1 ? '' : s.slice(semi));
  if (!params) return null;
  return { displayName: null, uri, params, bracketed: false };
}

export function formatNameAddr(na: NameAddr): string {
  let s = '';
  if (na.displayName) s += `"${na.displayName.replace(/(["\\])/g, '\\$1')}" `;
  s += `<${na.uri}>`;
  for (const [k, v] of na.params) s += v === null ? `;${k}` : `;${k}=${v}`;
  return s;
}

export function tagOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const na = parseNameAddr(value);
  const tag = na?.params.get('tag');
  return tag ?? undefined;
}

export interface Via {
  version: string;
  transport: string;
  host: string;
  port: number | undefined;
  params: Params;
  branch: string | undefined;
}

const VIA_RE = /^SIP\s*\/\s*(\d+\.\d+)\s*\/\s*([A-Za-z0-9\-.!%*_+`'~]+)\s+(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?:\s*:\s*(\d{1,5}))?\s*((?:;[\s\S]*)?)$/;

export function parseVia(value: string): Via | null {
  const m = VIA_RE.exec(value.trim());
  if (!m) return null;
  const params = parseParams(m[5]);
  if (!params) return null;
  const port = m[4] === undefined ? undefined : Number(m[4]);
  if (port !== undefined && (port < 1 || port > 65535)) return null;
  const branch = params.get('branch');
  return {
    version: m[1], transport: m[2].toUpperCase(), host: m[3].toLowerCase(), port, params,
    branch: branch ?? undefined,
  };
}

export interface CSeq {
  seq: number;
  method: string;
}

export function parseCSeq(value: string): CSeq | null {
  const m = /^(\d{1,10})\s+(\S+)$/.exec(value.trim());
  if (!m) return null;
  const seq = Number(m[1]);
  // RFC 3261 §8.1.1.5: the sequence number MUST be less than 2**31
  if (seq >= 2 ** 31 || !isToken(m[2])) return null;
  return { seq, method: m[2] };
}

export interface SipUri {
  scheme: string;
  user: string | undefined;
  host: string;
  port: number | undefined;
  params: Params;
  /** Text after '?', when the URI carries headers. */
  headers: string | undefined;
}

/** Parses sip:/sips: URIs (other schemes return null). */
export function parseSipUri(uri: string): SipUri | null {
  const m = /^(sips?):([\s\S]*)$/i.exec(uri);
  if (!m) return null;
  let rest = m[2];
  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at !== -1) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  let headers: string | undefined;
  const q = rest.indexOf('?');
  if (q !== -1) {
    headers = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  const semi = rest.indexOf(';');
  const hostport = semi === -1 ? rest : rest.slice(0, semi);
  const params = parseParams(semi === -1 ? '' : rest.slice(semi)) ?? new Map();
  const hp = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(hostport);
  if (!hp) return null;
  return {
    scheme: m[1].toLowerCase(), user, host: hp[1].toLowerCase(),
    port: hp[2] === undefined ? undefined : Number(hp[2]), params, headers,
  };
}

/** Parses a "host[:port]" or a URI given as an outbound proxy. */
export function parseHostPort(s: string): { host: string; port: number | undefined; transport?: string } | null {
  const trimmed = s.trim().replace(/^<|>$/g, '');
  if (/^sips?:/i.test(trimmed)) {
    const u = parseSipUri(trimmed);
    if (!u) return null;
    const t = u.params.get('transport');
    return { host: u.host, port: u.port, transport: t ?? undefined };
  }
  const m = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(trimmed);
  if (!m) return null;
  return { host: m[1].toLowerCase(), port: m[2] === undefined ? undefined : Number(m[2]) };
}
