import { createHash } from 'node:crypto';
import { Pool, types as pgTypes, type PoolClient } from 'pg';

const INT8_OID = 20;
// Positions and counts stay far below 2^53: `bigint` columns read as numbers, as the row types say.
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pgTypes.getTypeParser(oid, format)) as typeof pgTypes.getTypeParser,
};

/**
 * The engine's own connections: the batch writers' transactions, checkpoints and rebuilds go
 * through `pg` directly, as named prepared statements, never through the ORM the read functions use.
 *
 * Their commits do not wait for the WAL flush (`synchronous_commit = off`): everything written here
 * is derived from the log and commits together with its checkpoint, so a crash that loses the last
 * commits loses the checkpoints with them, and the events are applied again. A commit is visible
 * to every other session at once either way; only the wait for the disk goes.
 */
export function createSqlPool(databaseUrl: string, size: number): Pool {
  const pool = new Pool({ connectionString: databaseUrl, max: size, types: typeParsers, options: '-c synchronous_commit=off' });
  // A dropped idle connection must not crash the process; the pool replaces it on next use.
  pool.on('error', () => undefined);
  // So must one dropped while checked out: its statement fails, and the pool discards it on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/**
 * Runs a statement prepared once per connection. The name comes from the text, so two texts never
 * share a name, and the text of a batch writer's statement depends only on the table and the
 * columns it writes, never on the number of rows: a handful of plans per table, parsed once each.
 */
export async function runPrepared<Row extends Record<string, unknown> = Record<string, unknown>>(client: PoolClient, text: string, values: unknown[]): Promise<Row[]> {
  const result = await client.query<Row>({ name: statementName(text), text, values });
  return result.rows;
}

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `glint_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}
