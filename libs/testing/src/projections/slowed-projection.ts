import { defineProjection, type Projection, type ProjectionHandler } from '@glint/projection-engine';

/**
 * The same projection, waiting `delayMs` inside its transaction before each event: it keeps a
 * batch's transaction open long enough for a test to kill the process inside it. The escape hatch
 * opens the transaction at the first event, and flushes what each event wrote before the next.
 */
export function slowedProjection(projection: Projection, delayMs: number): Projection {
  const slowed: ProjectionHandler = async (event, tables, sql) => {
    await sql.execute('SELECT 1');
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    await projection.allEvents?.(event, tables, sql);
  };
  return defineProjection()({
    name: projection.name,
    tables: projection.tables,
    handlers: projection.handlers,
    allEvents: slowed,
  });
}
