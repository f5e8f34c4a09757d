import { ProjectionLagQuery, RebuildProjectionCommand } from '@glint/runtime';
import type { CliBuses } from './cli-application';
import { writeTable, type CliOutput } from './cli-output';
import { RebuildProgressBar, formatRate, rebuildLabel } from './rebuild-progress-bar';

/**
 * `projections rebuild <name>|--all`: replays the log, read once, into fresh tables of one
 * projection or of every one, swaps them in, prints the totals last.
 */
export async function rebuildCommand(target: string | 'all', { commands }: CliBuses, output: CliOutput): Promise<number> {
  const bar = new RebuildProgressBar(output.stderr);
  try {
    const result = await commands.execute(new RebuildProjectionCommand(target === 'all' ? 'all' : [target], (progress) => bar.update(progress)));
    bar.stop();
    const seconds = (result.durationMs / 1000).toFixed(1);
    output.stderr.write(
      `Rebuilt ${rebuildLabel(result.projections)}: ${result.eventsReplayed.toLocaleString('en-US')} events in ${seconds}s ` +
        `(${formatRate(result.eventsReplayed, result.durationMs)} events/s), live from position ${result.position}.\n`,
    );
    return 0;
  } catch (error) {
    bar.stop();
    const what = target === 'all' ? 'every projection' : target;
    output.stderr.write(`Rebuild of ${what} failed, the live tables are unchanged: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** `projections list`: each projection's checkpoint and how far it trails the log. */
export async function listCommand({ queries }: CliBuses, output: CliOutput): Promise<number> {
  const rows = (await queries.execute(new ProjectionLagQuery())).map((lag) => [lag.name, String(lag.checkpoint), String(lag.headPosition), String(lag.eventsBehind), lag.secondsBehind.toFixed(1)]);
  writeTable(output.stdout, [['projection', 'checkpoint', 'head', 'events behind', 'seconds behind'], ...rows]);
  return 0;
}
