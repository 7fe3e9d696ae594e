// Minimal libpcap reader for the SIPp media captures: Ethernet / Linux cooked / raw IPv4,
// UDP only. Returns each datagram's payload with its capture time.
import { readFileSync } from 'node:fs';

export interface PcapUdpPacket {
  timeMs: number;
  srcPort: number;
  dstPort: number;
  payload: Buffer;
}

export function readPcapUdp(file: string): PcapUdpPacket[] {
  const buf = readFileSync(file);
  const magic = buf.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!le && buf.readUInt32BE(0) !== 0xa1b2c3d4 && buf.readUInt32BE(0) !== 0xa1b23c4d) throw new Error(`${file}: not a pcap file`);
  const nano = (le ? magic : buf.readUInt32BE(0)) === 0xa1b23c4d;
  const u32 = (o: number): number => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const linkType = u32(20);
  const out: PcapUdpPacket[] = [];
  let off = 24;
  while (off + 16 <= buf.length) {
    const sec = u32(off);
    const frac = u32(off + 4);
    const capLen = u32(off + 8);
    const frame = buf.subarray(off + 16, off + 16 + capLen);
    off += 16 + capLen;
    let ip: number;
    if (linkType === 1) ip = frame.readUInt16BE(12) === 0x0800 ? 14 : -1;
    else if (linkType === 113) ip = frame.readUInt16BE(14) === 0x0800 ? 16 : -1;
    else if (linkType === 101 || linkType === 228) ip = 0;
    else throw new Error(`${file}: unsupported link type ${linkType}`);
    if (ip < 0 || frame[ip] >> 4 !== 4 || frame[ip + 9] !== 17) continue;
    const udp = ip + (frame[ip] & 0x0f) * 4;
    const udpLen = frame.readUInt16BE(udp + 4);
    out.push({
      timeMs: sec * 1000 + (nano ? frac / 1e6 : frac / 1e3),
      srcPort: frame.readUInt16BE(udp),
      dstPort: frame.readUInt16BE(udp + 2),
      payload: Buffer.from(frame.subarray(udp + 8, udp + udpLen)),
    });
  }
  return out;
}
