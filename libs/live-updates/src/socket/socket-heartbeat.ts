import type { WebSocket, WebSocketServer } from 'ws';

const HEARTBEAT_INTERVAL_MS = 30_000;

/**
 * Pings every socket of a server each interval and ends those that did not answer the last ping: a
 * viewer whose network vanished without a close stops holding subscriptions and memory.
 */
export class SocketHeartbeat {
  private readonly answered = new WeakSet<WebSocket>();
  private timer: NodeJS.Timeout | null = null;

  watch(socket: WebSocket): void {
    this.answered.add(socket);
    socket.on('pong', () => this.answered.add(socket));
  }

  start(server: WebSocketServer): void {
    this.timer ??= setInterval(() => {
      for (const socket of server.clients) {
        if (!this.answered.delete(socket)) {
          socket.terminate();
          continue;
        }
        socket.ping();
      }
    }, HEARTBEAT_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
