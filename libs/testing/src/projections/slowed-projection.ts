import { defineProjection, type Projection } from '@glint/projection-engine';

/**
 * The same projection, waiting `delayMs` before each event: it keeps a batch's transaction open
 * long enough for a test to kill the process inside it.
 */
export function slowedProjection(projection: Projection, delayMs: number): Projection {
  return defineProjection(projection.name, {
    tables: [...projection.tables],
    entities: [...projection.entities],
    handlers: { ...projection.handlers },
    allEvents: async (event, em) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return projection.allEvents?.(event, em);
    },
  });
}
