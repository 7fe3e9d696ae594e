// SIPp phones of the live-call tests (tests/calls/*.test.ts, tests/e2e/agent-console.spec.ts):
// - an agent's phone answering a call from Relais, and its requests in that dialog (re-INVITE for
//   hold/resume, REFER, BYE), with the NOTIFYs of a REFER subscription;
// - calls placed by agents' phones: an INVITE challenged with 407 and sent again with digest
//   credentials;
// - the flow's caller (SIPp signalling, media at an in-test RTP peer);
// and the media helpers the tests measure audio with.
import dgram from 'node:dgram';
import { AGENT_SDP, callerInvite, eventually, flowDocument, REALM, registerAgent, type Runtime } from './support';
import { freeUdpPort, runSipp, waitForUdpListener } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario, uasReply } from '../sip-edge/scenarios';
import type { RtpPeer } from '../media/support/rtp-peer';
import { rms } from '../media/support/tones';
import { synthesizeTone } from '@/flow-runtime/media/tones';
import type { MediaEndpoint } from '@/flow-runtime/media';
import type { TrunkConfig } from '@/flow-runtime/trunk/trunk-config';

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

/** A 1 kHz tone sent to `endpoint` from `peer`; the RMS of what comes back (a SIPp -rtp_echo phone on the other side). */
export async function echoThrough(peer: RtpPeer, endpoint: MediaEndpoint): Promise<number> {
  peer.clear();
  await peer.sendAudio(endpoint, 'PCMU', synthesizeTone([1000], 1000, -10), { realTime: true });
  await eventually(() => peer.received.length >= 40, 'echo');
  return rms(peer.receivedAudio('PCMU'));
}

/** RMS of the next `packets` PCMU packets `who` receives. */
export async function heardLevel(who: RtpPeer, packets = 100): Promise<number> {
  who.clear();
  await eventually(() => who.received.length >= packets, `${packets} RTP packets`);
  return rms(who.receivedAudio('PCMU'));
}

// ---- an agent's phone answering a call from Relais (the UAS side of the dialog) ----------

/** The phone rings `ms` before it answers (nothing when 0). */
const ringsFor = (ms: number) => (ms > 0 ? [`<pause milliseconds="${ms}"/>`] : []);

/**
 * The agent's phone answers after ringing `ringMs` (its media at `sdp`; SIPp's echo with AGENT_SDP),
 * keeping what it needs to send requests in the dialog (the From as `remote`).
 */
export const agentAnswersAfter = (ringMs: number, sdp = AGENT_SDP) => [
  '<recv request="INVITE" crlf="true" rrs="true"><action><ereg regexp=".*" search_in="hdr" header="From:" assign_to="remote"/></action></recv>',
  uasReply('180 Ringing'),
  ...ringsFor(ringMs),
  uasReply('200 OK', 'Content-Type: application/sdp\n', sdp),
  '<recv request="ACK"/>',
];

/** The agent's phone answers at once (see `agentAnswersAfter`). */
export const agentAnswers = agentAnswersAfter(0);

/** A phone that answers after ringing `ringMs` (its media at `sdp`; SIPp's echo with AGENT_SDP) and waits for Relais's BYE. */
export const answersThenBye = (sdp = AGENT_SDP, ringMs = 0) => scenario(
  '<recv request="INVITE" crlf="true"/>',
  uasReply('180 Ringing'),
  ...ringsFor(ringMs),
  uasReply('200 OK', 'Content-Type: application/sdp\n', sdp),
  '<recv request="ACK"/>',
  '<recv request="BYE"/>',
  reply('200 OK'),
);

/** A request from the agent's phone (the UAS side of the dialog, after `agentAnswers`). */
export function agentRequest(method: string, cseq: number, extra = '', body = ''): string {
  return `<send retrans="500"><![CDATA[
${method} [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:agent@[local_ip]:[local_port]>;tag=[pid]SIPpTag01[call_number]
To:[$remote]
Call-ID: [call_id]
CSeq: ${cseq} ${method}
Contact: <sip:agent@[local_ip]:[local_port]>
Max-Forwards: 70
${extra}Content-Length: [len]

${body}]]></send>`;
}

/** The agent's SDP with another direction (sendonly: hold) and origin version. */
export const agentSdp = (direction: string, version: number) => AGENT_SDP.replace('a=sendrecv', `a=${direction}`).replace('o=agent 1 1', `o=agent 1 ${version}`);

/**
 * A re-INVITE from the agent's phone with `direction` (SDP version `version`), then its ACK;
 * with `expectAnswer`, the 200 must carry `a=<expectAnswer>`.
 */
export const agentReinvite = (cseq: number, direction: string, version: number, expectAnswer?: string) => [
  agentRequest('INVITE', cseq, 'Content-Type: application/sdp\n', agentSdp(direction, version)),
  '<recv response="100" optional="true"/>',
  ...(expectAnswer === undefined ? ['<recv response="200"/>'] : [
    `<recv response="200"><action><ereg regexp="a=${expectAnswer}" search_in="body" check_it="true" assign_to="dir${cseq}"/></action></recv>`,
    `<nop hide="true"><action><log message="answer ${cseq}: [$dir${cseq}]"/></action></nop>`,
  ]),
  agentRequest('ACK', cseq).replace(' retrans="500"', ''),
];

