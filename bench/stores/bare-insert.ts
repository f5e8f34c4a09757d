import { Pool } from 'pg';
import { newEvent } from '../events';
import type { NewStreamTarget } from './targets';

/**
 * The floor of any store that commits each append on its own: one single-row INSERT in its own
 * (autocommit) transaction per append, no checks, no second table.
 */
export class BareInsertTarget implements NewStreamTarget {
  readonly store = 'bare_insert' as const;
  private readonly pool: Pool;

  constructor(connectionString: string, poolSize: number) {
    this.pool = new Pool({ connectionString, max: poolSize });
  }

  async createTable(): Promise<void> {
    await this.pool.query('CREATE TABLE IF NOT EXISTS bare_events (id bigserial PRIMARY KEY, stream text NOT NULL, data jsonb NOT NULL)');
  }

  async appendToNewStream(streamName: string, sequence: number): Promise<void> {
    const event = newEvent(streamName, sequence);
    await this.pool.query('INSERT INTO bare_events (stream, data) VALUES ($1, $2)', [streamName, JSON.stringify(event)]);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
