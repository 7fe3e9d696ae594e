// A byte buffer for stream readers (SIP over TCP, the drachtio protocol): appends in amortised
// linear time and consumes from the front without copying.
//
// Why not `Buffer.concat([buffer, chunk])` on every 'data' event: a peer that sends a large
// message in tiny segments made that quadratic (64 KiB in 1-octet segments copies 2 GiB), and a
// consumed prefix kept the whole old allocation alive.

const EMPTY = Buffer.alloc(0);

export class ByteQueue {
  private store: Buffer = EMPTY;
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  /** Octets held, including spare capacity (for memory accounting in tests). */
  get capacity(): number {
    return this.store.length;
  }

  append(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.end + chunk.length > this.store.length) {
      const needed = this.length + chunk.length;
      if (needed <= this.store.length && this.start > 0) {
        // enough room once the consumed prefix is dropped
        this.store.copy(this.store, 0, this.start, this.end);
      } else {
        const grown = Buffer.allocUnsafe(Math.max(needed, Math.min(this.store.length * 2, needed * 2), 1024));
        this.store.copy(grown, 0, this.start, this.end);
        this.store = grown;
      }
      this.end -= this.start;
      this.start = 0;
    }
    chunk.copy(this.store, this.end);
    this.end += chunk.length;
  }

  /** The unconsumed octets (a view: valid until the next append or consume). */
  view(): Buffer {
    return this.store.subarray(this.start, this.end);
  }

  consume(n: number): void {
    this.start = Math.min(this.end, this.start + n);
    if (this.start === this.end) this.clear();
  }

  /** Drops everything and gives the memory back. */
  clear(): void {
    this.store = EMPTY;
    this.start = 0;
    this.end = 0;
  }

  /** Index of `needle` at or after `from` (relative to the unconsumed octets), or -1. */
  indexOf(needle: string, from: number): number {
    const i = this.store.subarray(0, this.end).indexOf(needle, this.start + from, 'latin1');
    return i === -1 ? -1 : i - this.start;
  }
}
