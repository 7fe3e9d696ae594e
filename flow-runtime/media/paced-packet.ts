// One reusable 20 ms G.711 RTP packet per endpoint, for the paced path (prompt frames and the
// silence sent while nothing plays): each tick rewrites the header in place (marker, sequence
// number, timestamp) and the payload only when it changes, so a silent endpoint allocates
// nothing per packet: the silence payload is copied once when silence starts, then only the
// 7 header bytes change.
//
// Reuse is only safe if the buffer is no longer referenced once `socket.send()` returns. The
// sockets are created with a synchronous lookup (port-allocator.ts) so `send()` hands the
// datagram to the kernel before returning (libuv's try-send). If the kernel's send buffer was
// full, libuv queues the request and keeps a reference to our buffer: `afterSend()` then sees a
// non-empty send queue and drops the buffer, and the next packet gets a fresh one.
import type dgram from 'node:dgram';
import { FRAME_SAMPLES, silenceByte } from './g711';
import type { CodecName } from './media-endpoint';
import { RTP_HEADER_SIZE } from './rtp-packet';

/** 160 bytes of encoded digital silence per codec (0xFF µ-law, 0xD5 A-law), built once. */
export const SILENCE_FRAME: Readonly<Record<CodecName, Uint8Array>> = {
  PCMU: new Uint8Array(FRAME_SAMPLES).fill(silenceByte('PCMU')),
  PCMA: new Uint8Array(FRAME_SAMPLES).fill(silenceByte('PCMA')),
};

export class PacedPacket {
  private buf: Buffer | null = null;
  /** Which silence the payload holds, so repeated silence packets skip the 160-byte copy. */
  private holds: CodecName | null = null;

  constructor(private readonly ssrc: number) {}

  /**
   * The packet for one frame: `payload` is 160 bytes of G.711, or a codec name for silence.
   * The returned buffer is valid until the next call.
   */
  write(payloadType: number, marker: boolean, sequenceNumber: number, timestamp: number, payload: Uint8Array | CodecName): Buffer {
    let buf = this.buf;
    if (!buf) {
      buf = this.buf = Buffer.allocUnsafe(RTP_HEADER_SIZE + FRAME_SAMPLES);
      buf[0] = 0x80;
      buf.writeUInt32BE(this.ssrc >>> 0, 8);
      this.holds = null;
    }
    buf[1] = (marker ? 0x80 : 0) | (payloadType & 0x7f);
    buf.writeUInt16BE(sequenceNumber & 0xffff, 2);
    buf.writeUInt32BE(timestamp >>> 0, 4);
    if (typeof payload === 'string') {
      if (this.holds !== payload) {
        buf.set(SILENCE_FRAME[payload], RTP_HEADER_SIZE);
        this.holds = payload;
      }
    } else {
      buf.set(payload, RTP_HEADER_SIZE);
      this.holds = null;
    }
    return buf;
  }

  /** Call after `socket.send(packet)`: a queued send still reads the buffer, so stop reusing it. */
  afterSend(socket: dgram.Socket): void {
    if (socket.getSendQueueCount() > 0) this.buf = null;
  }
}
