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

/** Response to an INVITE/CANCEL received by a SIPp UAS: adds SIPp's To tag. */
export function uasReply(status: string, extra = '', body = ''): string {
  return reply(status, extra, body).replace('[last_To:]', '[last_To:];tag=[pid]SIPpTag01[call_number]');
}

export const scenario = (...steps: string[]) => `${head}\n${steps.join('\n')}\n${tail}`;

/**
 * SIPp calls in, the app answers; SIPp hangs up. The INVITE and the BYE are SIPp transactions
 * (start_txn / response_txn): the BYE's 200 is matched by its Via branch, so a late
 * retransmission of the 200 to the INVITE (its ACK lost) is never taken for the BYE's answer.
 */
export const uacCallerHangsUp = (transport: 'UDP' | 'TCP' = 'UDP', ringingOptional = false) => scenario(
  invite({ transport }).replace('<send retrans="500">', '<send retrans="500" start_txn="invite">'),
  '<recv response="100" optional="true" response_txn="invite"/>',
  `<recv response="180"${ringingOptional ? ' optional="true"' : ''} response_txn="invite"/>`,
  '<recv response="200" rtd="true" rrs="true" response_txn="invite"/>',
  ack.replace('<send>', '<send ack_txn="invite">'),
  '<pause milliseconds="200"/>',
  inDialogRequest('BYE', 2).replace('<send retrans="500">', '<send retrans="500" start_txn="bye">'),
  '<recv response="200" crlf="true" response_txn="bye"/>',
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

/** SIPp calls in and cancels while ringing. */
export const uacCancel = scenario(
  invite(),
  '<recv response="100" optional="true"/>',
  '<recv response="180"/>',
  `<send><![CDATA[
CANCEL sip:ivr@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch-3]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:ivr@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 CANCEL
Max-Forwards: 70
Content-Length: 0

]]></send>`,
  '<recv response="200"/>',
  '<recv response="487"/>',
  `<send><![CDATA[
ACK sip:ivr@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch-6]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>`,
);

const holdSdp = SIPP_SDP.replace('a=sendrecv', 'a=sendonly');

/** SIPp calls in, then puts the call on hold with a re-INVITE, then hangs up. */
export const uacReinvite = scenario(
  invite(),
  '<recv response="100" optional="true"/>',
  '<recv response="200" rrs="true"/>',
  ack,
  inDialogRequest('INVITE', 2, 'Content-Type: application/sdp\n', holdSdp),
  '<recv response="100" optional="true"/>',
  '<recv response="200"/>',
  ack.replace('CSeq: 1 ACK', 'CSeq: 2 ACK'),
  inDialogRequest('BYE', 3),
  '<recv response="200" crlf="true"/>',
);

/** SIPp calls in; the app sends REFER; SIPp accepts (202), reports with NOTIFY, then hangs up. */
export const uacRefer = scenario(
  invite(),
  '<recv response="100" optional="true"/>',
  `<recv response="200" rrs="true"><action><ereg regexp=".*" search_in="hdr" header="To:" assign_to="remote_to"/></action></recv>`,
  ack,
  `<recv request="REFER"><action><ereg regexp="sip:carol@[^>]*" search_in="hdr" header="Refer-To:" check_it="true" assign_to="refer_to"/></action></recv>`,
  reply('202 Accepted', 'X-Refer-Target: [$refer_to]\n'),
  `<send retrans="500"><![CDATA[
NOTIFY [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To:[$remote_to]
Call-ID: [call_id]
CSeq: 2 NOTIFY
Contact: <sip:sipp@[local_ip]:[local_port]>
Event: refer
Subscription-State: terminated;reason=noresource
Content-Type: message/sipfrag;version=2.0
Max-Forwards: 70
Content-Length: [len]

SIP/2.0 200 OK
]]></send>`,
  '<recv response="200"/>',
  `<send retrans="500"><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To:[$remote_to]
Call-ID: [call_id]
CSeq: 3 BYE
Max-Forwards: 70
Content-Length: 0

]]></send>`,
  '<recv response="200" crlf="true"/>',
);

/**
 * SIPp calls in and REFERs the call (a phone's blind transfer, RFC 3515): 202 from the app, then
 * the app's NOTIFYs (sipfrag 100 Trying, then 200 OK with the subscription terminated), then BYE.
 */
export const uacSendsRefer = scenario(
  invite(),
  '<recv response="100" optional="true"/>',
  `<recv response="200" rrs="true"><action><ereg regexp=".*" search_in="hdr" header="To:" assign_to="remote_to"/></action></recv>`,
  ack,
  inDialogRequest('REFER', 2, 'Refer-To: <sip:201@[remote_ip]>\nReferred-By: <sip:sipp@[local_ip]>\n'),
  '<recv response="202"/>',
  '<recv request="NOTIFY"><action><ereg regexp="SIP/2.0 100 Trying" search_in="body" check_it="true" assign_to="frag1"/></action></recv>',
  reply('200 OK'),
  '<recv request="NOTIFY"><action><ereg regexp="SIP/2.0 200 OK" search_in="body" check_it="true" assign_to="frag2"/><ereg regexp="terminated" search_in="hdr" header="Subscription-State:" check_it="true" assign_to="state2"/></action></recv>',
  '<nop hide="true"><action><log message="[$frag1] [$frag2] [$state2]"/></action></nop>',
  reply('200 OK'),
  // after the app's NOTIFYs, [last_To:] is our own address: the BYE names the app's side itself
  inDialogRequest('BYE', 3).replace('[last_To:]', 'To:[$remote_to]'),
  '<recv response="200" crlf="true"/>',
);

const register = (cseq: number, auth: string) => `<send retrans="500"><![CDATA[
REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:alice@[remote_ip]>;tag=[pid]SIPpTag00[call_number]
To: <sip:alice@[remote_ip]>
Call-ID: [call_id]
CSeq: ${cseq} REGISTER
Contact: <sip:alice@[local_ip]:[local_port]>
Expires: 300
Max-Forwards: 70
${auth}Content-Length: 0

]]></send>`;

/** REGISTER challenged by the app (401), then resent with digest credentials (200). */
export const uacRegisterDigest = scenario(
  register(1, ''),
  '<recv response="401" auth="true"/>',
  register(2, '[authentication username=alice password=wonderland]\n'),
  '<recv response="200"/>',
);

/** A UAS SIPp: answers the app's INVITE, then expects the app's BYE. */
export const uasAnswer = scenario(
  '<recv request="INVITE" crlf="true"/>',
  uasReply('180 Ringing'),
  uasReply('200 OK', 'Content-Type: application/sdp\n', SIPP_SDP),
  '<recv request="ACK" crlf="true"/>',
  '<recv request="BYE"/>',
  reply('200 OK'),
);

/** A UAS SIPp that is busy: 486, then the edge's own ACK. */
export const uasBusy = scenario(
  '<recv request="INVITE"/>',
  uasReply('486 Busy Here'),
  '<recv request="ACK"/>',
);

/** A UAS SIPp that challenges the INVITE, checks the credentials, answers, and awaits the BYE. */
export const uasChallenge = scenario(
  '<recv request="INVITE"/>',
  uasReply('401 Unauthorized', 'WWW-Authenticate: Digest realm="relais.test", nonce="4f3e2d1c0b", algorithm=MD5\n'),
  '<recv request="ACK"/>',
  `<recv request="INVITE"><action><verifyauth assign_to="authvalid" username="bob" password="builder"/></action></recv>`,
  '<nop hide="true" test="authvalid" next="goodauth"/>',
  uasReply('403 Forbidden'),
  '<recv request="ACK" next="end"/>',
  '<label id="goodauth"/>',
  uasReply('200 OK', 'Content-Type: application/sdp\n', SIPP_SDP),
  '<recv request="ACK"/>',
  '<recv request="BYE"/>',
  reply('200 OK'),
  '<label id="end"/>',
);

/** A UAS SIPp that rings until the app cancels: 200 to CANCEL, 487 to INVITE, then ACK. */
export const uasCancelled = scenario(
  `<recv request="INVITE"><action><ereg regexp=".*" search_in="hdr" header="CSeq:" assign_to="inv_cseq"/><ereg regexp=".*" search_in="hdr" header="Via:" assign_to="inv_via"/></action></recv>`,
  uasReply('180 Ringing'),
  '<recv request="CANCEL"/>',
  uasReply('200 OK'),
  `<send><![CDATA[
SIP/2.0 487 Request Terminated
Via:[$inv_via]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
CSeq:[$inv_cseq]
Content-Length: 0

]]></send>`,
  '<recv request="ACK"/>',
);
