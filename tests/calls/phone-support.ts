// SIPp scenario pieces for calls placed by agents' phones (internal-call.test.ts,
// attended-transfer.test.ts): an INVITE challenged with 407 and sent again with digest
// credentials, and the media helpers the tests measure audio with.
import { eventually, REALM } from './support';
import { ack, inDialogRequest } from '../sip-edge/scenarios';
import type { RtpPeer } from '../media/support/rtp-peer';
import { synthesizeTone } from '@/flow-runtime/media/tones';
import type { MediaEndpoint } from '@/flow-runtime/media';

export const sdpAt = (port: number, origin = 'caller') => [
  'v=0', `o=${origin} 1 1 IN IP4 127.0.0.1`, 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
  `m=audio ${port} RTP/AVP 0 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', '',
].join('\n');

/** The phone's INVITE to `to` (an extension or a number), as `from`; `auth` adds the digest answer to the last 407. */
/**
 * The Request-URI names no user (the dialled one is in To): SIPp's digest uri is always
 * sip:<remote_ip>:<remote_port> (its auth_uri is ignored), and Relais checks that it is the Request-URI.
 */
export function phoneInvite(from: string, to: string, cseq: number, sdp: string, auth: string | null, callId = '[call_id]', fromHost = REALM): string {
  return `<send retrans="500"><![CDATA[
INVITE sip:[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:${from}@${fromHost}>;tag=[pid]SIPpTag00[call_number]
To: <sip:${to}@${REALM}>
Call-ID: ${callId}
CSeq: ${cseq} INVITE
Contact: <sip:${from}@[local_ip]:[local_port]>
Max-Forwards: 70
${auth ? `[authentication username=${from} password=${auth}]\n` : ''}Content-Type: application/sdp
Content-Length: [len]

${sdp}
]]></send>`;
}

/** ACK of a non-2xx final response (same branch as the INVITE: the response's Via). */
export function ackFailure(to: string, cseq: number, callId = '[call_id]'): string {
  return `<send><![CDATA[
ACK sip:[remote_ip]:[remote_port] SIP/2.0
[last_Via:]
[last_From:]
[last_To:]
Call-ID: ${callId}
CSeq: ${cseq} ACK
Max-Forwards: 70
Content-Length: 0

]]></send>`;
}

/** INVITE → 407 (with a digest challenge) → ACK → INVITE with credentials. Then the caller's steps. */
export function authenticatedInvite(from: string, to: string, sdp: string, password = `pw-${from}`, callId = '[call_id]', fromHost = REALM): string[] {
  return [
    phoneInvite(from, to, 1, sdp, null, callId, fromHost),
    '<recv response="100" optional="true"/>',
    `<recv response="407" auth="true"><action><ereg regexp="Digest realm=\\"${REALM}\\"" search_in="hdr" header="Proxy-Authenticate:" check_it="true" assign_to="challenge"/></action></recv>`,
    '<nop hide="true"><action><log message="challenge: [$challenge]"/></action></nop>',
    ackFailure(to, 1, callId),
    phoneInvite(from, to, 2, sdp, password, callId, fromHost),
    '<recv response="100" optional="true"/>',
  ];
}

/** An answered call from the phone: 180, 200, ACK, `talkMs`, BYE from the phone. */
export function phoneTalksThenHangsUp(talkMs: number): string[] {
  return [
    '<recv response="180"/>',
    '<recv response="200" rrs="true"/>',
    ack.replace('CSeq: 1 ACK', 'CSeq: 2 ACK'),
    `<pause milliseconds="${talkMs}"/>`,
    inDialogRequest('BYE', 3),
    '<recv response="200" crlf="true"/>',
  ];
}

export function rms(pcm: Int16Array): number {
  let e = 0;
  for (const x of pcm) e += x * x;
  return pcm.length ? Math.sqrt(e / pcm.length) : 0;
}

/** A 1 kHz tone sent to `endpoint` from `peer`; the RMS of what comes back (a SIPp -rtp_echo phone on the other side). */
export async function echoThrough(peer: RtpPeer, endpoint: MediaEndpoint): Promise<number> {
  peer.clear();
  await peer.sendAudio(endpoint, 'PCMU', synthesizeTone([1000], 1000, -10), { realTime: true });
  await eventually(() => peer.received.length >= 40, 'echo');
  return rms(peer.receivedAudio('PCMU'));
}
