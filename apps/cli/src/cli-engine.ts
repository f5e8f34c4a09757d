import type { EventStore } from '@glint/eventstore';
import { createProjectionEngine, type ProjectionEngine, type ProjectionEngineLogger } from '@glint/projection-engine';
import { projections } from '@glint/projections';
import type { CliEnvironment } from './cli-environment';
import type { CliOutput } from './cli-output';

/** Runs a command against the platform's store and every projection; both are closed when it ends, however it ends. */
export async function withEngine(environment: CliEnvironment, output: CliOutput, work: (engine: ProjectionEngine, store: EventStore) => Promise<number>): Promise<number> {
  const store = environment.createStore();
  const engine = createProjectionEngine({ store, databaseUrl: environment.databaseUrl, projections, logger: errorsOnly(output.stderr) });
  try {
    return await work(engine, store);
  } finally {
    await engine.stop();
    await store.close();
  }
}

/** The command's own output says what happened; only failures deserve a log line. */
function errorsOnly(stream: NodeJS.WritableStream): ProjectionEngineLogger {
  return {
    log: () => undefined,
    error: (entry) => stream.write(`${JSON.stringify({ level: 'error', ...entry })}\n`),
  };
}
