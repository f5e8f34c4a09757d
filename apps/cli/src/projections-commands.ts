import { createProjectionEngine, type ProjectionEngine, type ProjectionEngineLogger } from '@glint/projection-engine';
import { projections } from '@glint/projections';
import type { CliEnvironment } from './cli-environment';
import { RebuildProgressBar, formatRate } from './rebuild-progress-bar';

export interface CliOutput {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** `projections rebuild <name>`: replays the log into fresh tables, swaps them in, prints the totals last. */
export async function rebuildCommand(name: string, environment: CliEnvironment, output: CliOutput): Promise<number> {
  const bar = new RebuildProgressBar(output.stderr);
  return withEngine(environment, output, async (engine) => {
    try {
      const result = await engine.rebuild(name, (progress) => bar.update(progress));
      bar.stop();
      const seconds = (result.durationMs / 1000).toFixed(1);
      output.stderr.write(
        `Rebuilt ${result.projection}: ${result.eventsReplayed.toLocaleString('en-US')} events in ${seconds}s ` +
          `(${formatRate(result.eventsReplayed, result.durationMs)} events/s), live from position ${result.position}.\n`,
      );
      return 0;
    } catch (error) {
      bar.stop();
      output.stderr.write(`Rebuild of ${name} failed, the live tables are unchanged: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  });
}

/** `projections list`: each projection's checkpoint and how far it trails the log. */
export async function listCommand(environment: CliEnvironment, output: CliOutput): Promise<number> {
  return withEngine(environment, output, async (engine) => {
    const rows = (await engine.lag()).map((lag) => [lag.name, String(lag.checkpoint), String(lag.headPosition), String(lag.eventsBehind), lag.secondsBehind.toFixed(1)]);
    const table = [['projection', 'checkpoint', 'head', 'events behind', 'seconds behind'], ...rows];
    const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
    for (const row of table) output.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()}\n`);
    return 0;
  });
}

async function withEngine(environment: CliEnvironment, output: CliOutput, work: (engine: ProjectionEngine) => Promise<number>): Promise<number> {
  const store = environment.createStore();
  const engine = createProjectionEngine({ store, databaseUrl: environment.databaseUrl, projections, logger: errorsOnly(output.stderr) });
  try {
    return await work(engine);
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
