import { Client } from 'pg';

const LOCK_NAME = 'glint.live-relay';
const CHECKPOINT_NAME = 'live_relay';

/**
 * The relay's own PostgreSQL session: it holds the advisory lock that makes one relay active across
 * every platform process, and reads and moves the relay's checkpoint. The lock lives exactly as long
 * as the session, so when the holding process dies another takes over with no lease to expire.
 */
export class RelaySession {
  private readonly lostController = new AbortController();

  private constructor(private readonly client: Client) {}

  static async open(databaseUrl: string): Promise<RelaySession> {
    const client = new Client({ connectionString: databaseUrl, keepAlive: true, application_name: 'glint-live-relay' });
    const session = new RelaySession(client);
    client.on('error', () => session.lostController.abort());
    client.on('end', () => session.lostController.abort());
    await client.connect();
    return session;
  }

  /** Aborted when the session ends under the relay: the lock is no longer its own. */
  get lost(): AbortSignal {
    return this.lostController.signal;
  }

  async tryLock(): Promise<boolean> {
    const { rows } = await this.client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [LOCK_NAME]);
    return rows[0].locked;
  }

  /**
   * Where the relay goes on from. The first relay ever starts at `headPosition`: live frames are for
   * who is watching now, so the log's past is not sent again.
   */
  async checkpoint(headPosition: number): Promise<number> {
    await this.client.query('INSERT INTO live_relay_checkpoints (name, position) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [CHECKPOINT_NAME, headPosition]);
    const { rows } = await this.client.query<{ position: string }>('SELECT position FROM live_relay_checkpoints WHERE name = $1', [CHECKPOINT_NAME]);
    return Number(rows[0].position);
  }

  async moveCheckpoint(position: number): Promise<void> {
    await this.client.query('UPDATE live_relay_checkpoints SET position = $2, updated_at = now() WHERE name = $1', [CHECKPOINT_NAME, position]);
  }

  /** Ends the session, which frees the lock whether or not it was taken. */
  async close(): Promise<void> {
    this.client.removeAllListeners('end');
    await this.client.end().catch(() => undefined);
  }
}
