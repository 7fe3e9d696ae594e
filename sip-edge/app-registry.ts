// Connected apps and the methods they asked for, with round-robin selection across apps that
// routed the same method (as drachtio-server's ClientController does).

import type net from 'node:net';
import { encodeFrame } from './wire-protocol';

/** An app whose socket holds this many unsent octets is stuck; it is dropped, not waited for. */
const MAX_BACKLOG_BYTES = 32 * 1024 * 1024;

export class AppConnection {
  authenticated = false;
  readonly routes = new Set<string>();
  tags: string[] = [];

  constructor(readonly id: string, readonly socket: net.Socket) {}

  get label(): string {
    return `${this.socket.remoteAddress}:${this.socket.remotePort}`;
  }

  /** Set once the edge ends this connection: nothing more is read from it nor written to it. */
  closing = false;

  /**
   * Writes a frame without ever waiting for the app: SIP must not stall on a slow reader. Never
   * throws, and never writes to a socket that is ended or destroyed.
   */
  send(payload: string): boolean {
    if (this.closing || this.socket.destroyed || this.socket.writableEnded) return false;
    if (this.socket.writableLength > MAX_BACKLOG_BYTES) {
      this.socket.destroy();
      return false;
    }
    try {
      this.socket.write(encodeFrame(payload));
      return true;
    } catch {
      return false;
    }
  }

  /** Ends the connection after what was written so far (e.g. the answer to a wrong secret). */
  end(): void {
    this.closing = true;
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 2_000).unref();
  }
}

export class AppRegistry {
  private apps = new Map<string, AppConnection>();
  private routes = new Map<string, string[]>();
  private offsets = new Map<string, number>();

  add(app: AppConnection): void {
    this.apps.set(app.id, app);
  }

  get(id: string): AppConnection | undefined {
    return this.apps.get(id);
  }

  all(): AppConnection[] {
    return [...this.apps.values()];
  }

  remove(id: string): void {
    this.apps.delete(id);
    for (const [method, ids] of this.routes) {
      this.routes.set(method, ids.filter((x) => x !== id));
    }
  }

  addRoute(app: AppConnection, method: string): void {
    const m = method.toLowerCase();
    app.routes.add(m);
    const ids = this.routes.get(m) ?? [];
    if (!ids.includes(app.id)) ids.push(app.id);
    this.routes.set(m, ids);
  }

  removeRoute(app: AppConnection, method: string): void {
    const m = method.toLowerCase();
    app.routes.delete(m);
    this.routes.set(m, (this.routes.get(m) ?? []).filter((x) => x !== app.id));
  }

  /** Next app (round robin) that routed this method and is still connected. */
  select(method: string): AppConnection | undefined {
    const m = method.toLowerCase();
    const ids = (this.routes.get(m) ?? []).filter((id) => {
      const a = this.apps.get(id);
      return a && a.authenticated && !a.socket.destroyed;
    });
    if (ids.length === 0) return undefined;
    const offset = (this.offsets.get(m) ?? 0) % ids.length;
    this.offsets.set(m, offset + 1);
    return this.apps.get(ids[offset]);
  }
}
