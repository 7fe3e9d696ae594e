// REFER on an agent's leg (RFC 3515): what the Refer-To names, and the NOTIFYs of the implicit
// subscription carrying message/sipfrag progress (RFC 3515 §2.4.5) back to the transferring phone.
import type { DialogLike } from '../sip-types';
import type { TransferTarget } from './commands';

const MAX_REFER_TO = 1024;

/**
 * The target named by a Refer-To value: `<sip:201@host>` → extension 201, `sip:+33612345678@…`
 * or `tel:0612345678` → number. Digits (with + * #) only: anything else, Replaces (attended
 * transfer, not in this slice) or an over-long value → null. Linear scans, no regular expression
 * over the whole value.
 */
export function referTarget(referTo: string | undefined): TransferTarget | null {
  if (!referTo || referTo.length > MAX_REFER_TO) return null;
  let v = referTo.trim();
  const lt = v.indexOf('<');
  if (lt >= 0) {
    const gt = v.indexOf('>', lt);
    if (gt < 0) return null;
    v = v.slice(lt + 1, gt);
  }
  if (/replaces=/i.test(v)) return null;
  let user: string;
  if (v.toLowerCase().startsWith('sip:') || v.toLowerCase().startsWith('sips:')) {
    const rest = v.slice(v.indexOf(':') + 1);
    const at = rest.indexOf('@');
    if (at <= 0) return null;
    user = rest.slice(0, at);
  } else if (v.toLowerCase().startsWith('tel:')) {
    user = v.slice(4).split(';')[0];
  } else {
    return null;
  }
  user = decodeURIComponent(user.split(';')[0]).replace(/[\s.\-()]/g, '');
  if (!/^\+?[0-9*#]{1,32}$/.test(user)) return null;
  // Short internal numbers are extensions; the transfer resolves an unknown extension as a number.
  if (!user.startsWith('+') && user.length <= 6) return { kind: 'extension', extension: user };
  return { kind: 'number', number: user };
}

/** The dialog a Replaces header names (RFC 3891): Call-ID and both tags, as the transferor wrote them. */
export interface ReplacesDialog {
  callId: string;
  toTag: string;
  fromTag: string;
  earlyOnly: boolean;
}

const MAX_REPLACES = 512;

/**
 * The Replaces header embedded in a Refer-To URI (`<sip:202@host?Replaces=abc%40h%3Bto-tag%3D1%3Bfrom-tag%3D2&…>`,
 * RFC 3515 §2.1 + RFC 3891 §6.1), or null when there is none or it is unreadable. Linear scans
 * over a value capped at MAX_REFER_TO, the Replaces value itself at MAX_REPLACES; no regular
 * expression over the whole value.
 */
export function referReplaces(referTo: string | undefined): ReplacesDialog | null {
  if (!referTo || referTo.length > MAX_REFER_TO) return null;
  const lt = referTo.indexOf('<');
  const gt = lt >= 0 ? referTo.indexOf('>', lt) : -1;
  const uri = lt >= 0 && gt > lt ? referTo.slice(lt + 1, gt) : referTo.trim();
  const q = uri.indexOf('?');
  if (q < 0) return null;
  for (const header of uri.slice(q + 1).split('&')) {
    const eq = header.indexOf('=');
    if (eq < 0 || header.slice(0, eq).trim().toLowerCase() !== 'replaces') continue;
    const raw = header.slice(eq + 1);
    if (raw.length > MAX_REPLACES * 3) return null;
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (value.length > MAX_REPLACES) return null;
    const parts = value.split(';');
    const callId = parts[0].trim();
    if (!callId) return null;
    let toTag = '';
    let fromTag = '';
    let earlyOnly = false;
    for (const part of parts.slice(1)) {
      const e = part.indexOf('=');
      const name = (e < 0 ? part : part.slice(0, e)).trim().toLowerCase();
      const v = e < 0 ? '' : part.slice(e + 1).trim();
      if (name === 'to-tag') toTag = v;
      else if (name === 'from-tag') fromTag = v;
      else if (name === 'early-only') earlyOnly = true;
    }
    return toTag && fromTag ? { callId, toTag, fromTag, earlyOnly } : null;
  }
  return null;
}

/**
 * Whether a dialog of ours (`sip`: its Call-ID and our local / the remote tag) is the one a
 * Replaces names. Phones differ in which tag they call to-tag (RFC 3891 §3 reads them from the
 * dialog's recipient; transferors often write their own view): both orders are accepted.
 */
export function sameDialog(sip: { callId: string; localTag: string; remoteTag: string } | undefined, r: ReplacesDialog): boolean {
  if (!sip || sip.callId !== r.callId) return false;
  return (sip.localTag === r.toTag && sip.remoteTag === r.fromTag) || (sip.localTag === r.fromTag && sip.remoteTag === r.toTag);
}

export const REASONS: Record<number, string> = {
  100: 'Trying', 180: 'Ringing', 200: 'OK', 403: 'Forbidden', 481: 'Call/Transaction Does Not Exist', 404: 'Not Found', 480: 'Temporarily Unavailable',
  486: 'Busy Here', 487: 'Request Terminated', 488: 'Not Acceptable Here', 500: 'Server Internal Error', 503: 'Service Unavailable', 603: 'Decline',
};

/** One NOTIFY of the refer subscription: `SIP/2.0 <status> <reason>`, terminated with a final status. */
export async function notifySipfrag(dialog: DialogLike | null, status: number, reason = REASONS[status] ?? 'Unknown'): Promise<void> {
  if (!dialog?.request) return;
  const final = status >= 200;
  await dialog.request({
    method: 'NOTIFY',
    headers: {
      Event: 'refer',
      'Subscription-State': final ? 'terminated;reason=noresource' : 'active;expires=60',
      'Content-Type': 'message/sipfrag;version=2.0',
    },
    body: `SIP/2.0 ${status} ${reason}\r\n`,
  });
}
