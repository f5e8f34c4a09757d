import type { Pool, PoolClient } from 'pg';
import { runPrepared } from './sql-pool';

/** Where the projections' checkpoints live; a rebuild keeps its own copy in its schema. */
export const LIVE_CHECKPOINTS = 'public.projection_checkpoints';

/**
 * Checkpoint rows are a consumer's write lock: every transaction that applies a projection's
 * events first locks its row, so exactly one writer at a time decides which events come next.
 * Creates the rows that do not exist yet, at the position each consumer starts from the first time.
 */
export async function ensureCheckpoints(client: PoolClient, table: string, initial: ReadonlyMap<string, number>): Promise<void> {
  if (initial.size === 0) return;
  await runPrepared(client, `INSERT INTO ${table} (name, position) SELECT * FROM unnest($1::text[], $2::int8[]) ON CONFLICT (name) DO NOTHING`, [[...initial.keys()], [...initial.values()]]);
}

export async function readCheckpoints(client: PoolClient, table: string): Promise<Map<string, number>> {
  const rows = await runPrepared<{ name: string; position: number }>(client, `SELECT name, position FROM ${table}`, []);
  return new Map(rows.map((row) => [row.name, row.position]));
}

/**
 * Moves checkpoints forward, never back: another writer (an inline catch-up, a rebuild's swap) may
 * have moved one further meanwhile, and what it applied stays applied.
 */
export async function storeCheckpoints(client: PoolClient, table: string, positions: ReadonlyMap<string, number>): Promise<void> {
  if (positions.size === 0) return;
  await runPrepared(
    client,
    `UPDATE ${table} AS c SET position = greatest(c.position, u.position), updated_at = now() FROM unnest($1::text[], $2::int8[]) AS u(name, position) WHERE c.name = u.name AND c.position < u.position`,
    [[...positions.keys()], [...positions.values()]],
  );
}

/** Locks the checkpoint row until the transaction ends, and answers its position. */
export async function lockCheckpoint(client: PoolClient, table: string, name: string): Promise<number> {
  const stored = await runPrepared<{ position: number }>(client, `SELECT position FROM ${table} WHERE name = $1 FOR UPDATE`, [name]);
  if (stored.length === 0) throw new Error(`"${name}" has no checkpoint row in ${table}; the engine creates it on start.`);
  return stored[0].position;
}

/**
 * Claims the checkpoint row for a batch: locks it and moves it to `endPosition` if the stored
 * position is before `firstPosition`, the first event the batch applies. Otherwise someone else
 * applied events of the batch already: answers the stored position, with the row locked.
 */
export async function claimCheckpoint(client: PoolClient, table: string, name: string, firstPosition: number, endPosition: number): Promise<{ claimed: true } | { claimed: false; storedPosition: number }> {
  const claimed = await runPrepared(client, `UPDATE ${table} SET position = $3, updated_at = now() WHERE name = $1 AND position < $2 RETURNING position`, [name, firstPosition, endPosition]);
  if (claimed.length > 0) return { claimed: true };
  return { claimed: false, storedPosition: await lockCheckpoint(client, table, name) };
}

/**
 * Claims the rows of several checkpoints at once, each as `claimCheckpoint` does with its own first
 * position; answers how many were claimed (the rest, someone else moved past their batch's start).
 */
export async function claimCheckpoints(client: PoolClient, table: string, firstPositions: ReadonlyMap<string, number>, endPosition: number): Promise<number> {
  const claimed = await runPrepared(
    client,
    `UPDATE ${table} AS c SET position = $3, updated_at = now() FROM unnest($1::text[], $2::int8[]) AS u(name, first) WHERE c.name = u.name AND c.position < u.first RETURNING c.name`,
    [[...firstPositions.keys()], [...firstPositions.values()], endPosition],
  );
  return claimed.length;
}

/** Runs `work` on a connection of the pool, given back however it ends. */
export async function withConnection<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    return await work(client);
  } catch (error) {
    broken = isConnectionError(error);
    throw error;
  } finally {
    client.release(broken);
  }
}

/** A connection that failed this way is not given back to the pool to be used again. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code.startsWith('08') || code === '57P01';
  return error instanceof Error && error.message.startsWith('Connection terminated');
}