/** NOTIFYs of a REFER subscription with these sipfrag lines (Event: refer), each answered 200. */
export const referNotifies = (lines: string[]) => lines.flatMap((line, i) => [
  `<recv request="NOTIFY"><action><ereg regexp="${line}" search_in="body" check_it="true" assign_to="frag${i}"/><ereg regexp="refer" search_in="hdr" header="Event:" check_it="true" assign_to="ev${i}"/></action></recv>`,
  `<nop hide="true"><action><log message="NOTIFY [$frag${i}] [$ev${i}]"/></action></nop>`,
  reply('200 OK'),
]);

/** A SIPp phone registered as `username` running `xml` (echoing RTP unless `echo` is false); its port. */
export async function startPhone(rt: Runtime, username: string, xml: string, opts: { echo?: boolean; register?: boolean; timeoutS?: number } = {}) {
  const { echo = true, register = true, timeoutS = 90 } = opts;
  const port = await freeUdpPort();
  if (register) await registerAgent(rt, username, port);
  const run = runSipp(xml, register ? null : `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1', ...(echo ? ['-rtp_echo'] : [])], { port, timeoutS });
  await waitForUdpListener(port);
  return { run, port };
}

/** The SIPp run of `startPhone`. */
export const agentPhone = async (rt: Runtime, username: string, xml: string, opts: { echo?: boolean; timeoutS?: number } = {}) => (await startPhone(rt, username, xml, opts)).run;

/**
 * The UAS hangs up: BYE to the INVITE's Contact, with the dialog's From/To swapped (the scenario
 * keeps the INVITE's From and To headers as `from` and `to`).
 */
export const uasBye = `<send retrans="500"><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: [$to];tag=[pid]SIPpTag01[call_number]
To: [$from]
Call-ID: [call_id]
CSeq: 1 BYE
Contact: <sip:sipp@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0

]]></send>`;

/** The runtime's trunk: a SIPp on 127.0.0.1:`port` (UDP, no auth, the entry number as caller ID, E.164 in France). */
export const loopbackTrunk = (port: number): TrunkConfig => ({ host: '127.0.0.1', port, transport: 'udp', username: null, password: null, callerId: { kind: 'entry' }, numberFormat: 'e164', countryCode: '33' });

/**
 * The trunk (SIPp on `port`, echoing RTP, listening when this resolves): answers an INVITE whose
 * Request-URI is `number` (and whose From holds `from`, when given), then waits for Relais's BYE.
 */
export async function trunkAnswers(port: number, number: string, opts: { from?: string; timeoutS?: number } = {}) {
  const re = (x: string) => x.replace(/\+/g, '\\+');
  const checkFrom = opts.from ? `<ereg regexp="${re(opts.from)}" search_in="hdr" header="From:" check_it="true" assign_to="from"/>` : '';
  const run = runSipp(scenario(
    `<recv request="INVITE" crlf="true"><action><ereg regexp="^INVITE sip:${re(number)}@" search_in="msg" check_it="true" assign_to="ruri"/>${checkFrom}</action></recv>`,
    `<nop hide="true"><action><log message="[$ruri]${opts.from ? ' [$from]' : ''}"/></action></nop>`,
    uasReply('180 Ringing'),
    uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
    '<recv request="ACK"/>',
    '<recv request="BYE"/>',
    reply('200 OK'),
  ), null, ['-m', '1', '-rtp_echo'], { port, timeoutS: opts.timeoutS ?? 90 });
  await waitForUdpListener(port);
  return run;
}

/** The transfer tests' flow: premium-rate numbers forbidden as transfer targets, the group `groupId` rung at once, hang up when nobody answers. */
export const transferPolicyFlow = (groupId: string) => flowDocument('policy', [
  { id: 'policy', type: 'forbidden-transfer', config: { presets: ['premium-rate'] } },
  { id: 'agents', type: 'queue-group', config: { groupId, strategy: 'simultaneous', ringTimeSeconds: 30 } },
  { id: 'bye', type: 'hangup', config: {} },
], [['policy', 'next', 'agents'], ['agents', 'no_answer', 'bye']]);

/** A UDP socket that records whatever reaches it (a phone or a trunk that must stay silent). */
export async function silentListener(port: number) {
  const got: string[] = [];
  const socket = dgram.createSocket('udp4');
  socket.on('message', (m) => got.push(m.toString()));
  await new Promise<void>((r) => socket.bind(port, '127.0.0.1', () => r()));
  return { got, close: () => new Promise<void>((r) => socket.close(() => r())) };
}

// ---- the flow's caller --------------------------------------------------------------------

/** The caller's INVITE to `number` with its media at `sdp`, up to the 200 (provisional responses optional). */
const callerUntilAnswered = (number: string, sdp: string) => [
  callerInvite(number, sdp),
  '<recv response="100" optional="true"/>',
  '<recv response="180" optional="true"/>',
  '<recv response="183" optional="true"/>',
  '<recv response="180" optional="true"/>',
  '<recv response="200" rrs="true"/>',
  ack,
];

/** The flow's caller: media at `sdp`, hangs up after `holdMs`. */
export function callerHangsUpAfter(rt: Runtime, number: string, sdp: string, holdMs: number) {
  return runSipp(scenario(
    ...callerUntilAnswered(number, sdp),
    `<pause milliseconds="${holdMs}"/>`,
    inDialogRequest('BYE', 2),
    '<recv response="200" crlf="true"/>',
  ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 90 });
}

/** The flow's caller: media at `sdp`, stays on the call until Relais hangs it up. */
export function callerUntilBye(rt: Runtime, number: string, sdp: string, timeoutS = 90) {
  return runSipp(scenario(
    ...callerUntilAnswered(number, sdp),
    '<recv request="BYE"/>',
    reply('200 OK'),
  ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS });
}
