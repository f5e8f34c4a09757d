import { Client } from 'pg';

/**
 * A PostgreSQL session advisory lock on a connection of its own. The lock lives exactly as long as
 * the session: when the holding process dies, PostgreSQL ends its session and the lock is free for
 * the next process to take over, with no lease to expire.
 */
export class SessionLock {
  private client: Client | null = null;
  private readonly lostController = new AbortController();

  constructor(
    private readonly databaseUrl: string,
    /** Hashed into the 64-bit lock key; every process that competes must use the same name. */
    readonly lockName: string,
  ) {}

  /** Aborted when the session holding the lock ends under us: from then on the lock is not ours. */
  get lost(): AbortSignal {
    return this.lostController.signal;
  }

  async tryAcquire(): Promise<boolean> {
    const client = new Client({ connectionString: this.databaseUrl, keepAlive: true });
    client.on('error', () => this.lostController.abort());
    client.on('end', () => this.lostController.abort());
    await client.connect();
    this.client = client;
    const result = await client.query<{ acquired: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS acquired', [this.lockName]);
    return result.rows[0].acquired;
  }

  /** Ends the session, which frees the lock whether or not it was taken. */
  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    client.removeAllListeners('end');
    await client.end().catch(() => undefined);
  }
}
