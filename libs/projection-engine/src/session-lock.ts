import { Client } from 'pg';

/**
 * A PostgreSQL session holding advisory locks, on a connection of its own. A lock lives exactly as
 * long as the session: when the holding process dies, PostgreSQL ends its session and the locks are
 * free for the next process to take over, with no lease to expire. One session holds the locks of
 * every consumer a process runs.
 */
export class LockSession {
  private readonly lostController = new AbortController();

  private constructor(private readonly client: Client) {}

  static async open(databaseUrl: string, applicationName: string): Promise<LockSession> {
    const client = new Client({ connectionString: databaseUrl, keepAlive: true, application_name: applicationName });
    const session = new LockSession(client);
    client.on('error', () => session.lostController.abort());
    client.on('end', () => session.lostController.abort());
    try {
      await client.connect();
    } catch (error) {
      await session.close();
      throw error;
    }
    return session;
  }

  /** Aborted when the session ends under us: from then on none of its locks is ours. */
  get lost(): AbortSignal {
    return this.lostController.signal;
  }

  /** Takes the lock named `name` if no other session holds it; every process that competes uses the same name. */
  async tryLock(name: string): Promise<boolean> {
    const { rows } = await this.client.query<{ acquired: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS acquired', [name]);
    return rows[0].acquired;
  }

  /** Ends the session, which frees every lock it took. */
  async close(): Promise<void> {
    this.client.removeAllListeners('end');
    await this.client.end().catch(() => undefined);
  }
}
