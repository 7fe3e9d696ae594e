// Frames SIP messages out of a TCP byte stream (RFC 3261 §18.3) in linear time.
//
// Each octet is searched for the end of the header section once, the head is parsed once to learn
// Content-Length, and the whole message is parsed once when its body is in: a peer trickling a
// message in tiny segments costs no more than one sending it at once. The phase ('head' or
// 'body') lets the connection apply a deadline to each.

import { ByteQueue } from './byte-queue';
import { MAX_HEAD_BYTES, type ParseOutcome, parseStream } from './parser';

export type ReaderPhase = 'idle' | 'head' | 'body';

const CR = 13;
const LF = 10;

export class SipStreamReader {
  private queue = new ByteQueue();
  /** Octets at the front already searched for the blank line ending the head. */
  private scanned = 0;
  /** Total length of the message at the front, once its head has been parsed. */
  private needed: number | undefined;
  /** Messages completed since the reader was created (lets the caller restart per-message deadlines). */
  completed = 0;

  get phase(): ReaderPhase {
    if (this.queue.length === 0) return 'idle';
    return this.needed === undefined ? 'head' : 'body';
  }

  get bufferedBytes(): number {
    return this.queue.capacity;
  }

  /**
   * Appends octets and returns every outcome they complete (messages, errors, keep-alives).
   * After an error with `framingLost`, the reader must not be used again.
   */
  push(chunk: Buffer): ParseOutcome[] {
    this.queue.append(chunk);
    const out: ParseOutcome[] = [];
    while (this.queue.length > 0) {
      const next = this.next();
      if (!next || next.type === 'incomplete') break;
      out.push(next);
      if (next.type === 'error' && next.framingLost) {
        this.clear();
        break;
      }
    }
    return out;
  }

  clear(): void {
    this.queue.clear();
    this.scanned = 0;
    this.needed = undefined;
  }

  private next(): ParseOutcome | null {
    if (this.needed !== undefined) {
      if (this.queue.length < this.needed) return null;
      return this.finish(parseStream(this.queue.view().subarray(0, this.needed)));
    }
    const v = this.queue.view();
    // CRLF keep-alives between messages (RFC 5626 §3.5.1); a lone trailing CR waits for its LF
    let k = 0;
    for (;;) {
      if (v[k] === CR && v[k + 1] === LF) k += 2;
      else if (v[k] === LF) k += 1;
      else break;
    }
    if (k > 0) {
      this.queue.consume(k);
      this.scanned = 0;
      return { type: 'keepalive', consumed: k, pingPong: k >= 4 };
    }
    const from = Math.max(0, this.scanned - 3);
    const crlf = this.queue.indexOf('\r\n\r\n', from);
    const lf = this.queue.indexOf('\n\n', from);
    let headEnd = crlf;
    let sep = 4;
    if (lf !== -1 && (crlf === -1 || lf < crlf)) {
      headEnd = lf;
      sep = 2;
    }
    if (headEnd === -1) {
      this.scanned = this.queue.length;
      if (this.queue.length < MAX_HEAD_BYTES) return null;
      // no blank line within the limit: the parser reports it (framing lost)
      return this.finish(parseStream(v.subarray(0, MAX_HEAD_BYTES)));
    }
    const head = parseStream(v.subarray(0, headEnd + sep));
    if (head.type === 'incomplete') {
      this.needed = head.needed ?? headEnd + sep;
      return this.next();
    }
    return this.finish(head);
  }

  private finish(outcome: ParseOutcome): ParseOutcome {
    if (outcome.type === 'message' || outcome.type === 'error') {
      this.queue.consume(outcome.consumed);
      this.completed++;
    } else if (outcome.type === 'keepalive') this.queue.consume(outcome.consumed);
    this.scanned = 0;
    this.needed = undefined;
    return outcome;
  }
}
