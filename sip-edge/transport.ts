// Shared types of the SIP transports (UDP, TCP).

import type { ParseOutcome } from './parser';

export type TransportName = 'udp' | 'tcp';

/** Where a message came from or goes to. */
export interface Peer {
  transport: TransportName;
  address: string;
  port: number;
}

export interface LocalAddress {
  address: string;
  port: number;
}

/** Called for every framed message (or framing error) that arrives. */
export type InboundHandler = (outcome: ParseOutcome, peer: Peer, local: LocalAddress) => void;

export function peerKey(p: Peer): string {
  return `${p.transport}:${p.address}:${p.port}`;
}

export interface SipTransport {
  readonly name: TransportName;
  /** Sends octets; rejects with a SipEdgeError('TRANSPORT_ERROR') when the peer cannot be reached. */
  send(data: Buffer, address: string, port: number): Promise<void>;
  close(): Promise<void>;
  readonly local: LocalAddress;
}
