// Contact header values of a REGISTER (RFC 3261 §10.2.1, §20.10): a comma-separated list of
// name-addr / addr-spec with parameters, or `*` (remove every binding).
// Linear scans only (issue 11: every parser on the SIP path is linear with size limits): the
// whole value is capped, and so is the number of contacts one REGISTER may bind.
import { headerUri, parseSipUri } from './sip-uri';

/** Longest Contact value read (all Contact headers joined); a phone sends one short contact. */
export const MAX_CONTACT_BYTES = 8192;
/** Most contacts one REGISTER may bind or remove. */
export const MAX_CONTACTS = 16;

export interface ContactBinding {
  /** The contact URI without angle brackets. */
  uri: string;
  /** The contact's own `expires` parameter, when present. */
  expires: number | null;
}

export type ParsedContacts = { kind: 'wildcard' } | { kind: 'list'; contacts: ContactBinding[] } | { kind: 'invalid'; reason: string };

/** Splits on commas outside quotes and angle brackets. */
function splitTopLevel(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quoted) {
      if (ch === '\\') {
        cur += ch + (value[++i] ?? '');
        continue;
      }
      if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '<') angle = true;
    else if (ch === '>') angle = false;
    else if (ch === ',' && !angle) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

function parseOne(text: string): ContactBinding | null {
  let uri: string;
  let params: string;
  const lt = text.indexOf('<');
  if (lt >= 0) {
    const gt = text.indexOf('>', lt);
    if (gt < 0) return null;
    uri = text.slice(lt + 1, gt).trim();
    params = text.slice(gt + 1);
  } else {
    // addr-spec form: header parameters follow the first ';' (RFC 3261 §20.10)
    const semi = text.indexOf(';');
    uri = (semi < 0 ? text : text.slice(0, semi)).trim();
    params = semi < 0 ? '' : text.slice(semi);
  }
  if (!/^sips?:/i.test(uri)) return null;
  let expires: number | null = null;
  for (const p of params.split(';')) {
    const [k, v] = p.split('=').map((s) => s?.trim());
    if (k?.toLowerCase() === 'expires' && v !== undefined && /^\d+$/.test(v)) expires = Number(v);
  }
  return { uri, expires };
}

/** Parses every Contact header value of a request (srf joins repeated headers with commas). */
export function parseContacts(values: string[]): ParsedContacts {
  if (values.reduce((n, v) => n + v.length, 0) > MAX_CONTACT_BYTES) return { kind: 'invalid', reason: `Contact longer than ${MAX_CONTACT_BYTES} bytes` };
  const items = values.flatMap(splitTopLevel);
  if (items.length > MAX_CONTACTS) return { kind: 'invalid', reason: `more than ${MAX_CONTACTS} contacts` };
  if (items.length === 0) return { kind: 'list', contacts: [] };
  if (items.some((i) => i === '*')) {
    return items.length === 1 ? { kind: 'wildcard' } : { kind: 'invalid', reason: '"*" must be the only Contact' };
  }
  const contacts: ContactBinding[] = [];
  for (const item of items) {
    const c = parseOne(item);
    if (!c) return { kind: 'invalid', reason: `unreadable Contact "${item.slice(0, 100)}"` };
    contacts.push(c);
  }
  return { kind: 'list', contacts };
}

/** The user part of a SIP URI in a To/From header value (`"x" <sip:alice@host>;tag=…` → alice). */
export function uriUser(headerValue: string): string | null {
  const uri = headerUri(headerValue);
  return uri === null ? null : (parseSipUri(uri)?.user ?? null);
}
