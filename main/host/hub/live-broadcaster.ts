// Live push: tells each client's socket the workspace's vector whenever new
// events are stored, so clients pull at once instead of polling. It hears of
// changes through the database (LISTEN/NOTIFY), never from this process alone,
// so a batch stored by any hub process sharing the database wakes the clients of
// all of them. A burst of stores is coalesced: a slow reader gets the latest
// vector, not a backlog.
import type { WebSocket } from 'ws';
import type { Logger } from '../../services/logger';
import type { SqlEventStore } from '../store/sql-event-log';
import type { LiveMessage } from './hub-protocol';

export interface LiveBroadcasterOptions {
  readonly store: SqlEventStore;
  readonly log: Logger;
  /** How often silent sockets are pinged, and dropped when they did not answer the last ping. */
  readonly heartbeatMs: number;
}

export class LiveBroadcaster {
  private readonly sockets = new Map<string, Set<WebSocket>>();
  private readonly isAlive = new WeakMap<WebSocket, boolean>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly dirty = new Set<string>();
  private unsubscribe: (() => Promise<void>) | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly options: LiveBroadcasterOptions) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.options.store.onChange(
      (workspace) => this.changed(workspace),
      // Announcements may have been lost with the database connection: resend them all.
      () => {
        for (const workspace of this.sockets.keys()) this.changed(workspace);
      },
    );
    this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Follows `workspace` on `socket`; the socket hears the current vector at once. */
  add(workspace: string, socket: WebSocket): void {
    let sockets = this.sockets.get(workspace);
    if (!sockets) {
      sockets = new Set();
      this.sockets.set(workspace, sockets);
    }
    sockets.add(socket);
    this.isAlive.set(socket, true);
    socket.on('pong', () => this.isAlive.set(socket, true));
    socket.on('error', (error) => this.options.log.debug('live socket error', error.message));
    socket.on('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0 && this.sockets.get(workspace) === sockets) this.sockets.delete(workspace);
    });
    // The client may have missed changes while it was away: it learns where things stand.
    this.send(workspace, [socket]).catch((error: unknown) =>
      this.options.log.warn(`could not read the vector of ${workspace}`, error),
    );
  }

  /** A change was announced: broadcast once now, and once more after if more come meanwhile. */
  changed(workspace: string): void {
    if (!this.sockets.has(workspace)) return;
    if (this.running.has(workspace)) {
      this.dirty.add(workspace);
      return;
    }
    const run = (async () => {
      do {
        this.dirty.delete(workspace);
        await this.send(workspace, [...(this.sockets.get(workspace) ?? [])]);
      } while (this.dirty.has(workspace));
    })()
      .catch((error: unknown) => this.options.log.warn(`live broadcast for ${workspace} failed`, error))
      .finally(() => this.running.delete(workspace));
    this.running.set(workspace, run);
  }

  private async send(workspace: string, sockets: readonly WebSocket[]): Promise<void> {
    if (sockets.length === 0) return;
    const message: LiveMessage = { kind: 'changed', vector: await this.options.store.log(workspace).vector() };
    const frame = JSON.stringify(message);
    for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(frame);
  }

  private beat(): void {
    for (const sockets of this.sockets.values()) {
      for (const socket of sockets) {
        if (!this.isAlive.get(socket)) {
          socket.terminate();
          continue;
        }
        this.isAlive.set(socket, false);
        socket.ping();
      }
    }
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const sockets of this.sockets.values()) for (const socket of sockets) socket.terminate();
    this.sockets.clear();
    await this.unsubscribe?.();
    await Promise.all(this.running.values());
  }
}
