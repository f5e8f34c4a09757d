import type { Client } from 'pg';
import { newEventId, type Actor, type EventStore } from '@glint/eventstore';
import { createProjectionEngine, type Projection, type ProjectionEngine, type ProjectionLogEntry } from '@glint/projection-engine';
import type { TestStore } from '../database/test-store';

export const userActor = (userId: string, role = 'user'): Actor => ({ type: 'user', userId, role });

export interface Fact {
  type: string;
  data: unknown;
  actor?: Actor;
  occurredAt?: string;
}

/** Appends facts to one stream as the context that owns it would have; returns the last position. */
export async function record(store: EventStore, streamName: string, ...facts: Fact[]): Promise<number> {
  const result = await store.append(
    streamName,
    facts.map((fact) => ({
      id: newEventId(),
      type: fact.type,
      data: fact.data,
      metadata: { correlationId: `correlation-${streamName}`, causationId: null, actor: fact.actor ?? { type: 'system' }, occurredAt: fact.occurredAt ?? '2026-11-24T12:00:00.000Z' },
    })),
  );
  return result.lastPosition;
}

/** An engine over the given projections that keeps every failed batch, so a test can demand none. */
export function engineFor(opened: TestStore, projections: Projection[]): { engine: ProjectionEngine; errors: ProjectionLogEntry[] } {
  const errors: ProjectionLogEntry[] = [];
  const engine = createProjectionEngine({
    store: opened.store,
    databaseUrl: opened.database.url,
    projections,
    logger: { log: () => undefined, error: (entry) => errors.push(entry) },
  });
  return { engine, errors };
}

/** Every row of a table in a stable order, to compare a rebuild with the live rows. */
export async function tableRows(sql: Client, table: string, orderBy: string): Promise<unknown[]> {
  return (await sql.query(`SELECT * FROM ${table} ORDER BY ${orderBy}`)).rows;
}

/** Replays the whole log into fresh tables and returns the rows the rebuild swapped in. */
export async function rebuiltRows(engine: ProjectionEngine, sql: Client, projection: string, table: string, orderBy: string): Promise<unknown[]> {
  await engine.rebuild([projection]);
  return tableRows(sql, table, orderBy);
}
