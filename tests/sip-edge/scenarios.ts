// SIPp scenarios used by the integration tests. Each <recv> is an assertion: SIPp fails the call
// when a different message arrives or the expected one does not.
import { SIPP_SDP } from './helpers';

const head = '<?xml version="1.0" encoding="ISO-8859-1" ?>\n<scenario name="t">';
const tail = '</scenario>';

export function invite(opts: { transport?: 'UDP' | 'TCP'; extra?: string; user?: string } = {}): string {
  const t = opts.transport ?? 'UDP';
  return `<send retrans="500"><![CDATA[
INVITE sip:${opts.user ?? 'ivr'}@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/${t} [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:${opts.user ?? 'ivr'}@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:sipp@[local_ip]:[local_port]${t === 'TCP' ? ';transport=tcp' : ''}>
Max-Forwards: 70
${opts.extra ?? ''}Content-Type: application/sdp
Content-Length: [len]

${SIPP_SDP}
]]></send>`;
}

export const ack = `<send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: 1 ACK
Contact: <sip:sipp@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0

]]></send>`;

export function inDialogRequest(method: string, cseq: number, extra = '', body = ''): string {
  return `<send retrans="500"><![CDATA[
${method} [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: ${cseq} ${method}
Contact: <sip:sipp@[local_ip]:[local_port]>
Max-Forwards: 70
${extra}Content-Length: [len]

${body}]]></send>`;
}

/** Response to the last received request, echoing its dialog headers. */
export function reply(status: string, extra = '', body = ''): string {
  return `<send><![CDATA[
SIP/2.0 ${status}
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
${extra}Content-Length: [len]

${body}]]></send>`;
}

export const scenario = (...steps: string[]) => `${head}\n${steps.join('\n')}\n${tail}`;

/** SIPp calls in, the app answers; SIPp hangs up. */
export const uacCallerHangsUp = (transport: 'UDP' | 'TCP' = 'UDP') => scenario(
  invite({ transport }),
  '<recv response="100" optional="true"/>',
  '<recv response="180"/>',
  '<recv response="200" rtd="true" rrs="true"/>',
  ack,
  '<pause milliseconds="200"/>',
  inDialogRequest('BYE', 2),
  '<recv response="200" crlf="true"/>',
);

/** SIPp calls in, the app answers and later hangs up: SIPp expects the BYE. */
export const uacCalleeHangsUp = scenario(
  invite(),
  '<recv response="100" optional="true"/>',
  '<recv response="180" optional="true"/>',
  '<recv response="200" rrs="true"/>',
  ack,
  '<recv request="BYE"/>',
  reply('200 OK'),
);
