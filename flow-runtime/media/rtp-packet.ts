// RTP fixed header (RFC 3550 §5.1) building and parsing. No CSRC on send; CSRCs and header
// extensions are skipped on receive; padding is removed.

export interface RtpHeader {
  payloadType: number;
  marker: boolean;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
}

export interface RtpPacket extends RtpHeader {
  payload: Buffer;
}

export const RTP_HEADER_SIZE = 12;

/** Builds a packet (version 2, no padding, no extension, no CSRC). */
export function buildRtpPacket(header: RtpHeader, payload: Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(RTP_HEADER_SIZE + payload.length);
  buf[0] = 0x80;
  buf[1] = (header.marker ? 0x80 : 0) | (header.payloadType & 0x7f);
  buf.writeUInt16BE(header.sequenceNumber & 0xffff, 2);
  buf.writeUInt32BE(header.timestamp >>> 0, 4);
  buf.writeUInt32BE(header.ssrc >>> 0, 8);
  buf.set(payload, RTP_HEADER_SIZE);
  return buf;
}

/** Where the payload starts (after CSRCs and a header extension); call after rtpPayloadEnd() said the packet is valid. */
export function rtpPayloadOffset(buf: Buffer): number {
  let offset = RTP_HEADER_SIZE + (buf[0] & 0x0f) * 4;
  if (buf[0] & 0x10) offset += 4 + buf.readUInt16BE(offset + 2) * 4;
  return offset;
}

/**
 * Where the payload ends (padding removed), or -1 when the datagram is not an RTP version 2
 * packet (RTCP, STUN, garbage, truncated). Reads the header in place: nothing allocated.
 */
export function rtpPayloadEnd(buf: Buffer): number {
  if (buf.length < RTP_HEADER_SIZE || buf[0] >> 6 !== 2) return -1;
  const payloadType = buf[1] & 0x7f;
  // RTCP packet types 200-204 collide with PT 72-76 with the marker bit set (RFC 5761 §4).
  if (payloadType >= 72 && payloadType <= 76) return -1;
  const afterCsrc = RTP_HEADER_SIZE + (buf[0] & 0x0f) * 4;
  if (buf[0] & 0x10 && buf.length < afterCsrc + 4) return -1;
  const offset = rtpPayloadOffset(buf);
  let end = buf.length;
  if (buf[0] & 0x20) end -= buf[buf.length - 1];
  return end < offset ? -1 : end;
}

/** Parses a datagram; null when it is not RTP version 2 (RTCP, STUN, garbage). */
export function parseRtpPacket(buf: Buffer): RtpPacket | null {
  const end = rtpPayloadEnd(buf);
  if (end < 0) return null;
  return {
    payloadType: buf[1] & 0x7f,
    marker: (buf[1] & 0x80) !== 0,
    sequenceNumber: buf.readUInt16BE(2),
    timestamp: buf.readUInt32BE(4),
    ssrc: buf.readUInt32BE(8),
    payload: buf.subarray(rtpPayloadOffset(buf), end),
  };
}
