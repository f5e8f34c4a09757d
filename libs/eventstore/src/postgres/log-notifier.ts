import { Client, type ClientConfig } from 'pg';

const CHANNEL = 'glint_events';

/**
 * Tells waiting subscribers that the log grew, through one LISTEN connection per store.
 * Notifications only shorten the wait: subscribers also re-read every `pollIntervalMs`, so a lost
 * notification or a dropped connection delays delivery but never loses an event.
 */
export class LogNotifier {
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private latestHead = 0;
  private readonly waiters = new Set<() => void>();
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: ClientConfig,
    private readonly pollIntervalMs: number,
  ) {}

  /** Resolves when the log may hold events after `position`, after the poll interval at the latest. */
  async waitBeyond(position: number, signal: { stopped: boolean; wake?: () => void }): Promise<void> {
    this.ensureListening();
    if (this.latestHead > position || signal.stopped) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      signal.wake = done;
      this.waiters.add(done);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const wake of [...this.waiters]) wake();
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  private ensureListening(): void {
    if (this.client || this.connecting || this.closed) return;
    this.connecting = this.listen().finally(() => {
      this.connecting = null;
    });
  }

  private async listen(): Promise<void> {
    const client = new Client(this.config);
    client.on('notification', (message) => {
      const head = Number(message.payload);
      if (head > this.latestHead) this.latestHead = head;
      for (const wake of [...this.waiters]) wake();
    });
    client.on('error', () => this.dropped(client));
    client.on('end', () => this.dropped(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.client = client;
    } catch {
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  private dropped(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.ensureListening();
    }, this.pollIntervalMs);
    this.reconnectTimer.unref();
  }
}
