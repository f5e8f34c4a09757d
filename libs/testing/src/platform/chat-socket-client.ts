import WebSocket from 'ws';

export interface ReceivedFrame {
  event: string;
  data: any;
  id?: string;
}

/**
 * A test's WebSocket client: keeps every frame it receives, so a test waits for the one it expects
 * (and can tell that another never came), and remembers how the server closed it.
 */
export class SocketClient {
  readonly frames: ReceivedFrame[] = [];
  closed: { code: number; reason: string } | null = null;
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      this.frames.push(JSON.parse(raw.toString()) as ReceivedFrame);
      this.wake();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  static connect(url: string): Promise<SocketClient> {
    const socket = new WebSocket(url);
    const client = new SocketClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  send(event: string, data?: unknown): void {
    this.socket.send(JSON.stringify({ event, data }));
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  /** The first frame from now on (or already received, after `since`) that matches. */
  async next(matches: (frame: ReceivedFrame) => boolean, options: { since?: number; timeoutMs?: number } = {}): Promise<ReceivedFrame> {
    const found = await this.until(() => this.frames.slice(options.since ?? 0).find(matches), options.timeoutMs ?? 10_000, 'a matching frame');
    return found;
  }

  async closure(timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
    return this.until(() => this.closed ?? undefined, timeoutMs, 'the socket to close');
  }

  /** Sends and waits for the reply: the first frame after it whose event is one of `replies`. */
  async request(event: string, data: unknown, replies: string[] = ['error']): Promise<ReceivedFrame> {
    const since = this.frames.length;
    this.send(event, data);
    return this.next((frame) => replies.includes(frame.event), { since });
  }

  close(): void {
    this.socket.close();
  }

  private until<T>(found: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = found();
        if (value === undefined) return false;
        clearTimeout(timer);
        this.waiters.delete(checkAndResolve);
        resolve(value);
        return true;
      };
      const checkAndResolve = () => void check();
      const timer = setTimeout(() => {
        this.waiters.delete(checkAndResolve);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; frames so far: ${JSON.stringify(this.frames)}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(checkAndResolve);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
