// One mailbox per live call: commands (phone actions, API commands) run one at a time, in the
// order they arrived, each to completion, so a hold from the phone and a transfer from the
// console never interleave their SIP and media steps. A failing command never blocks the next.
export class Mailbox {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(task).finally(() => this.pending--);
    this.tail = result.catch(() => undefined);
    return result;
  }

  get size(): number {
    return this.pending;
  }
}
