import type { EntityManager } from '@mikro-orm/postgresql';

/** Where a projection's checkpoint lives: the live table in `public`, or a rebuild's own copy. */
export const LIVE_CHECKPOINTS = 'public.projection_checkpoints';

/**
 * Checkpoint rows are the projection's write lock: every transaction that applies events first
 * locks its row, so exactly one writer at a time decides which events come next.
 */
export async function ensureCheckpoint(em: EntityManager, table: string, projection: string): Promise<void> {
  await em.execute(`INSERT INTO ${table} (name, position) VALUES (?, 0) ON CONFLICT (name) DO NOTHING`, [projection], 'run');
}

export async function lockCheckpoint(em: EntityManager, table: string, projection: string): Promise<number> {
  const rows = await em.execute<Array<{ position: string }>>(`SELECT position FROM ${table} WHERE name = ? FOR UPDATE`, [projection]);
  if (rows.length === 0) throw new Error(`Projection "${projection}" has no checkpoint row in ${table}; the engine creates it on start.`);
  return Number(rows[0].position);
}

export async function writeCheckpoint(em: EntityManager, table: string, projection: string, position: number): Promise<void> {
  await em.execute(`UPDATE ${table} SET position = ?, updated_at = now() WHERE name = ?`, [position, projection], 'run');
}

/** The stored position, or undefined before the projection's first start. */
export async function readCheckpoint(em: EntityManager, table: string, projection: string): Promise<number | undefined> {
  const rows = await em.execute<Array<{ position: string }>>(`SELECT position FROM ${table} WHERE name = ?`, [projection]);
  return rows.length === 0 ? undefined : Number(rows[0].position);
}

export async function readCheckpoints(em: EntityManager, table: string): Promise<Map<string, number>> {
  const rows = await em.execute<Array<{ name: string; position: string }>>(`SELECT name, position FROM ${table}`);
  return new Map(rows.map((row) => [row.name, Number(row.position)]));
}
