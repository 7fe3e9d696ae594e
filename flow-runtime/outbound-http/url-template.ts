// Encoding of template values inserted into a URL, by where they land. A value such as the
// caller's number comes from the SIP From header: raw, "x/../admin?" or "1&token=…" would
// change the path or add query parameters. Pure (no I/O): the interpreter uses it.

/** Lone UTF-16 surrogates (from a hostile From header) would make encodeURIComponent throw. */
function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export type UrlPosition = 'start' | 'authority' | 'path' | 'query' | 'fragment';

/** Where text appended after `before` (the URL rendered so far) lands. */
export function urlPosition(before: string): UrlPosition {
  if (before.length === 0) return 'start';
  if (before.includes('#')) return 'fragment';
  if (before.includes('?')) return 'query';
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*\//i.exec(before);
  if (scheme) return 'path';
  return 'authority';
}

/**
 * The text to insert for a template value. A value at the very start of the URL is the flow
 * author's base URL (`{{crmBase}}/customers`): inserted as is, the rendered URL is then checked
 * like any other (http(s) only, address policy). Everywhere else every reserved character is
 * percent-encoded (encodeURIComponent: `/ ? # & = + @ :` and spaces), so a value is one path
 * segment, one query value or one host label and can never add parts to the URL; in the
 * authority an encoded value makes the host invalid rather than pointing elsewhere.
 */
export function encodeUrlValue(value: string, before: string): string {
  if (urlPosition(before) === 'start') return value;
  return encodeURIComponent(wellFormed(value));
}
