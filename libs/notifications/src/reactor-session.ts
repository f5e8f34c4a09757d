import { Client } from 'pg';

/**
 * A reactor's own PostgreSQL session: it holds the advisory lock that makes one instance of the
 * reactor active across every platform process, and reads and moves its checkpoint. The lock lives
 * exactly as long as the session, so when the holding process dies another takes over at once.
 */
export class ReactorSession {
  private readonly lostController = new AbortController();

  private constructor(
    private readonly client: Client,
    private readonly name: string,
  ) {}

  static async open(databaseUrl: string, name: string): Promise<ReactorSession> {
    const client = new Client({ connectionString: databaseUrl, keepAlive: true, application_name: `glint-reactor-${name}` });
    const session = new ReactorSession(client, name);
    client.on('error', () => session.lostController.abort());
    client.on('end', () => session.lostController.abort());
    await client.connect();
    return session;
  }

  /** Aborted when the session ends under the reactor: the lock is no longer its own. */
  get lost(): AbortSignal {
    return this.lostController.signal;
  }

  async tryLock(): Promise<boolean> {
    const { rows } = await this.client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [`glint.reactor.${this.name}`]);
    return rows[0].locked;
  }

  /** Where the reactor goes on from; the first instance ever starts at `headPosition`. */
  async checkpoint(headPosition: number): Promise<number> {
    await this.client.query('INSERT INTO reactor_checkpoints (name, position) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [this.name, headPosition]);
    const { rows } = await this.client.query<{ position: string }>('SELECT position FROM reactor_checkpoints WHERE name = $1', [this.name]);
    return Number(rows[0].position);
  }

  async moveCheckpoint(position: number): Promise<void> {
    await this.client.query('UPDATE reactor_checkpoints SET position = $2, updated_at = now() WHERE name = $1', [this.name, position]);
  }

  /** Ends the session, which frees the lock whether or not it was taken. */
  async close(): Promise<void> {
    this.client.removeAllListeners('end');
    await this.client.end().catch(() => undefined);
  }
}
