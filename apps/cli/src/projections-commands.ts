import type { CliEnvironment } from './cli-environment';
import { withEngine } from './cli-engine';
import { writeTable, type CliOutput } from './cli-output';
import { RebuildProgressBar, formatRate } from './rebuild-progress-bar';

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
    writeTable(output.stdout, [['projection', 'checkpoint', 'head', 'events behind', 'seconds behind'], ...rows]);
    return 0;
  });
}
