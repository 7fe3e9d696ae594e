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

export const REASONS: Record<number, string> = {
  100: 'Trying', 180: 'Ringing', 200: 'OK', 403: 'Forbidden', 404: 'Not Found', 480: 'Temporarily Unavailable',
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
